package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Issue 13, finding 9: the pages had no Content-Security-Policy and no X-Frame-Options, so any site could frame the
 * counter console or the administration (clickjacking) and nothing limited what an injected script could load.
 */
class SecurityHeadersTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/display/hall", "/display/counter/Q05", "/kiosk", "/counter",
            "/ticket/q3Vd0T5c1mXnYB8kZ2uR7w?c=hcc-tinh", "/admin", "/assets/kiosk.js", "/assets/base.css",
            "/assets/no-such-file.js"})
    void everyPageAndAssetAllowsOnlyTheGatewaysOwnFilesAndCannotBeFramed(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of());
        Map<String, String> csp = directives(header(response, "content-security-policy"));
        assertEquals("'self'", csp.get("default-src"));
        assertEquals("'self'", csp.get("script-src"), "no inline script, no eval, no CDN");
        assertEquals("'self'", csp.get("style-src"), "no inline style");
        assertEquals("'self' data:", csp.get("img-src"));
        String own = "127.0.0.1:" + gateway.httpPort();
        assertEquals("'self' ws://" + own + " wss://" + own, csp.get("connect-src"),
                "MQTT over WebSocket to the gateway itself, and nowhere else");
        assertEquals("'none'", csp.get("frame-ancestors"));
        assertEquals("'none'", csp.get("object-src"));
        assertEquals("'none'", csp.get("base-uri"));
        assertEquals("DENY", header(response, "x-frame-options"));
        assertEquals("no-referrer", header(response, "referrer-policy"), "the ticket page's URL holds its token");
        assertEquals("nosniff", header(response, "x-content-type-options"));
    }

    @Test
    void thePoliciesConnectSourceFollowsTheHostThePageWasAskedForAndIgnoresAHostThatCouldInjectADirective()
            throws Exception {
        assertEquals("'self' ws://screens.centre.example:8080 wss://screens.centre.example:8080",
                directives(SecurityHeaders.pagePolicy(io.vertx.core.net.HostAndPort.create(
                        "screens.centre.example", 8080))).get("connect-src"));
        assertEquals("'self' ws://screens.centre.example wss://screens.centre.example",
                directives(SecurityHeaders.pagePolicy(io.vertx.core.net.HostAndPort.create(
                        "screens.centre.example", -1))).get("connect-src"));
        Map<String, String> hostile = directives(SecurityHeaders.pagePolicy(io.vertx.core.net.HostAndPort.create(
                "evil.example; script-src *", 80)));
        assertEquals("'self'", hostile.get("connect-src"));
        assertEquals("'self'", hostile.get("script-src"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/pages/config", "/health/live", "/api/v1/centres/hcc-tinh/board",
            "/api/v1/no-such-thing", "/api/v1/auth/me"})
    void everyOtherAnswerIsNotSniffedAndRunsNothingWhenOpenedAsAPage(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of());
        assertEquals("nosniff", header(response, "x-content-type-options"));
        assertEquals("default-src 'none'", header(response, "content-security-policy").split(";")[0]);
        assertEquals("'none'", directives(header(response, "content-security-policy")).get("frame-ancestors"));
        assertEquals("no-referrer", header(response, "referrer-policy"));
    }

    @Test
    void aCitizensTicketItsQrCodeAndAStaffLoginAreNeverStoredInACache() throws Exception {
        String token;
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            String response = PREFIX + "kiosks/kiosk-1/tickets/response";
            kiosk.subscribe(response);
            JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", response, "hdr-1",
                    "{\"requestId\":\"hdr-1\",\"service\":\"TP\"}");
            token = reply.path("ticket").path("token").asText();
        }
        String ticket = "/api/v1/centres/hcc-tinh/tickets/by-token/" + token;
        for (String path : List.of(ticket, ticket + "/qr.svg")) {
            HttpResponse<String> response = get(path, Map.of());
            assertEquals(200, response.statusCode(), path);
            assertEquals("no-store", header(response, "cache-control"), path);
            assertEquals("nosniff", header(response, "x-content-type-options"), path);
        }
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUri("/api/v1/auth/login")))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("no-store", header(login, "cache-control"));
        assertEquals("nosniff", header(login, "x-content-type-options"));
    }

    @Test
    void noPageHoldsAnInlineScriptOrStyleThatThePolicyWouldBlock() throws Exception {
        for (String path : List.of("/", "/display/hall", "/display/counter/Q05", "/kiosk", "/counter",
                "/ticket/q3Vd0T5c1mXnYB8kZ2uR7w?c=hcc-tinh", "/admin")) {
            String html = get(path, Map.of()).body();
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
            assertFalse(html.matches("(?s).*<style\\b.*"), path + " has a style element");
            assertFalse(html.matches("(?s).*\\sstyle=.*"), path + " has a style attribute");
            assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), path + " has an inline event handler");
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), path + " loads something from elsewhere");
        }
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.httpUri(path))).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        List<String> values = response.headers().allValues(name);
        assertEquals(1, values.size(), name + " once: " + values + " on " + response.uri());
        return values.get(0);
    }

    private static Map<String, String> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.contains(" ") ? d.split(" ", 2)[1] : ""));
    }
}
