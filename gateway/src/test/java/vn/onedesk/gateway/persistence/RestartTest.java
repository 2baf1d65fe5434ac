package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;

/**
 * A gateway stopped and started again on the same database carries on exactly where it was: the
 * numbers, the waiting lines, what each counter has, the call sequence and the stored replies.
 */
class RestartTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Services used here and a counter whose skills include exactly one of them (and no other used one). */
    private static final Map<String, String> COUNTER_FOR = Map.of("TP", "Q01", "DD", "Q04", "GT", "Q12");

    @Test
    void afterARestartNumberingQueueOrderCountersCallSeqRecentCallsAndStoredRepliesAllCarryOn() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemo()) {
            // --- before: tickets of three services, two of them priority; two counters busy ---
            Map<String, byte[]> sent = new LinkedHashMap<>();
            Map<String, byte[]> answered = new LinkedHashMap<>();
            List<String> numbers = new ArrayList<>();
            long lastSeq;
            try (TestDevice kiosk = gateway.device("kiosk-1");
                 TestDevice q04 = gateway.device("counter-Q04");
                 TestDevice q12 = gateway.device("counter-Q12");
                 TestDevice hall = gateway.device("hall-1")) {
                kiosk.subscribe(RESPONSE);
                q04.subscribe(replies("Q04"));
                q12.subscribe(replies("Q12"));
                hall.subscribe(PREFIX + "calls");
                String[][] requests = {
                    {"r1", "TP", "NONE"}, {"r2", "DD", "NONE"}, {"r3", "TP", "NONE"}, {"r4", "GT", "NONE"},
                    {"r5", "TP", "ELDERLY"}, {"r6", "DD", "NONE"}, {"r7", "TP", "NONE"}, {"r8", "GT", "PREGNANT"},
                    {"r9", "GT", "NONE"}};
                for (String[] r : requests) {
                    byte[] payload = ("{\"requestId\":\"" + r[0] + "\",\"service\":\"" + r[1] + "\",\"priority\":\""
                            + r[2] + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    kiosk.publish(REQUEST, payload);
                    TestDevice.Received reply = kiosk.await(x -> x.topic().equals(RESPONSE)
                            && r[0].equals(x.json().path("requestId").asText()), WAIT);
                    sent.put(r[0], payload);
                    answered.put(r[0], reply.payload());
                    numbers.add(reply.json().path("ticket").path("number").asText());
                }
                assertEquals(List.of("A001", "B001", "A002", "F001", "A003", "B002", "A004", "F002", "F003"), numbers);

                command(q04, "Q04", "q04-open", "OPEN");
                JsonNode b001 = command(q04, "Q04", "q04-call-1", "CALL_NEXT");
                assertEquals("B001", b001.path("ticket").path("number").asText(), b001.toString());
                command(q12, "Q12", "q12-open", "OPEN");
                JsonNode f002 = command(q12, "Q12", "q12-call-1", "CALL_NEXT");
                assertEquals("F002", f002.path("ticket").path("number").asText(), "priority first: " + f002);
                JsonNode started = command(q12, "Q12", "q12-start", "START");
                assertEquals("SERVING", started.path("ticket").path("state").asText(), started.toString());
                long first = hall.await(PREFIX + "calls").json().path("seq").asLong();
                lastSeq = hall.await(PREFIX + "calls").json().path("seq").asLong();
                assertEquals(first + 1, lastSeq);
            }
            Map<String, List<String>> linesBefore = waitingLines(gateway);
            assertEquals(List.of("A003", "A001", "A002", "A004"), linesBefore.get("TP"));
            assertEquals(List.of("B002"), linesBefore.get("DD"));
            assertEquals(List.of("F001", "F003"), linesBefore.get("GT"));

            gateway.restart();

            // --- after: the same waiting lines, in the same order ---
            assertEquals(linesBefore, waitingLines(gateway), "waiting lines after the restart");

            // The board still lists the calls made before the restart: a hall screen that missed them recovers them.
            JsonNode board = vn.onedesk.gateway.support.HttpCalls.json(vn.onedesk.gateway.support.HttpCalls.get(
                    gateway.httpUri("/api/v1/centres/hcc-tinh/board")));
            List<String> recent = new ArrayList<>();
            board.path("recentCalls").forEach(c -> recent.add(c.path("seq").asLong() + " " + c.path("ticket").asText()
                    + " " + c.path("counter").asText() + " " + c.path("counterNumber").asInt()));
            assertEquals(List.of(lastSeq + " F002 Q12 12", (lastSeq - 1) + " B001 Q04 4"), recent,
                    "recent calls after the restart: " + board);
            assertEquals(lastSeq, board.path("lastSeq").asLong(), board.toString());

            try (TestDevice kiosk = gateway.device("kiosk-1");
                 TestDevice q01 = gateway.device("counter-Q01");
                 TestDevice q04 = gateway.device("counter-Q04");
                 TestDevice q12 = gateway.device("counter-Q12");
                 TestDevice hall = gateway.device("hall-1")) {
                kiosk.subscribe(RESPONSE);
                q01.subscribe(replies("Q01"));
                q04.subscribe(replies("Q04"));
                q12.subscribe(replies("Q12"));
                hall.subscribe(PREFIX + "calls", PREFIX + "counters/Q04/now", PREFIX + "counters/Q12/now");

                // The counters still have their tickets, as the retained now topics show.
                JsonNode q04Now = hall.await(r -> r.topic().endsWith("/Q04/now") && r.retained(), WAIT).json();
                assertEquals("B001", q04Now.path("ticket").asText(), q04Now.toString());
                assertEquals("CALLED", q04Now.path("state").asText(), q04Now.toString());
                assertTrue(q04Now.path("open").asBoolean(), q04Now.toString());
                JsonNode q12Now = hall.await(r -> r.topic().endsWith("/Q12/now") && r.retained(), WAIT).json();
                assertEquals("F002", q12Now.path("ticket").asText(), q12Now.toString());
                assertEquals("SERVING", q12Now.path("state").asText(), q12Now.toString());

                // A kiosk retrying a request from before the restart gets the very same bytes.
                for (String id : List.of("r2", "r5", "r9")) {
                    kiosk.publish(REQUEST, sent.get(id));
                    byte[] again = kiosk.await(x -> x.topic().equals(RESPONSE)
                            && id.equals(x.json().path("requestId").asText()), WAIT).payload();
                    assertArrayEquals(answered.get(id), again, "retry of " + id + " after the restart");
                }
                // ... and reusing one of those ids for something else is still a duplicate.
                JsonNode dup = kiosk.request(REQUEST, RESPONSE, "r1", "{\"requestId\":\"r1\",\"service\":\"GT\"}");
                assertEquals(ErrorCode.DUPLICATE_REQUEST.name(), dup.path("error").path("code").asText(), dup.toString());

                // Numbering continues: the next ticket of each service is the following number.
                assertEquals("A005", take(kiosk, "r10", "TP"));
                assertEquals("B003", take(kiosk, "r11", "DD"));
                assertEquals("F004", take(kiosk, "r12", "GT"));
                assertEquals("K001", take(kiosk, "r13", "CA"));
                assertEquals(0, gateway.count("SELECT count(*) FROM (SELECT number FROM tickets"
                        + " GROUP BY service_day, number HAVING count(*) > 1) repeated"), "no number issued twice");

                // What a counter had before the restart it can finish after it.
                JsonNode doneB = command(q04, "Q04", "q04-complete-1", "COMPLETE");
                assertEquals("B001", doneB.path("ticket").path("number").asText(), doneB.toString());
                assertEquals("DONE", doneB.path("ticket").path("state").asText(), doneB.toString());
                JsonNode doneF = command(q12, "Q12", "q12-complete-1", "COMPLETE");
                assertEquals("F002", doneF.path("ticket").path("number").asText(), doneF.toString());
                assertEquals("DONE", doneF.path("ticket").path("state").asText(), doneF.toString());

                // The waiting lines are served in the same order as before, the new tickets last,
                // and every call continues the centre's call sequence by exactly one.
                command(q01, "Q01", "q01-open", "OPEN");
                Map<String, TestDevice> terminals = Map.of("Q01", q01, "Q04", q04, "Q12", q12);
                Map<String, List<String>> expected = Map.of(
                        "TP", List.of("A003", "A001", "A002", "A004", "A005"),
                        "DD", List.of("B002", "B003"),
                        "GT", List.of("F001", "F003", "F004"));
                long seq = lastSeq;
                for (String service : List.of("TP", "DD", "GT")) {
                    String counter = COUNTER_FOR.get(service);
                    TestDevice terminal = terminals.get(counter);
                    List<String> called = new ArrayList<>();
                    for (int i = 0; ; i++) {
                        JsonNode reply = command(terminal, counter, counter + "-next-" + i, "CALL_NEXT", true);
                        if (reply.has("error")) {
                            assertEquals(ErrorCode.NO_TICKET_WAITING.name(), reply.path("error").path("code").asText(),
                                    reply.toString());
                            break;
                        }
                        String number = reply.path("ticket").path("number").asText();
                        called.add(number);
                        JsonNode call = hall.await(PREFIX + "calls").json();
                        assertEquals(number, call.path("ticket").asText(), call.toString());
                        assertEquals(++seq, call.path("seq").asLong(), "call seq continues by one: " + call);
                        command(terminal, counter, counter + "-done-" + i, "COMPLETE");
                    }
                    assertEquals(expected.get(service), called, "call order of " + service + " at " + counter);
                }
                assertEquals(lastSeq + 10, seq);
                assertEquals(seq, gateway.count("SELECT last_call_seq FROM centres WHERE centre_id = 'hcc-tinh'"));
            }
        }
    }

    @Test
    void theDemosOwnEmbeddedDatabaseKeepsTheNumberingAcrossARestart(@TempDir Path dataDir) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(
                GatewayHarness.env(Map.of(ConfigLoader.ENV_DATA_DIR, dataDir.toString())), Clock.systemUTC())) {
            assertTrue(gateway.gateway().databaseDescription() != null);
            assertFalse(gateway.gateway().config().pgUrl().isPresent(), "no external database configured");
            String first;
            byte[] firstReply;
            try (TestDevice kiosk = gateway.device("kiosk-1")) {
                kiosk.subscribe(RESPONSE);
                kiosk.publish(REQUEST, "{\"requestId\":\"emb-1\",\"service\":\"KQ\"}");
                TestDevice.Received reply = kiosk.await(RESPONSE);
                firstReply = reply.payload();
                first = reply.json().path("ticket").path("number").asText();
            }
            assertEquals("L001", first);

            gateway.restart();

            try (TestDevice kiosk = gateway.device("kiosk-1")) {
                kiosk.subscribe(RESPONSE);
                assertEquals("L002", take(kiosk, "emb-2", "KQ"), "numbering continues after the restart");
                kiosk.publish(REQUEST, "{\"requestId\":\"emb-1\",\"service\":\"KQ\"}");
                assertArrayEquals(firstReply, kiosk.await(x -> x.topic().equals(RESPONSE)
                        && "emb-1".equals(x.json().path("requestId").asText()), WAIT).payload());
            }
            assertEquals(2, gateway.count("SELECT count(*) FROM tickets"));
            assertTrue(java.nio.file.Files.isDirectory(dataDir.resolve("pg")), "the data lives under ONEDESK_DATA_DIR");
        }
    }

    // --- helpers ---

    private static Map<String, List<String>> waitingLines(GatewayHarness gateway) {
        CentreRuntime centre = gateway.gateway().centres().find(GatewayHarness.CENTRE).orElseThrow();
        return GatewayHarness.await(centre.read(queue -> {
            Map<String, List<String>> lines = new LinkedHashMap<>();
            for (String service : List.of("TP", "DD", "GT")) {
                lines.put(service, queue.waiting().inOrder(service).map(Ticket::number).toList());
            }
            return lines;
        }));
    }

    private static String take(TestDevice kiosk, String requestId, String service) throws Exception {
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply.path("ticket").path("number").asText();
    }

    private static String replies(String counter) {
        return PREFIX + "counters/" + counter + "/replies";
    }

    private static JsonNode command(TestDevice terminal, String counter, String requestId, String command)
            throws Exception {
        return command(terminal, counter, requestId, command, false);
    }

    private static JsonNode command(TestDevice terminal, String counter, String requestId, String command,
                                    boolean mayFail) throws Exception {
        JsonNode reply = terminal.request(PREFIX + "counters/" + counter + "/commands", replies(counter), requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
        if (!mayFail) {
            assertFalse(reply.has("error"), reply.toString());
        }
        return reply;
    }
}
