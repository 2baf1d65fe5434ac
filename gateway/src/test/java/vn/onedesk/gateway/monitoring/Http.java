package vn.onedesk.gateway.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import vn.onedesk.monitoring.check.Exposition;

/** Plain HTTP GETs against the gateway and Prometheus, with the JDK's own client. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(String uri) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET /metrics, checked to be 200 in the Prometheus text format, and parsed. */
    static Exposition scrape(String metricsUri) {
        HttpResponse<String> response = get(metricsUri);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + metricsUri + " answered " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("text/plain; version=0.0.4")) {
            throw new AssertionError("the scrape's content type is " + type);
        }
        return Exposition.parse(response.body());
    }
}
