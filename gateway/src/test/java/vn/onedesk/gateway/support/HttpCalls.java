package vn.onedesk.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.onedesk.protocol.JsonCodec;

/** Plain HTTP calls with the JDK's client: no cookie jar, so every cookie and header a test sends is in sight. */
public final class HttpCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpCalls() {
    }

    /** GET with header name/value pairs. */
    public static HttpResponse<String> get(String uri, String... headers) {
        return send(request(uri, headers).GET().build());
    }

    /** POST of a JSON body (Content-Type application/json), with header name/value pairs. */
    public static HttpResponse<String> postJson(String uri, String json, String... headers) {
        return send(request(uri, headers).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST without a body. */
    public static HttpResponse<String> post(String uri, String... headers) {
        return send(request(uri, headers).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Any method with a JSON body (or none, when null), with header name/value pairs. */
    public static HttpResponse<String> call(String method, String uri, String json, String... headers) {
        HttpRequest.Builder b = request(uri, headers);
        if (json != null) {
            b.header("content-type", "application/json");
        }
        return send(b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JsonCodec.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The error code of an error answer ({"error":{"code",...}}). */
    public static String errorCode(HttpResponse<String> response) {
        return json(response).path("error").path("code").asText();
    }

    private static HttpRequest.Builder request(String uri, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
