package vn.onedesk.gateway.counters;

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
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.gateway.staff.StaffSeed;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * REQUEUE (from a counter and from a kiosk), the recall limit, and TRANSFER to a counter or an officer with a note,
 * over real MQTT (Paho) and a real PostgreSQL, with the demo centre's rules set to: recall limit 2, requeue grace
 * 20 min, a requeued ticket goes behind 2 of its lane. Each test uses services of its own, so they do not meet.
 */
class CounterOperationsTest {
    private static final CounterRules RULES = new CounterRules(2, Duration.ofMinutes(15), Duration.ofMinutes(20), 2,
            Duration.ofMinutes(2));
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-02T02:00:00Z"));
    private static final java.util.concurrent.atomic.AtomicInteger REQUESTS = new java.util.concurrent.atomic.AtomicInteger();
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo(CLOCK, c -> c.withRules(RULES));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A counter terminal of the demo centre, subscribed to its replies. */
    private static final class Terminal implements AutoCloseable {
        private final TestDevice device;
        private final String counter;

        Terminal(String counter) throws Exception {
            this.counter = counter;
            this.device = gateway.device("counter-" + counter);
            device.subscribe(PREFIX + "counters/" + counter + "/replies");
        }

        JsonNode send(String fields) throws Exception {
            String id = counter + "-op-" + REQUESTS.incrementAndGet(); // unique across terminals and restarts
            return device.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter
                    + "/replies", id, "{\"requestId\":\"" + id + "\"," + fields + "}");
        }

        JsonNode command(String name) throws Exception {
            return send("\"command\":\"" + name + "\"");
        }

        String callNext() throws Exception {
            JsonNode called = command("CALL_NEXT");
            assertFalse(called.has("error"), called.toString());
            return called.path("ticket").path("number").asText();
        }

