package vn.onedesk.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.onedesk.protocol.JsonCodec;

/**
 * Logs staff in over the real {@code POST /api/v1/auth/login}, for tests that read what needs a login: the demo
 * staff ({@code manager}, {@code admin}, {@code officer-Q01} …, password {@code demo}) or any other account.
 */
public final class Logins {
    public static final String DEMO_PASSWORD = "demo";

    private Logins() {
    }

    /** The demo centre's manager's bearer token. */
    public static String manager(GatewayHarness gateway) {
        return token(gateway, "manager", DEMO_PASSWORD);
    }

    /** The demo administrator's bearer token. */
    public static String admin(GatewayHarness gateway) {
        return token(gateway, "admin", DEMO_PASSWORD);
    }

    /** Logs in and returns the session's token; fails the test unless the login answers 200. */
    public static String token(GatewayHarness gateway, String username, String password) {
        HttpResponse<String> response = login(gateway, username, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("login as " + username + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode body = JsonCodec.tree(response.body().getBytes(StandardCharsets.UTF_8));
        return body.path("token").asText();
    }

    /** The raw answer of a login attempt. */
    public static HttpResponse<String> login(GatewayHarness gateway, String username, String password) {
        String body = "{\"username\":" + quoted(username) + ",\"password\":" + quoted(password) + "}";
        return HttpCalls.send(HttpRequest.newBuilder(URI.create(gateway.httpUri("/api/v1/auth/login")))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The value of an {@code Authorization} header carrying this token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    static String quoted(String text) {
        return io.vertx.core.json.Json.encode(text);
    }
}
