package vn.onedesk.gateway.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Officers at the counter, end to end over MQTT (Paho) against a real PostgreSQL with the demo's staff: a hardware
 * terminal's OPEN with {@code officer} + {@code pin} binds the officer, the reply and the retained {@code now}
 * name them, every event of the counter records them, CLOSE unbinds, and a restart keeps the binding. Each test
 * uses its own counters, so they share one gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficersAtCountersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private GatewayHarness gateway;
    private int requests;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private JsonNode command(TestDevice terminal, String counter, String json) throws Exception {
        String requestId = counter + "-" + (++requests);
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\"," + json + "}");
    }

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
        return terminal;
    }

    private static String open(String officer, String pin) {
        return "\"command\":\"OPEN\",\"officer\":\"" + officer + "\",\"pin\":\"" + pin + "\"";
    }

    private static JsonNode now(TestDevice device, String counter, boolean open) throws Exception {
        return device.await(r -> r.topic().equals(PREFIX + "counters/" + counter + "/now")
                && r.json().path("open").asBoolean() == open, WAIT).json();
    }

    @Test
    void theOfficersPinBindsThemToTheirCounterTheReplyAndNowNameThemEveryEventRecordsThemAndCloseUnbinds()
            throws Exception {
        try (TestDevice q01 = terminal("Q01"); TestDevice hall = gateway.device("hall-1");
             TestDevice kiosk = gateway.device("kiosk-1")) {
            hall.subscribe(PREFIX + "counters/Q01/now");
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response",
                    "officer-t1", "{\"requestId\":\"officer-t1\",\"service\":\"TP\"}");

            JsonNode opened = command(q01, "Q01", open("officer-Q01", "1234"));
            assertTrue(opened.path("counter").path("open").asBoolean(), opened.toString());
            assertEquals("officer-Q01", opened.path("counter").path("officer").path("id").asText(), opened.toString());
            assertEquals("Cán bộ quầy 1 (demo)", opened.path("counter").path("officer").path("name").asText());
            assertFalse(opened.toString().contains("1234"), "the reply never repeats the PIN: " + opened);
            JsonNode shown = now(hall, "Q01", true);
            assertEquals("officer-Q01", shown.path("officer").path("id").asText(), shown.toString());
            assertEquals("Cán bộ quầy 1 (demo)", shown.path("officer").path("name").asText(), shown.toString());

            JsonNode called = command(q01, "Q01", "\"command\":\"CALL_NEXT\"");
            assertEquals("officer-Q01", called.path("counter").path("officer").path("id").asText(), called.toString());
            command(q01, "Q01", "\"command\":\"START\"");
            command(q01, "Q01", "\"command\":\"COMPLETE\"");
            JsonNode closed = command(q01, "Q01", "\"command\":\"CLOSE\"");
            assertTrue(closed.path("counter").path("officer").isMissingNode(), "CLOSE unbinds: " + closed);
            JsonNode shownClosed = now(hall, "Q01", false);
            assertTrue(shownClosed.path("officer").isMissingNode(), shownClosed.toString());

            assertEquals(5, gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q01' AND type IN"
                    + " ('CounterOpened', 'TicketCalled', 'ServiceStarted', 'ServiceCompleted', 'CounterClosed')"
                    + " AND payload->>'officer' = 'officer-Q01'"));
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q01'"
                    + " AND payload->>'officer' IS DISTINCT FROM 'officer-Q01'"));
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE payload::text LIKE '%1234%'"),
                    "no PIN in the events");
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q01'"
                    + " AND officer_id IS NOT NULL"));

            JsonNode again = command(q01, "Q01", open("officer-Q01", "1234"));
            assertEquals("officer-Q01", again.path("counter").path("officer").path("id").asText(),
                    "once unbound, the officer may open again: " + again);
            command(q01, "Q01", "\"command\":\"CLOSE\"");
        }
    }

    @Test
    void aWrongPinAndAnUnknownOfficerGetTheSameNotAuthorisedAndTheCounterStaysClosed() throws Exception {
        try (TestDevice q02 = terminal("Q02")) {
            JsonNode wrongPin = command(q02, "Q02", open("officer-Q02", "9999"));
            JsonNode nobody = command(q02, "Q02", open("officer-nobody", "1234"));

            assertEquals("NOT_AUTHORISED", wrongPin.path("error").path("code").asText(), wrongPin.toString());
            assertEquals(wrongPin.path("error"), nobody.path("error"), "nothing tells whether the officer exists");
            assertFalse(wrongPin.toString().contains("9999"), wrongPin.toString());
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q02' AND open"));
        }
    }

    @Test
    void anOfficerOfAnotherOperatorCannotOpenTheCounter() throws Exception {
        try (TestDevice q03 = terminal("Q03")) {
            JsonNode refused = command(q03, "Q03", open("officer-Q17", "1234"));

            assertEquals("WRONG_OPERATOR", refused.path("error").path("code").asText(), refused.toString());
            assertTrue(refused.path("error").path("detail").asText().contains("BHXH"), refused.toString());
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q03' AND open"));
        }
    }

    @Test
    void anOfficerBoundToOneCounterIsRefusedAtASecondUntilTheyCloseTheFirst() throws Exception {
        try (TestDevice q04 = terminal("Q04"); TestDevice q05 = terminal("Q05")) {
            command(q04, "Q04", open("officer-Q04", "1234"));

            JsonNode busy = command(q05, "Q05", open("officer-Q04", "1234"));
            assertEquals("OFFICER_BUSY", busy.path("error").path("code").asText(), busy.toString());
            assertTrue(busy.path("error").path("detail").asText().contains("Q04"), busy.toString());

            command(q04, "Q04", "\"command\":\"CLOSE\"");
            JsonNode moved = command(q05, "Q05", open("officer-Q04", "1234"));
            assertEquals("officer-Q04", moved.path("counter").path("officer").path("id").asText(), moved.toString());
            command(q05, "Q05", "\"command\":\"CLOSE\"");
        }
    }

    @Test
    void anOpenWithoutAnOfficerStillOpensTheCounterWithNobodyBound() throws Exception {
        try (TestDevice q06 = terminal("Q06")) {
            JsonNode opened = command(q06, "Q06", "\"command\":\"OPEN\"");

            assertTrue(opened.path("counter").path("open").asBoolean(), opened.toString());
            assertTrue(opened.path("counter").path("officer").isMissingNode(), opened.toString());
            command(q06, "Q06", "\"command\":\"CLOSE\"");
        }
    }

    @Test
    void aRestartKeepsWhoIsAtWhichCounter() throws Exception {
        try (GatewayHarness own = GatewayHarness.startDemo()) {
            try (TestDevice q07 = own.device("counter-Q07")) {
                q07.subscribe(PREFIX + "counters/Q07/replies");
                q07.request(PREFIX + "counters/Q07/commands", PREFIX + "counters/Q07/replies", "r1",
                        "{\"requestId\":\"r1\"," + open("officer-Q07", "1234") + "}");
            }
            own.restart();
            try (TestDevice q07 = own.device("counter-Q07"); TestDevice q08 = own.device("counter-Q08");
                 TestDevice hall = own.device("hall-1")) {
                hall.subscribe(PREFIX + "counters/Q07/now");
                JsonNode shown = now(hall, "Q07", true);
                assertEquals("officer-Q07", shown.path("officer").path("id").asText(), shown.toString());

                q08.subscribe(PREFIX + "counters/Q08/replies");
                JsonNode busy = q08.request(PREFIX + "counters/Q08/commands", PREFIX + "counters/Q08/replies", "r2",
                        "{\"requestId\":\"r2\"," + open("officer-Q07", "1234") + "}");
                assertEquals("OFFICER_BUSY", busy.path("error").path("code").asText(), busy.toString());

                q07.subscribe(PREFIX + "counters/Q07/replies");
                JsonNode call = q07.request(PREFIX + "counters/Q07/commands", PREFIX + "counters/Q07/replies", "r3",
                        "{\"requestId\":\"r3\",\"command\":\"CLOSE\"}");
                assertTrue(call.path("counter").path("officer").isMissingNode(), call.toString());
            }
        }
    }
}