        @Override
        public void close() {
            device.close();
        }
    }

    /** A citizen takes a ticket; the test clock stands still, so tickets share one instant as a batch's do. */
    private static String issue(TestDevice kiosk, String service) throws Exception {
        String id = "k-" + service + "-" + System.nanoTime();
        JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response",
                id, "{\"requestId\":\"" + id + "\",\"service\":\"" + service + "\"}");
        return reply.path("ticket").path("number").asText();
    }

    private static TestDevice kiosk() throws Exception {
        TestDevice kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
        return kiosk;
    }

    @Test
    void aNoShowRequeuedWithinTheGraceGoesBehindTwoOfItsLineAndSurvivesARestart() throws Exception {
        String missed;
        try (TestDevice kiosk = kiosk(); Terminal q12 = new Terminal("Q12")) {
            missed = issue(kiosk, "GT");
            String second = issue(kiosk, "GT");
            String third = issue(kiosk, "GT");
            String fourth = issue(kiosk, "GT");
            q12.command("OPEN");
            assertEquals(missed, q12.callNext());
            assertEquals("NO_SHOW", q12.command("NO_SHOW").path("ticket").path("state").asText());
            gateway.restart(); // the no-show is read back from the database
            CLOCK.advance(Duration.ofMinutes(5));
        }
        try (Terminal q12 = new Terminal("Q12")) {
            JsonNode requeued = q12.send("\"command\":\"REQUEUE\",\"ticket\":\"" + missed + "\"");
            assertEquals(missed, requeued.path("ticket").path("number").asText(), requeued.toString());
            assertEquals("WAITING", requeued.path("ticket").path("state").asText());
            assertEquals(2, requeued.path("ticket").path("ahead").asInt(), "behind two of its line: " + requeued);
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE number = $1 AND state = 'WAITING'"
                    + " AND finished_at IS NULL AND placed_at IS NOT NULL", missed));
            assertEquals(1, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE t.number = $1 AND e.type = 'TicketRequeued' AND e.counter_id = 'Q12'"
                    + " AND e.payload ? 'placedAt'", missed));
            gateway.restart(); // its place in line too
        }
        try (Terminal q12 = new Terminal("Q12")) {
            q12.command("OPEN");
            String first = q12.callNext();
            q12.command("COMPLETE");
            String then = q12.callNext();
            q12.command("COMPLETE");
            assertEquals(missed, q12.callNext(), "third after the two it was placed behind");
            assertEquals(java.util.List.of("F002", "F003"), java.util.List.of(first, then));
            q12.command("COMPLETE");
        }
    }

    @Test
    void aRequeueAfterTheGraceIsRefusedAsExpiredInTheOfficersLanguage() throws Exception {
        try (TestDevice kiosk = kiosk(); Terminal q10 = new Terminal("Q10")) {
            String missed = issue(kiosk, "LD");
            q10.command("OPEN");
            assertEquals(missed, q10.callNext());
            q10.command("NO_SHOW");
            CLOCK.advance(Duration.ofMinutes(21));
            JsonNode late = q10.send("\"command\":\"REQUEUE\",\"ticket\":\"" + missed + "\"");
            assertEquals("REQUEUE_EXPIRED", late.path("error").path("code").asText(), late.toString());
            assertEquals("Đã quá thời gian cho phép xếp lại số bị lỡ lượt; vui lòng lấy số mới.",
                    late.path("error").path("message").asText());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE number = $1 AND state = 'NO_SHOW'",
                    missed), "still a no-show");
        }
    }

    @Test
    void aCitizenWhoMissedTheCallRequeuesAtTheKioskOnceAndAnUnknownNumberIsRefused() throws Exception {
        try (TestDevice kiosk = kiosk(); Terminal q14 = new Terminal("Q14")) {
            String missed = issue(kiosk, "KQ");
            q14.command("OPEN");
            assertEquals(missed, q14.callNext());
            q14.command("NO_SHOW");
            String response = PREFIX + "kiosks/kiosk-1/tickets/response";
            String request = PREFIX + "kiosks/kiosk-1/tickets/request";
            JsonNode back = kiosk.request(request, response, "rq-1", "{\"requestId\":\"rq-1\",\"requeue\":\"" + missed
                    + "\"}");
            assertEquals(missed, back.path("ticket").path("number").asText(), back.toString());
            assertEquals("WAITING", back.path("ticket").path("state").asText());
            assertFalse(back.path("ticket").has("token"), "the citizen keeps the slip they have: " + back);
            assertEquals(back, kiosk.request(request, response, "rq-1", "{\"requestId\":\"rq-1\",\"requeue\":\""
                    + missed + "\"}"), "a retry gets the same bytes");
            assertEquals(1, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE t.number = $1 AND e.type = 'TicketRequeued' AND e.counter_id IS NULL", missed));

            assertEquals(missed, q14.callNext());
            q14.command("NO_SHOW");
            JsonNode again = kiosk.request(request, response, "rq-2", "{\"requestId\":\"rq-2\",\"requeue\":\""
                    + missed + "\"}");
            assertEquals("REQUEUE_LIMIT", again.path("error").path("code").asText(), again.toString());
            JsonNode unknown = kiosk.request(request, response, "rq-3", "{\"requestId\":\"rq-3\",\"requeue\":\"L999\"}");
            assertEquals("NOT_A_NO_SHOW", unknown.path("error").path("code").asText(), unknown.toString());
        }
    }

    @Test
    void recallIsRefusedWithRecallLimitOnceTheLimitIsReachedAndNoShowIsStillAccepted() throws Exception {
        try (TestDevice kiosk = kiosk(); Terminal q21 = new Terminal("Q21")) {
            String number = issue(kiosk, "CA");
            q21.command("OPEN");
            assertEquals(number, q21.callNext());
            assertFalse(q21.command("RECALL").has("error"));
            assertFalse(q21.command("RECALL").has("error"));
            JsonNode third = q21.send("\"command\":\"RECALL\",\"language\":\"en\"");
            assertEquals("RECALL_LIMIT", third.path("error").path("code").asText(), third.toString());
            assertEquals("The ticket was recalled as often as the centre allows; mark it NO_SHOW instead.",
                    third.path("error").path("message").asText());
            assertEquals("NO_SHOW", q21.command("NO_SHOW").path("ticket").path("state").asText());
            String metrics = vn.onedesk.gateway.support.HttpCalls.get(gateway.httpUri("/metrics")).body();
            assertTrue(metrics.contains("onedesk_recall_limit_refusals_total{centre=\"hcc-tinh\",operator=\"CONG_AN\","
                    + "service=\"CA\"} 1.0"), metrics.lines().filter(l -> l.contains("recall_limit")).toList()
                    .toString());
        }
    }

    @Test
    void aTicketTransferredToACounterWithANoteIsCalledOnlyThereAndItsOfficerReadsTheNote() throws Exception {
        String note = "Thiếu bản sao CCCD, đã hướng dẫn bổ sung";
        try (TestDevice kiosk = kiosk(); Terminal q01 = new Terminal("Q01"); Terminal q02 = new Terminal("Q02")) {
            String first = issue(kiosk, "TP");
            String second = issue(kiosk, "TP");
            q01.command("OPEN");
            q02.command("OPEN");
            assertEquals(first, q01.callNext());
            JsonNode moved = q01.send("\"command\":\"TRANSFER\",\"toCounter\":\"Q02\",\"note\":\"" + note + "\"");
            assertEquals("WAITING", moved.path("ticket").path("state").asText(), moved.toString());
            assertEquals("TP", moved.path("ticket").path("service").asText(), "keeps its service");
            assertEquals(second, q01.callNext(), "another counter does not get it");
            q01.command("COMPLETE");
            JsonNode called = q02.command("CALL_NEXT");
            assertEquals(first, called.path("ticket").path("number").asText(), called.toString());
            assertEquals(note, called.path("ticket").path("note").asText(), "the next officer reads the note");
            assertEquals(1, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE t.number = $1 AND e.type = 'TicketTransferred' AND e.payload->>'toCounter' = 'Q02'"
                    + " AND e.payload->>'note' = $2", first, note));
            q02.command("COMPLETE");

            JsonNode cannot = q01.send("\"command\":\"TRANSFER\",\"toCounter\":\"Q21\"");
            assertEquals("INVALID_STATE", cannot.path("error").path("code").asText(), "Q01 holds nobody now");
        }
    }

    @Test
    void aTicketTransferredToAnOfficerWaitsForTheirCounterAndAnUnknownOfficerIsRefused() throws Exception {
        try (TestDevice kiosk = kiosk(); Terminal q04 = new Terminal("Q04"); Terminal q05 = new Terminal("Q05")) {
            String first = issue(kiosk, "DD");
            String second = issue(kiosk, "DD");
            q04.command("OPEN");
            assertEquals(first, q04.callNext());
            JsonNode nobody = q04.send("\"command\":\"TRANSFER\",\"toOfficer\":\"officer-Q99\"");
            assertEquals("UNKNOWN_OFFICER", nobody.path("error").path("code").asText(), nobody.toString());
            JsonNode toCounterThatCannot = q04.send("\"command\":\"TRANSFER\",\"toCounter\":\"Q21\"");
            assertEquals("COUNTER_CANNOT_SERVE", toCounterThatCannot.path("error").path("code").asText());
            JsonNode moved = q04.send("\"command\":\"TRANSFER\",\"toOfficer\":\"officer-Q05\",\"note\":\"Hồ sơ đất\"");
            assertFalse(moved.has("error"), moved.toString());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE number = $1"
                    + " AND handover_officer = 'officer-Q05' AND handover_note = 'Hồ sơ đất'", first));
            assertEquals(second, q04.callNext(), "not Q04's any more");
            q04.command("COMPLETE");
            JsonNode opened = q05.send("\"command\":\"OPEN\",\"officer\":\"officer-Q05\",\"pin\":\""
                    + StaffSeed.DEMO_PIN + "\"");
            assertEquals("officer-Q05", opened.path("counter").path("officer").path("id").asText(), opened.toString());
            JsonNode called = q05.command("CALL_NEXT");
            assertEquals(first, called.path("ticket").path("number").asText(), called.toString());
            assertEquals("Hồ sơ đất", called.path("ticket").path("note").asText());
            q05.command("COMPLETE");
            q05.command("CLOSE");
        }
    }
}
