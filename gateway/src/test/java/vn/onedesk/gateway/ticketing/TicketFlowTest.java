package vn.onedesk.gateway.ticketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/** A citizen's whole path over real MQTT (Paho) and a real PostgreSQL. */
class TicketFlowTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKioskReceivesATicketOnlyAfterItIsCommittedAndARetryReturnsTheSameTicket() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            JsonNode first = kiosk.request(REQUEST, RESPONSE, "flow-1",
                    "{\"requestId\":\"flow-1\",\"service\":\"DD\",\"priority\":\"NONE\"}");
            JsonNode ticket = first.path("ticket");
            assertTrue(ticket.path("number").asText().matches("B\\d{3}"), first.toString());
            assertEquals("DD", ticket.path("service").asText());
            assertEquals("WAITING", ticket.path("state").asText());
            // No counter is open yet: the ticket says so, and has a place but no estimate that could come true.
            assertTrue(ticket.has("ahead") && !ticket.has("estimatedWait"), first.toString());
            assertEquals("NO_COUNTER", ticket.path("serviceState").asText(), first.toString());
            // The reply was sent after the commit, so the row is there the moment the kiosk has it.
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1",
                    ticket.path("id").asText()));

            JsonNode retry = kiosk.request(REQUEST, RESPONSE, "flow-1",
                    "{\"requestId\":\"flow-1\",\"service\":\"DD\",\"priority\":\"NONE\"}");
            assertEquals(first, retry);
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE kiosk_id = 'kiosk-1'"
                    + " AND request_id = 'flow-1'"));
        }
    }

    @Test
    void aCounterCallsTheTicketAndTheHallDisplaySeesTheCallAndTheCounterNowServing() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1");
             TestDevice counter = gateway.device("counter-Q12");
             TestDevice hall = gateway.device("hall-1")) {
            kiosk.subscribe(RESPONSE);
            counter.subscribe(PREFIX + "counters/Q12/replies");
            hall.subscribe(PREFIX + "calls", PREFIX + "counters/Q12/now");
            hall.await(r -> r.topic().endsWith("/Q12/now") && r.retained(), Duration.ofSeconds(10));

            String number = kiosk.request(REQUEST, RESPONSE, "flow-gt",
                    "{\"requestId\":\"flow-gt\",\"service\":\"GT\"}").path("ticket").path("number").asText();
            String replies = PREFIX + "counters/Q12/replies";
            String commands = PREFIX + "counters/Q12/commands";
            assertEquals(true, counter.request(commands, replies, "q12-open",
                    "{\"requestId\":\"q12-open\",\"command\":\"OPEN\"}").path("counter").path("open").asBoolean());
            JsonNode called = counter.request(commands, replies, "q12-call",
                    "{\"requestId\":\"q12-call\",\"command\":\"CALL_NEXT\"}");
            assertEquals(number, called.path("ticket").path("number").asText(), called.toString());
            assertEquals("CALLED", called.path("ticket").path("state").asText());
            assertTrue(called.path("reason").asText().contains(number), called.toString());

            JsonNode call = hall.await(PREFIX + "calls").json();
            assertEquals(number, call.path("ticket").asText());
            assertEquals("Q12", call.path("counter").asText());
            assertEquals(12, call.path("counterNumber").asInt());
            assertFalse(call.path("recall").asBoolean());
            JsonNode now = hall.await(r -> r.topic().endsWith("/Q12/now") && number.equals(r.json().path("ticket")
                    .asText()), Duration.ofSeconds(10)).json();
            assertEquals("CALLED", now.path("state").asText());

            JsonNode recall = counter.request(commands, replies, "q12-recall",
                    "{\"requestId\":\"q12-recall\",\"command\":\"RECALL\"}");
            assertEquals(number, recall.path("ticket").path("number").asText());
            JsonNode again = hall.await(PREFIX + "calls").json();
            assertTrue(again.path("recall").asBoolean());
            assertEquals(call.path("seq").asLong() + 1, again.path("seq").asLong(), "seq rises by one per call");

            counter.request(commands, replies, "q12-start", "{\"requestId\":\"q12-start\",\"command\":\"START\"}");
            JsonNode done = counter.request(commands, replies, "q12-done",
                    "{\"requestId\":\"q12-done\",\"command\":\"COMPLETE\"}");
            assertEquals("DONE", done.path("ticket").path("state").asText(), done.toString());
            JsonNode idle = hall.await(r -> r.topic().endsWith("/Q12/now") && !r.json().has("ticket"),
                    Duration.ofSeconds(10)).json();
            assertTrue(idle.path("open").asBoolean());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE number = $1 AND state = 'DONE'"
                    + " AND finished_at IS NOT NULL", number));
            assertEquals(5, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE t.number = $1", number), "issued, called, recalled, started, completed");
        }
    }

    @Test
    void aDisplayThatConnectsLateGetsTheRetainedNowServingAndWaitOfEveryCounterAndService() throws Exception {
        try (TestDevice display = gateway.device("hall-1")) {
            display.subscribe(PREFIX + "counters/+/now", PREFIX + "services/+/wait");
            java.util.Set<String> topics = new java.util.HashSet<>();
            for (int i = 0; i < 24 + 10; i++) {
                TestDevice.Received r = display.await(x -> x.retained(), Duration.ofSeconds(10));
                topics.add(r.topic());
            }
            assertEquals(34, topics.size(), topics.toString());
            assertTrue(topics.contains(PREFIX + "services/BHXH/wait"));
            assertTrue(topics.contains(PREFIX + "counters/Q24/now"));
        }
    }

    @Test
    void aTransferredTicketKeepsItsNumberAndGoesBackToWaitingInTheNewService() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-2");
             TestDevice counter = gateway.device("counter-Q21")) {
            String response = PREFIX + "kiosks/kiosk-2/tickets/response";
            kiosk.subscribe(response);
            counter.subscribe(PREFIX + "counters/Q21/replies");
            String number = kiosk.request(PREFIX + "kiosks/kiosk-2/tickets/request", response, "ca-1",
                    "{\"requestId\":\"ca-1\",\"service\":\"CA\"}").path("ticket").path("number").asText();
            String commands = PREFIX + "counters/Q21/commands";
            String replies = PREFIX + "counters/Q21/replies";
            counter.request(commands, replies, "q21-open", "{\"requestId\":\"q21-open\",\"command\":\"OPEN\"}");
            counter.request(commands, replies, "q21-call", "{\"requestId\":\"q21-call\",\"command\":\"CALL_NEXT\"}");
            JsonNode moved = counter.request(commands, replies, "q21-transfer",
                    "{\"requestId\":\"q21-transfer\",\"command\":\"TRANSFER\",\"service\":\"KQ\"}");
            assertEquals(number, moved.path("ticket").path("number").asText(), moved.toString());
            assertEquals("KQ", moved.path("ticket").path("service").asText());
            assertEquals("WAITING", moved.path("ticket").path("state").asText());
        }
    }
}
