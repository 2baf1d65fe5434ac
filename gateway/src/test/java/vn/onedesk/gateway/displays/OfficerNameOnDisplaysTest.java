package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A centre's {@code showOfficerName} decides whether the public feed names the officer at a counter: the retained
 * {@code counters/{id}/now} that counter displays and the hall read, and the board over MQTT and HTTP. Either way
 * the terminal's own reply names them. Each setting on its own gateway (real PostgreSQL, real MQTT).
 */
class OfficerNameOnDisplaysTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NAME = "Cán bộ quầy 1 (demo)";

    /** Opens Q01 with officer-Q01's PIN; returns the terminal's reply, the hall's {@code now} and the boards. */
    private record Seen(JsonNode reply, JsonNode now, JsonNode mqttBoard, String httpBoard) {
    }

    private static Seen openQ01AsItsOfficer(GatewayHarness gateway) throws Exception {
        try (TestDevice q01 = gateway.device("counter-Q01"); TestDevice hall = gateway.device("hall-1")) {
            hall.subscribe(PREFIX + "counters/Q01/now", PREFIX + "board");
            q01.subscribe(PREFIX + "counters/Q01/replies");
            JsonNode reply = q01.request(PREFIX + "counters/Q01/commands", PREFIX + "counters/Q01/replies", "Q01-1",
                    "{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"officer\":\"officer-Q01\",\"pin\":\"1234\"}");
            JsonNode now = hall.await(r -> r.topic().equals(PREFIX + "counters/Q01/now")
                    && r.json().path("open").asBoolean(), WAIT).json();
            JsonNode board = hall.await(r -> r.topic().equals(PREFIX + "board") && q01Of(r.json()).path("open")
                    .asBoolean(), WAIT).json();
            String http = HttpCalls.get(gateway.httpUri("/api/v1/centres/hcc-tinh/board")).body();
            return new Seen(reply, now, board, http);
        }
    }

    private static JsonNode q01Of(JsonNode board) {
        for (JsonNode counter : board.path("counters")) {
            if (counter.path("counter").asText().equals("Q01")) {
                return counter;
            }
        }
        return board.path("none");
    }

    private static JsonNode pagesConfig(GatewayHarness gateway) {
        return HttpCalls.json(HttpCalls.get(gateway.httpUri("/api/v1/pages/config")));
    }

    @Test
    void byDefaultTheCountersNowAndTheBoardNameTheOfficerAtIt() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemo()) {
            Seen seen = openQ01AsItsOfficer(gateway);

            assertEquals(NAME, seen.reply().path("counter").path("officer").path("name").asText(), seen.reply().toString());
            assertEquals(NAME, seen.now().path("officer").path("name").asText(), seen.now().toString());
            assertEquals("officer-Q01", seen.now().path("officer").path("id").asText());
            assertEquals(NAME, q01Of(seen.mqttBoard()).path("officer").path("name").asText());
            assertTrue(seen.httpBoard().contains(NAME), seen.httpBoard());
            assertTrue(pagesConfig(gateway).path("showOfficerName").asBoolean());
        }
    }

    @Test
    void aCentreThatHidesOfficersNamesLeavesThemOutOfNowAndTheBoardWhileTheTerminalsReplyStillNamesThem()
            throws Exception {
        UnaryOperator<CentreDefinition> hideNames = c -> new CentreDefinition(c.id(), c.name(), c.timezone(),
                c.sessions(), c.services(), c.counters(), c.ticketsOnlyInSessions(), false);
        try (GatewayHarness gateway = GatewayHarness.startDemo(Clock.systemUTC(), hideNames)) {
            Seen seen = openQ01AsItsOfficer(gateway);

            assertEquals(NAME, seen.reply().path("counter").path("officer").path("name").asText(),
                    "the console's own reply still names its officer: " + seen.reply());
            assertTrue(seen.now().path("open").asBoolean(), seen.now().toString());
            assertTrue(seen.now().path("officer").isMissingNode(), "neither name nor username: " + seen.now());
            assertTrue(q01Of(seen.mqttBoard()).path("officer").isMissingNode(), seen.mqttBoard().toString());
            for (String shown : new String[] {seen.now().toString(), seen.mqttBoard().toString(), seen.httpBoard()}) {
                assertFalse(shown.contains(NAME) || shown.contains("officer-Q01"), shown);
            }
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'CounterOpened'"
                    + " AND payload->>'officer' = 'officer-Q01'"), "the events still record who opened it");
            assertFalse(pagesConfig(gateway).path("showOfficerName").asBoolean(true));
        }
    }
}
