package vn.onedesk.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.mqtt.WebSocketBridge;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Issue 13, finding 8: with {@code ONEDESK_HOST} set to one address, the screens' MQTT over WebSocket reached for
 * the MQTT listener on 127.0.0.1, where nothing listened, and every browser screen stayed offline. 127.0.0.2 is a
 * loopback address on Linux other than 127.0.0.1: the gateway bound to it listens there only.
 */
class OneAddressBindTest {
    private static final String ADDRESS = "127.0.0.2";
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_HOST, ADDRESS)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aKioskOverWebSocketOnAGatewayBoundToOneAddressGetsATicket() throws Exception {
        String uri = "ws://" + ADDRESS + ":" + gateway.httpPort() + "/mqtt";
        try (TestDevice kiosk = TestDevice.connect(uri, "kiosk-1", "demo")) {
            String response = PREFIX + "kiosks/kiosk-1/tickets/response";
            assertArrayEquals(new int[] {1}, kiosk.subscribe(response));
            JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", response, "bound-1",
                    "{\"requestId\":\"bound-1\",\"service\":\"TP\"}");
            assertTrue(reply.path("ticket").path("number").asText().matches("A\\d{3}"), reply.toString());
        }
    }

    @Test
    void theBannerOfAGatewayBoundToOneAddressNamesThatAddressNotLocalhost() {
        String banner = StartupBanner.text(gateway.gateway());
        int mqtt = gateway.gateway().mqttPort();
        int http = gateway.httpPort();
        assertTrue(banner.contains("tcp://" + ADDRESS + ":" + mqtt), banner);
        assertTrue(banner.contains("ws://" + ADDRESS + ":" + http + "/mqtt"), banner);
        assertTrue(banner.contains("http://" + ADDRESS + ":" + http + "/admin"), banner);
        assertTrue(banner.contains("mosquitto_rr -h " + ADDRESS + " -p " + mqtt), banner);
        assertFalse(banner.contains("localhost"), banner);
    }

    @ParameterizedTest(name = "bound to {0}, the bridge dials {1} and the banner says {2}")
    @CsvSource({
        "0.0.0.0, 127.0.0.1, localhost",
        "'', 127.0.0.1, localhost",
        "::, ::1, localhost",
        "[::], ::1, localhost",
        "0:0:0:0:0:0:0:0, ::1, localhost",
        "127.0.0.1, 127.0.0.1, 127.0.0.1",
        "127.0.0.2, 127.0.0.2, 127.0.0.2",
        "192.0.2.10, 192.0.2.10, 192.0.2.10",
        "::1, ::1, [::1]",
        "[fd00::5], fd00::5, [fd00::5]",
        "gateway.centre.example, gateway.centre.example, gateway.centre.example",
    })
    void aWildcardBindIsReachedOnLoopbackAndOneAddressAsItself(String bound, String dialled, String shown) {
        assertEquals(dialled, WebSocketBridge.reachable(bound));
        assertEquals(shown, StartupBanner.address(bound));
    }
}
