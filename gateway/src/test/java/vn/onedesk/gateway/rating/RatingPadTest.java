package vn.onedesk.gateway.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A counter's rating pad, end to end over MQTT (Paho) and a real PostgreSQL with the demo centre: the prompt after
 * COMPLETE, a rating stored as a ServiceRated event before the pad hears "accepted", the same reply for a retry, and
 * the refusals (a second rating, another ticket, another counter's). Each test uses its own counters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingPadTest {
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

    /** A ticket for the service, called and completed at the counter; its number. */
    static String serve(GatewayHarness gateway, String counter, String service, boolean complete) throws Exception {
        return serveTicket(gateway, counter, service, complete).path("number").asText();
    }

    /** As {@link #serve}; the kiosk's view of the ticket, with its number and token. */
    static JsonNode serveTicket(GatewayHarness gateway, String counter, String service, boolean complete)
            throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice terminal = gateway.device("counter-" + counter)) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
            String take = "take-" + System.nanoTime();
            JsonNode ticket = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                    PREFIX + "kiosks/kiosk-1/tickets/response", take,
                    "{\"requestId\":\"" + take + "\",\"service\":\"" + service + "\"}").path("ticket");
            for (String command : complete ? new String[] {"OPEN", "CALL_NEXT", "COMPLETE"}
                    : new String[] {"OPEN", "CALL_NEXT"}) {
                String id = counter + "-" + command + "-" + System.nanoTime();
                JsonNode reply = terminal.request(PREFIX + "counters/" + counter + "/commands",
                        PREFIX + "counters/" + counter + "/replies", id,
                        "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
                assertFalse(reply.has("error"), reply.toString());
            }
            return ticket;
        }
    }

    static TestDevice pad(GatewayHarness gateway, String counter) throws Exception {
        TestDevice pad = gateway.device("rating-" + counter);
        pad.subscribe(PREFIX + "counters/" + counter + "/rating/replies", PREFIX + "counters/" + counter
                + "/rating/prompt");
        return pad;
    }

    static TestDevice.Received rate(TestDevice pad, String counter, String requestId, String body) throws Exception {
        pad.publish(PREFIX + "counters/" + counter + "/rating/submit", "{\"requestId\":\"" + requestId + "\"," + body
                + "}");
        return pad.await(r -> r.topic().equals(PREFIX + "counters/" + counter + "/rating/replies")
                && requestId.equals(r.json().path("requestId").asText(null)), WAIT);
    }

    private String nextId() {
        return "rate-" + (++requests);
    }

    @Test
    void aPadIsPromptedAfterCompleteRatesAndHearsAcceptedOnlyOnceTheRatingIsStored() throws Exception {
        String number = serve(gateway, "Q01", "TP", true);
        try (TestDevice pad = pad(gateway, "Q01")) {
            TestDevice.Received prompt = pad.await(r -> r.topic().endsWith("Q01/rating/prompt")
                    && r.payload().length > 0, WAIT);
            assertTrue(prompt.retained(), "a pad that connects after COMPLETE gets the retained prompt");
            assertEquals(number, prompt.json().path("ticket").asText(), prompt.text());
            assertEquals("TP", prompt.json().path("service").asText());
            Instant expires = Instant.parse(prompt.json().path("expiresAt").asText());
            assertTrue(expires.isAfter(Instant.now()), prompt.text());

            String id = nextId();
            TestDevice.Received reply = rate(pad, "Q01", id, "\"ticket\":\"" + number
                    + "\",\"score\":2,\"reasons\":[\"WAITED_TOO_LONG\",\"EXTRA_PAPERS\"]");

            assertTrue(reply.json().path("accepted").asBoolean(), reply.text());
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated' AND counter_id = 'Q01'"
                    + " AND payload->>'number' = $1 AND (payload->>'score')::int = 2 AND payload->>'source' = 'PAD'"
                    + " AND payload->>'service' = 'TP' AND payload->'reasons' = '[\"WAITED_TOO_LONG\",\"EXTRA_PAPERS\"]'"
                    + " AND payload ? 'at' AND ticket_id = (SELECT ticket_id FROM tickets WHERE number = $1"
                    + " AND service = 'TP' AND counter_id = 'Q01')", number),
                    "the reply came after the commit, so the rating is in the events table");
            TestDevice.Received cleared = pad.await(r -> r.topic().endsWith("Q01/rating/prompt")
                    && r.payload().length == 0, WAIT);
            assertEquals(0, cleared.payload().length, "an empty message ends the prompt once it is rated");

            TestDevice.Received again = rate(pad, "Q01", id, "\"ticket\":\"" + number
                    + "\",\"score\":2,\"reasons\":[\"WAITED_TOO_LONG\",\"EXTRA_PAPERS\"]");
            assertEquals(reply.text(), again.text(), "a retry with the same requestId gets the same bytes");

            TestDevice.Received second = rate(pad, "Q01", nextId(), "\"ticket\":\"" + number + "\",\"score\":5");
            assertEquals("ALREADY_RATED", second.json().path("error").path("code").asText(), second.text());
            assertFalse(second.json().path("accepted").asBoolean());
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated'"
                    + " AND counter_id = 'Q01'"), "refusals store nothing");
        }
        try (TestDevice late = pad(gateway, "Q01")) {
            late.expectNothing(r -> r.topic().endsWith("Q01/rating/prompt"), Duration.ofMillis(300));
        }
    }

    @Test
    void aRatingOfAnotherTicketThanTheCounterJustCompletedIsNotRateable() throws Exception {
        String done = serve(gateway, "Q10", "LD", true);
        String atQ12 = serve(gateway, "Q12", "GT", true);
        try (TestDevice pad = pad(gateway, "Q10")) {
            TestDevice.Received other = rate(pad, "Q10", nextId(), "\"ticket\":\"" + atQ12 + "\",\"score\":5");
            assertEquals("NOT_RATEABLE", other.json().path("error").path("code").asText(), other.text());
            TestDevice.Received unknown = rate(pad, "Q10", nextId(), "\"ticket\":\"Z999\",\"score\":5");
            assertEquals("NOT_RATEABLE", unknown.json().path("error").path("code").asText(), unknown.text());
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated' AND counter_id"
                    + " IN ('Q10', 'Q12')"));
            TestDevice.Received own = rate(pad, "Q10", nextId(), "\"ticket\":\"" + done + "\",\"score\":5");
            assertTrue(own.json().path("accepted").asBoolean(), own.text());
        }
    }

    @Test
    void thePromptNamesTheOfficerWhoServedAndTheEventRecordsThem() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q16 = gateway.device("counter-Q16")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            q16.subscribe(PREFIX + "counters/Q16/replies");
            String number = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                    PREFIX + "kiosks/kiosk-1/tickets/response", "q16-take",
                    "{\"requestId\":\"q16-take\",\"service\":\"BHTN\"}").path("ticket").path("number").asText();
            for (String command : new String[] {"\"command\":\"OPEN\",\"officer\":\"officer-Q16\",\"pin\":\"1234\"",
                    "\"command\":\"CALL_NEXT\"", "\"command\":\"COMPLETE\""}) {
                String id = "q16-" + System.nanoTime();
                JsonNode reply = q16.request(PREFIX + "counters/Q16/commands", PREFIX + "counters/Q16/replies", id,
                        "{\"requestId\":\"" + id + "\"," + command + "}");
                assertFalse(reply.has("error"), reply.toString());
            }
            try (TestDevice pad = pad(gateway, "Q16")) {
                TestDevice.Received prompt = pad.await(r -> r.topic().endsWith("Q16/rating/prompt")
                        && r.payload().length > 0, WAIT);
                assertEquals(number, prompt.json().path("ticket").asText(), prompt.text());
                assertEquals("Cán bộ quầy 16 (demo)", prompt.json().path("officer").asText(), prompt.text());
                assertTrue(rate(pad, "Q16", nextId(), "\"ticket\":\"" + number + "\",\"score\":5")
                        .json().path("accepted").asBoolean());
            }
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated'"
                    + " AND counter_id = 'Q16' AND payload->>'officer' = 'officer-Q16'"));
        }
    }

    @Test
    void aTicketStillAtTheCounterCannotBeRatedAndABadRatingIsMalformed() throws Exception {
        String serving = serve(gateway, "Q05", "DD", false);
        try (TestDevice pad = pad(gateway, "Q05")) {
            TestDevice.Received early = rate(pad, "Q05", nextId(), "\"ticket\":\"" + serving + "\",\"score\":4");
            assertEquals("NOT_RATEABLE", early.json().path("error").path("code").asText(), early.text());
            TestDevice.Received reasons = rate(pad, "Q05", nextId(), "\"ticket\":\"" + serving
                    + "\",\"score\":4,\"reasons\":[\"OTHER\"]");
            assertEquals("MALFORMED", reasons.json().path("error").path("code").asText(), reasons.text());
            assertTrue(reasons.json().path("error").path("detail").asText().contains("'reasons'"), reasons.text());
            String english = nextId();
            TestDevice.Received score = rate(pad, "Q05", english, "\"ticket\":\"" + serving
                    + "\",\"score\":9,\"language\":\"en\"");
            assertEquals("MALFORMED", score.json().path("error").path("code").asText(), score.text());
            assertEquals("The message is not valid JSON or does not match the schema.",
                    score.json().path("error").path("message").asText(), score.text());
        }
    }
}
