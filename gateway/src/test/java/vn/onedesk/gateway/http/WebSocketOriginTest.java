package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.net.HostAndPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Issue 13, finding 9: {@code /mqtt} accepted a WebSocket from a page of any site, so a page the staff's browser
 * opened elsewhere could talk MQTT to the gateway on the centre's LAN (cross-site WebSocket hijacking). A browser
 * always says which page opens a WebSocket ({@code Origin}); devices' own clients say nothing.
 */
class WebSocketOriginTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_ALLOWED_ORIGINS,
                "screens.centre.example, https://kiosk.centre.example:8443")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "Origin {0} is refused with 403")
    @ValueSource(strings = {"https://evil.example", "http://127.0.0.1.evil.example", "http://localhost:1",
            "https://kiosk.centre.example", "http://kiosk.centre.example:8443", "null", "file://", "not an origin"})
    void aBrowserPageFromAnotherSiteIsRefusedBeforeTheUpgrade(String origin) {
        CompletionException e = assertThrows(CompletionException.class, () -> open(origin).join());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());
    }

    @ParameterizedTest(name = "Origin {0} is let in")
    @ValueSource(strings = {"OWN", "http://screens.centre.example", "https://SCREENS.centre.example:9443",
            "https://kiosk.centre.example:8443"})
    void thePagesOwnOriginAndTheConfiguredOnesAreLetIn(String origin) throws Exception {
        String o = origin.equals("OWN") ? "http://127.0.0.1:" + gateway.httpPort() : origin;
        WebSocket ws = open(o).get(10, TimeUnit.SECONDS);
        ws.abort();
    }

    @Test
    void aDeviceThatSendsNoOriginStillGetsATicketOverWebSocket() throws Exception {
        WebSocket ws = open(null).get(10, TimeUnit.SECONDS);
        ws.abort();
        try (TestDevice kiosk = TestDevice.connect(gateway.webSocketUri(), "kiosk-1", "demo")) {
            String response = PREFIX + "kiosks/kiosk-1/tickets/response";
            kiosk.subscribe(response);
            JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", response, "origin-1",
                    "{\"requestId\":\"origin-1\",\"service\":\"TP\"}");
            assertTrue(reply.path("ticket").path("number").asText().matches("A\\d{3}"), reply.toString());
        }
    }

    @Test
    void aRefusedUpgradeGetsAPlainHttp403AndNoSocket() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.httpPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.httpPort() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\nOrigin: https://evil.example\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 403", status);
        }
    }

    @Test
    void anUpgradeAnywhereButMqttIsNotFound() {
        CompletionException e = assertThrows(CompletionException.class, () -> HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.httpPort() + "/other"), new WebSocket.Listener() {
                }).join());
        assertEquals(404, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
    }

    @ParameterizedTest(name = "Origin {0} at Host {1}: {2}")
    @CsvSource({
        "http://gw.centre.example:8080, gw.centre.example:8080, true",
        "https://gw.centre.example, gw.centre.example, true",
        "https://GW.centre.example, gw.centre.example:443, true",
        "http://gw.centre.example, gw.centre.example:8080, false",
        "http://gw.centre.example:8081, gw.centre.example:8080, false",
        "http://[fd00::5]:8080, [fd00::5]:8080, true",
        "http://other.example:8080, gw.centre.example:8080, false",
        "http://gw.centre.example:8080/path, gw.centre.example:8080, false",
        "http://user@gw.centre.example:8080, gw.centre.example:8080, false",
        "ws://gw.centre.example:8080, gw.centre.example:8080, false",
    })
    void theGatewaysOwnOriginIsTheHostItWasAskedFor(String origin, String host, boolean allowed) {
        assertEquals(allowed, new WebSocketOrigins(List.of()).allows(origin, HostAndPort.parseAuthority(host, -1)));
    }

    @Test
    void aRequestWithoutHostOnlyLetsInTheConfiguredOrigins() {
        WebSocketOrigins origins = new WebSocketOrigins(List.of("screens.centre.example"));
        assertTrue(origins.allows(null, null));
        assertTrue(origins.allows("https://screens.centre.example", null));
        assertFalse(origins.allows("https://gw.centre.example", null));
    }

    private static java.util.concurrent.CompletableFuture<WebSocket> open(String origin) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create(gateway.webSocketUri()), new WebSocket.Listener() {
        });
    }
}
