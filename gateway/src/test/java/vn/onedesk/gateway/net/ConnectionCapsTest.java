package vn.onedesk.gateway.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConnectionLimits;

/**
 * The totals are derived so that connections never take the reserved handles: at most {@code 2 × http + mqtt}
 * handles (a browser's /mqtt holds an HTTP connection, the bridge's socket and an MQTT connection) within the
 * open-files limit minus the reserve, whatever is configured.
 */
class ConnectionCapsTest {
    private static final ConnectionLimits D = ConnectionLimits.DEFAULTS;

    private static void assertWithinBudget(ConnectionCaps caps, long files) {
        assertTrue(2L * caps.httpTotal() + caps.mqttTotal() <= files - caps.reserved(),
                "2 × " + caps.httpTotal() + " + " + caps.mqttTotal() + " within " + (files - caps.reserved()));
    }

    @Test
    void withNothingSetMqttGetsHalfTheBudgetAndHttpAQuarterAndStreamsAtMostHalfOfHttp() {
        ConnectionCaps caps = ConnectionCaps.derive(D, OptionalLong.of(20_000));
        assertEquals(18_976 / 2, caps.mqttTotal());
        assertEquals(18_976 / 4, caps.httpTotal());
        assertEquals(2000, caps.sseTotal());
        assertEquals(512, caps.mqttPerAddress());
        assertEquals(32, caps.ssePerAddress());
        assertFalse(caps.scaled());
        assertWithinBudget(caps, 20_000);
    }

    @Test
    void aConfiguredTotalIsKeptAndTheOtherGetsWhatIsLeft() {
        ConnectionCaps mqtt = ConnectionCaps.derive(D.withMqttMaxConnections(18_000, 0), OptionalLong.of(20_000));
        assertEquals(18_000, mqtt.mqttTotal());
        assertEquals((18_976 - 18_000) / 2, mqtt.httpTotal());
        assertEquals(0, mqtt.mqttPerAddress(), "no per-address cap");
        assertWithinBudget(mqtt, 20_000);
        ConnectionCaps http = ConnectionCaps.derive(D.withHttpMaxConnections(200, 0), OptionalLong.of(20_000));
        assertEquals(200, http.httpTotal());
        assertEquals(100, http.sseTotal(), "streams never take more than half the HTTP connections");
        assertEquals(18_976 - 400, http.mqttTotal());
        assertWithinBudget(http, 20_000);
    }

    @Test
    void configuredTotalsOverTheBudgetAreScaledDownAndSaySo() {
        ConnectionCaps caps = ConnectionCaps.derive(D.withHttpMaxConnections(10_000, 512)
                .withMqttMaxConnections(10_000, 512), OptionalLong.of(20_000));
        assertTrue(caps.scaled());
        assertWithinBudget(caps, 20_000);
        assertTrue(caps.describe(D).contains("lowered to fit the open-files limit"), caps.describe(D));
    }

    @Test
    void aTinyLimitStillLeavesEachListenerAFewConnectionsAndAnUnknownOneAssumesFourThousand() {
        ConnectionCaps tiny = ConnectionCaps.derive(D, OptionalLong.of(1000));
        assertEquals(ConnectionCaps.MIN_TOTAL, tiny.httpTotal());
        assertEquals(ConnectionCaps.MIN_TOTAL, tiny.mqttTotal());
        ConnectionCaps unknown = ConnectionCaps.derive(D, OptionalLong.empty());
        assertEquals((4096 - 1024) / 2, unknown.mqttTotal());
        assertTrue(unknown.describe(D).contains("unknown open-files limit"), unknown.describe(D));
    }

    @Test
    void thisProcesssLimitIsReadOnUnix() {
        assertTrue(ConnectionCaps.processOpenFilesLimit().orElse(1) > 0);
        String line = ConnectionCaps.of(D).describe(D);
        assertTrue(line.contains("1024 kept for the database pool and the listeners"), line);
    }
}
