package vn.onedesk.gateway.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * PARK, CALL_PARKED and CALL_NUMBER over real MQTT (Paho) and PostgreSQL, with the demo centre on a clock the test
 * moves: a citizen set aside and called back, a call by number with its reason in the events table, a parked ticket
 * expiring to NO_SHOW after the park timeout (15 minutes by default), one surviving a restart, and the refusals with
 * their codes. Each test uses counters of its own, since they share one gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkAndCallByNumberTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    /** Monday 3 March 2025, 09:00 in Hà Nội time. */
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T02:00:00Z"));
    private GatewayHarness gateway;
    private int requests;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo(clock);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    // ---------------------------------------------------------------- helpers

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies", PREFIX + "counters/" + counter + "/queue");
        return terminal;
    }

    private JsonNode command(TestDevice terminal, String counter, String fields) throws Exception {
        String requestId = counter + "-" + (++requests);
        return command(terminal, counter, requestId, fields);
    }

    private JsonNode command(TestDevice terminal, String counter, String requestId, String fields) throws Exception {
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter
                + "/replies", requestId, "{\"requestId\":\"" + requestId + "\"," + fields + "}");
    }

    private JsonNode ok(JsonNode reply) {
        assertFalse(reply.has("error"), () -> "refused: " + reply);
        return reply;
    }

    private String take(String service) throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            String requestId = "t-" + (++requests);
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId,
                    "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
            return ok(reply).path("ticket").path("number").asText();
        }
    }

    private static String error(JsonNode reply) {
        return reply.path("error").path("code").asText();
    }

    /** The counter's retained queue message once it lists (or no longer lists) the number as parked. */
    private JsonNode queueWhere(TestDevice terminal, String counter, String number, boolean parked)
            throws InterruptedException {
        return queueWhere(terminal, counter, number, parked, Instant.EPOCH);
    }

    /** As above, among the messages read at {@code notBefore} or later (the test clock moved on meanwhile). */
    private JsonNode queueWhere(TestDevice terminal, String counter, String number, boolean parked, Instant notBefore)
            throws InterruptedException {
        return terminal.await(r -> r.topic().equals(PREFIX + "counters/" + counter + "/queue")
                && listsParked(r.json(), number) == parked
                && !Instant.parse(r.json().path("updatedAt").asText()).isBefore(notBefore), Duration.ofSeconds(15))
                .json();
    }

    private static boolean listsParked(JsonNode queue, String number) {
        for (JsonNode p : queue.path("parked")) {
            if (p.path("ticket").asText().equals(number)) {
                return true;
            }
        }
        return false;
    }

    private Row ticketRow(String number) {
        return GatewayHarness.await(gateway.gateway().query("SELECT state, counter_id, finished_at FROM tickets"
                + " WHERE number = $1", number)).iterator().next();
    }

    private JsonObject lastEvent(String type, String number) {
        return (JsonObject) GatewayHarness.await(gateway.gateway().query("SELECT e.payload FROM events e"
                + " JOIN tickets t ON t.ticket_id = e.ticket_id WHERE e.type = $1 AND t.number = $2"
                + " ORDER BY e.version DESC LIMIT 1", type, number)).iterator().next().getValue(0);
    }

    // ---------------------------------------------------------------- behaviour

    @Test
    void aParkedCitizenLeavesTheCounterFreeIsListedWithTheReasonAndIsCalledBackAndAnnounced() throws Exception {
        try (TestDevice q01 = terminal("Q01"); TestDevice hall = gateway.device("hall-1")) {
            hall.subscribe(PREFIX + "calls");
            ok(command(q01, "Q01", "\"command\":\"OPEN\""));
            String first = take("TP");
            String second = take("TP");
            ok(command(q01, "Q01", "\"command\":\"CALL_NEXT\""));

            JsonNode parked = ok(command(q01, "Q01", "\"command\":\"PARK\",\"reason\":\"Đi photo giấy tờ\""));

            assertEquals("PARKED", parked.path("ticket").path("state").asText(), parked.toString());
            assertEquals(first, parked.path("ticket").path("number").asText());
            JsonNode queue = queueWhere(q01, "Q01", first, true);
            JsonNode entry = queue.path("parked").get(0);
            assertEquals("Đi photo giấy tờ", entry.path("reason").asText());
            assertEquals(Duration.ofMinutes(15), Duration.between(Instant.parse(entry.path("since").asText()),
                    Instant.parse(entry.path("expiresAt").asText())));
            assertEquals("PARKED", ticketRow(first).getString("state"));
            assertEquals("Đi photo giấy tờ", lastEvent("TicketParked", first).getString("reason"));

            // the counter is free: it calls the next citizen, serves them, then calls the parked one back
            assertEquals(second, ok(command(q01, "Q01", "\"command\":\"CALL_NEXT\"")).path("ticket").path("number")
                    .asText());
            ok(command(q01, "Q01", "\"command\":\"COMPLETE\""));
            clock.advance(Duration.ofMinutes(3));
            JsonNode resumed = ok(command(q01, "Q01", "\"command\":\"CALL_PARKED\",\"ticket\":\"" + first + "\""));

            assertEquals("parked", resumed.path("reason").asText(), resumed.toString());
            assertEquals("CALLED", resumed.path("ticket").path("state").asText());
            JsonNode call = hall.await(r -> r.topic().equals(PREFIX + "calls")
                    && r.json().path("ticket").asText().equals(first) && !r.json().path("recall").asBoolean(),
                    Duration.ofSeconds(10)).json();
            assertEquals("Q01", call.path("counter").asText(), call.toString());
            queueWhere(q01, "Q01", first, false, clock.instant());
            assertEquals("CALLED", ticketRow(first).getString("state"));
            assertEquals("parked", lastEvent("TicketCalled", first).getString("reason"));
            ok(command(q01, "Q01", "\"command\":\"COMPLETE\""));
            String metrics = HttpCalls.get(gateway.httpUri("/metrics")).body();
            assertTrue(metrics.contains("onedesk_tickets_parked_total{centre=\"hcc-tinh\",operator=\"POSTAL\","
                    + "service=\"TP\"} 1.0"), metrics);
            assertTrue(metrics.contains("onedesk_parked_ticket_calls_total{centre=\"hcc-tinh\",operator=\"POSTAL\","
                    + "service=\"TP\"} 1.0"), metrics);
        }
    }

    @Test
    void aCallByNumberSkipsTheLineAndItsReasonIsRecordedInTheEventsTableAsAnOutOfOrderCall() throws Exception {
        try (TestDevice q04 = terminal("Q04")) {
            ok(command(q04, "Q04", "\"command\":\"OPEN\""));
            String first = take("DD");
            take("DD");
            String third = take("DD");

            JsonNode called = ok(command(q04, "Q04", "\"command\":\"CALL_NUMBER\",\"ticket\":\"" + third
                    + "\",\"reason\":\"Lãnh đạo yêu cầu giải quyết gấp\""));

            assertEquals(third, called.path("ticket").path("number").asText(), called.toString());
            assertEquals("number", called.path("reason").asText());
            JsonObject payload = lastEvent("TicketCalled", third);
            assertEquals("number", payload.getString("reason"));
            assertEquals("Lãnh đạo yêu cầu giải quyết gấp", payload.getString("note"));
            assertEquals(Boolean.TRUE, payload.getBoolean("outOfOrder"));
            ok(command(q04, "Q04", "\"command\":\"COMPLETE\""));
            assertEquals(first, ok(command(q04, "Q04", "\"command\":\"CALL_NEXT\"")).path("ticket").path("number")
                    .asText(), "the line keeps its order");
            ok(command(q04, "Q04", "\"command\":\"COMPLETE\""));
            assertFalse(lastEvent("TicketCalled", first).containsKey("outOfOrder"));
        }
    }

    @Test
    void aParkedTicketNotCalledBackWithinTheParkTimeoutExpiresToNoShowOnce() throws Exception {
        try (TestDevice q07 = terminal("Q07")) {
            ok(command(q07, "Q07", "\"command\":\"OPEN\""));
            String number = take("KD");
            ok(command(q07, "Q07", "\"command\":\"CALL_NEXT\""));
            ok(command(q07, "Q07", "\"command\":\"PARK\",\"reason\":\"Bổ sung giấy tờ\""));
            queueWhere(q07, "Q07", number, true);

            clock.advance(Duration.ofMinutes(15));

            queueWhere(q07, "Q07", number, false, clock.instant());
            Row row = ticketRow(number);
            assertEquals("NO_SHOW", row.getString("state"));
            assertEquals("Q07", row.getString("counter_id"));
            assertTrue(row.getOffsetDateTime("finished_at") != null);
            JsonObject noShow = lastEvent("TicketNoShow", number);
            assertEquals(Boolean.TRUE, noShow.getBoolean("expired"), noShow.encode());
            assertEquals(1L, gateway.count("SELECT count(*) FROM events e JOIN tickets t ON t.ticket_id = e.ticket_id"
                    + " WHERE e.type = 'TicketNoShow' AND t.number = $1", number));
            assertEquals("UNKNOWN_TICKET", error(command(q07, "Q07", "\"command\":\"CALL_PARKED\",\"ticket\":\""
                    + number + "\"")), "it has left the queue");
        }
    }

    @Test
    void aParkedTicketSurvivesARestartWithItsReasonAndTimeAndIsCalledBackAfterIt() throws Exception {
        String number;
        JsonNode before;
        try (TestDevice q14 = terminal("Q14")) {
            ok(command(q14, "Q14", "\"command\":\"OPEN\""));
            number = take("KQ");
            ok(command(q14, "Q14", "\"command\":\"CALL_NEXT\""));
            ok(command(q14, "Q14", "\"command\":\"START\""));
            ok(command(q14, "Q14", "\"command\":\"PARK\",\"reason\":\"Đi nộp lệ phí\""));
            before = queueWhere(q14, "Q14", number, true).path("parked");
        }

        gateway.restart();

        try (TestDevice q14 = terminal("Q14")) {
            JsonNode after = queueWhere(q14, "Q14", number, true).path("parked");
            assertEquals(before, after, "the same reason, time and expiry after the restart");
            assertEquals("PARKED", ticketRow(number).getString("state"));
            JsonNode resumed = ok(command(q14, "Q14", "\"command\":\"CALL_PARKED\",\"ticket\":\"" + number + "\""));
            assertEquals("CALLED", resumed.path("ticket").path("state").asText(), resumed.toString());
            ok(command(q14, "Q14", "\"command\":\"COMPLETE\""));
        }
    }

    @Test
    void aParkedTicketWhoseTimeRanOutWhileTheGatewayWasDownExpiresWhenItStarts() throws Exception {
        String number;
        try (TestDevice q05 = terminal("Q05")) {
            ok(command(q05, "Q05", "\"command\":\"OPEN\""));
            number = take("DD");
            ok(command(q05, "Q05", "\"command\":\"CALL_NEXT\""));
            ok(command(q05, "Q05", "\"command\":\"PARK\",\"reason\":\"Đi photo giấy tờ\""));
            queueWhere(q05, "Q05", number, true);
        }
        gateway.stop();
        clock.advance(Duration.ofMinutes(20));

        gateway.restart();

        try (TestDevice q05 = terminal("Q05")) {
            queueWhere(q05, "Q05", number, false, clock.instant());
            assertEquals("NO_SHOW", ticketRow(number).getString("state"));
            assertEquals(Boolean.TRUE, lastEvent("TicketNoShow", number).getBoolean("expired"));
        }
    }

    @Test
    void aTicketParkedAtACounterThatClosedIsListedAtAnotherCounterOfItsServiceWhichCallsItBack() throws Exception {
        try (TestDevice q12 = terminal("Q12"); TestDevice q13 = terminal("Q13"); TestDevice q16 = terminal("Q16")) {
            ok(command(q12, "Q12", "\"command\":\"OPEN\""));
            ok(command(q13, "Q13", "\"command\":\"OPEN\""));
            ok(command(q16, "Q16", "\"command\":\"OPEN\""));
            String number = take("GT");
            ok(command(q12, "Q12", "\"command\":\"CALL_NEXT\""));
            ok(command(q12, "Q12", "\"command\":\"PARK\",\"reason\":\"Bổ sung giấy tờ\""));
            queueWhere(q12, "Q12", number, true);
            clock.advance(Duration.ofMinutes(1));
            Instant closedAt = clock.instant();

            ok(command(q12, "Q12", "\"command\":\"CLOSE\""));

            JsonNode listed = queueWhere(q13, "Q13", number, true, closedAt).path("parked").get(0);
            assertEquals("Q12", listed.path("counter").asText(), listed.toString());
            assertEquals("Bổ sung giấy tờ", listed.path("reason").asText());
            assertEquals("TICKET_NOT_SERVED_HERE", error(command(q16, "Q16", "\"command\":\"CALL_PARKED\",\"ticket\":\""
                    + number + "\"")), "Q16 does not serve GT");
            JsonNode resumed = ok(command(q13, "Q13", "\"command\":\"CALL_PARKED\",\"ticket\":\"" + number + "\""));
            assertEquals("Q13", resumed.path("counter").path("id").asText(), resumed.toString());
            ok(command(q13, "Q13", "\"command\":\"COMPLETE\""));
        }
    }

    @Test
    void theRefusalsCarryTheirCodesAndARetryGetsTheSameReply() throws Exception {
        try (TestDevice q10 = terminal("Q10"); TestDevice q11 = terminal("Q11"); TestDevice q17 = terminal("Q17")) {
            ok(command(q10, "Q10", "\"command\":\"OPEN\""));
            ok(command(q11, "Q11", "\"command\":\"OPEN\""));
            ok(command(q17, "Q17", "\"command\":\"OPEN\""));
            assertEquals("INVALID_STATE", error(command(q10, "Q10", "\"command\":\"PARK\",\"reason\":\"x\"")));
            String waiting = take("LD");
            assertEquals("UNKNOWN_TICKET", error(command(q10, "Q10", "\"command\":\"CALL_PARKED\",\"ticket\":\"Z999\"")));
            assertEquals("NOT_PARKED", error(command(q10, "Q10", "\"command\":\"CALL_PARKED\",\"ticket\":\""
                    + waiting + "\"")));
            assertEquals("TICKET_NOT_SERVED_HERE", error(command(q17, "Q17", "\"command\":\"CALL_NUMBER\",\"ticket\":\""
                    + waiting + "\",\"reason\":\"x\"")));
            JsonNode noReason = command(q10, "Q10", "\"command\":\"CALL_NUMBER\",\"ticket\":\"" + waiting + "\"");
            assertEquals("MALFORMED", error(noReason));
            assertTrue(noReason.path("error").path("detail").asText().contains("'reason'"), noReason.toString());

            JsonNode call = ok(command(q10, "Q10", "q10-by-number", "\"command\":\"CALL_NUMBER\",\"ticket\":\""
                    + waiting + "\",\"reason\":\"Người khuyết tật chờ lâu\""));
            JsonNode again = command(q10, "Q10", "q10-by-number", "\"command\":\"CALL_NUMBER\",\"ticket\":\""
                    + waiting + "\",\"reason\":\"Người khuyết tật chờ lâu\"");
            assertEquals(call, again, "a retry gets the stored reply");
            assertEquals("DUPLICATE_REQUEST", error(command(q10, "Q10", "q10-by-number",
                    "\"command\":\"CALL_NUMBER\",\"ticket\":\"" + waiting + "\",\"reason\":\"another reason\"")));
            assertEquals("INVALID_STATE", error(command(q10, "Q10", "\"command\":\"CALL_NUMBER\",\"ticket\":\""
                    + waiting + "\",\"reason\":\"x\"")), "the counter is busy");
            assertEquals("TICKET_NOT_WAITING", error(command(q11, "Q11", "\"command\":\"CALL_NUMBER\",\"ticket\":\""
                    + waiting + "\",\"reason\":\"x\"")), "it is at Q10 now");
            ok(command(q10, "Q10", "\"command\":\"COMPLETE\""));
        }
    }
}
