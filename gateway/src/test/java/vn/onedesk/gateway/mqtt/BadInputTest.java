package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;

/**
 * Whatever a kiosk or a counter terminal sends, it hears back on its own reply topic with a stable
 * code, the code's Vietnamese message and a readable English detail, its connection stays up, and nothing
 * is stored.
 */
class BadInputTest {
    private static final String KIOSK_REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String KIOSK_RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** One bad message: what is sent, the code expected back, and the requestId that must be echoed (or null). */
    record Bad(String name, byte[] payload, ErrorCode code, String echoed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String payload, ErrorCode code, String echoed) {
        return new Bad(name, payload.getBytes(StandardCharsets.UTF_8), code, echoed);
    }

    private static byte[] invalidUtf8(String before, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xFF;
        out[head.length + 1] = (byte) 0xC3;
        out[head.length + 2] = (byte) 0x28;
        System.arraycopy(tail, 0, out, head.length + 3, tail.length);
        return out;
    }

    /** Valid JSON above the 4096-byte application limit but well below the 64 KiB transport limit. */
    private static String oversized(String requestId, String rest) {
        return "{\"requestId\":\"" + requestId + "\"," + rest + ",\"padding\":\"" + "x".repeat(6000) + "\"}";
    }

    static Stream<Bad> badTicketRequests() {
        return Stream.of(
                bad("not JSON", "please give me a ticket", ErrorCode.MALFORMED, null),
                bad("a JSON array", "[{\"requestId\":\"k-array\",\"service\":\"TP\"}]", ErrorCode.MALFORMED, null),
                bad("a JSON string", "\"TP\"", ErrorCode.MALFORMED, null),
                bad("truncated JSON", "{\"requestId\":\"k-trunc\",\"service\":", ErrorCode.MALFORMED, null),
                new Bad("invalid UTF-8 bytes", invalidUtf8("{\"requestId\":\"k-utf8\",\"service\":\"T", "P\"}"),
                        ErrorCode.MALFORMED, null),
                bad("no requestId", "{\"service\":\"TP\"}", ErrorCode.MALFORMED, null),
                bad("a numeric requestId", "{\"requestId\":42,\"service\":\"TP\"}", ErrorCode.MALFORMED, null),
                bad("no service", "{\"requestId\":\"k-no-service\"}", ErrorCode.MALFORMED, "k-no-service"),
                bad("an unknown service", "{\"requestId\":\"k-unknown-service\",\"service\":\"ZZ\"}",
                        ErrorCode.UNKNOWN_SERVICE, "k-unknown-service"),
                bad("an unknown priority", "{\"requestId\":\"k-bad-priority\",\"service\":\"TP\",\"priority\":\"VIP\"}",
                        ErrorCode.MALFORMED, "k-bad-priority"),
                bad("a numeric priority", "{\"requestId\":\"k-num-priority\",\"service\":\"TP\",\"priority\":1}",
                        ErrorCode.MALFORMED, "k-num-priority"),
                bad("an unknown language", "{\"requestId\":\"k-bad-lang\",\"service\":\"TP\",\"language\":\"fr\"}",
                        ErrorCode.MALFORMED, "k-bad-lang"),
                bad("an oversized payload", oversized("k-oversized", "\"service\":\"TP\""),
                        ErrorCode.PAYLOAD_TOO_LARGE, null));
    }

    @ParameterizedTest(name = "a kiosk sending {0} is told why on its response topic and can go on")
    @MethodSource("badTicketRequests")
    void aKioskSendingABadTicketRequestGetsAStableErrorOnItsResponseTopicAndStaysConnected(Bad bad) throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            long[] before = rowCounts();

            kiosk.publish(KIOSK_REQUEST, bad.payload());
            JsonNode reply = kiosk.await(r -> r.topic().equals(KIOSK_RESPONSE), WAIT).json();

            assertRefused(reply, bad.code(), bad.echoed());
            assertFalse(reply.has("ticket"), reply.toString());
            assertArrayEquals(before, rowCounts(), "a refused ticket request stores nothing");
            assertStillServed(kiosk);
        }
    }

    @Test
    void aTicketRequestInEnglishIsRefusedWithTheEnglishMessageAndTheEnginesExplanationAsTheDetail() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            JsonNode reply = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-unknown-en",
                    "{\"requestId\":\"k-unknown-en\",\"service\":\"ZZ\",\"language\":\"en\"}");
            assertEquals(ErrorCode.UNKNOWN_SERVICE.name(), reply.path("error").path("code").asText(), reply.toString());
            assertEquals(ErrorCode.UNKNOWN_SERVICE.englishMessage(), reply.path("error").path("message").asText());
            assertEquals("centre hcc-tinh has no service ZZ", reply.path("error").path("detail").asText());
        }
    }

    @Test
    void reusingAKioskRequestIdForADifferentTicketIsRefusedAsDuplicateAndIssuesNothing() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            JsonNode first = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-dup",
                    "{\"requestId\":\"k-dup\",\"service\":\"TP\"}");
            String number = first.path("ticket").path("number").asText();
            assertTrue(number.startsWith("A"), first.toString());
            long[] before = rowCounts();

            JsonNode other = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-dup",
                    "{\"requestId\":\"k-dup\",\"service\":\"DD\"}");
            assertRefused(other, ErrorCode.DUPLICATE_REQUEST, "k-dup");
            JsonNode otherPriority = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-dup",
                    "{\"requestId\":\"k-dup\",\"service\":\"TP\",\"priority\":\"ELDERLY\"}");
            assertRefused(otherPriority, ErrorCode.DUPLICATE_REQUEST, "k-dup");
            assertArrayEquals(before, rowCounts(), "a duplicate request stores nothing");

            // The same content again is a retry, not a duplicate: the same ticket comes back.
            JsonNode retry = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-dup",
                    "{\"requestId\":\"k-dup\",\"service\":\"TP\"}");
            assertEquals(first, retry);
            assertStillServed(kiosk);
        }
    }

    // --- counter terminals ---

    static Stream<Bad> badCounterCommands() {
        return Stream.of(
                bad("not JSON", "OPEN", ErrorCode.MALFORMED, null),
                bad("a JSON array", "[\"OPEN\"]", ErrorCode.MALFORMED, null),
                new Bad("invalid UTF-8 bytes", invalidUtf8("{\"requestId\":\"c-utf8\",\"command\":\"OP", "EN\"}"),
                        ErrorCode.MALFORMED, null),
                bad("no requestId", "{\"command\":\"OPEN\"}", ErrorCode.MALFORMED, null),
                bad("no command", "{\"requestId\":\"c-no-command\"}", ErrorCode.MALFORMED, "c-no-command"),
                bad("an unknown command", "{\"requestId\":\"c-unknown\",\"command\":\"TELEPORT\"}",
                        ErrorCode.UNKNOWN_COMMAND, "c-unknown"),
                bad("a lower-case command", "{\"requestId\":\"c-lower\",\"command\":\"open\"}",
                        ErrorCode.UNKNOWN_COMMAND, "c-lower"),
                bad("a numeric command", "{\"requestId\":\"c-number\",\"command\":3}", ErrorCode.MALFORMED, "c-number"),
                bad("TRANSFER without a service", "{\"requestId\":\"c-transfer\",\"command\":\"TRANSFER\"}",
                        ErrorCode.MALFORMED, "c-transfer"),
                bad("an oversized payload", oversized("c-oversized", "\"command\":\"OPEN\""),
                        ErrorCode.PAYLOAD_TOO_LARGE, null));
    }

    @ParameterizedTest(name = "a counter terminal sending {0} is told why on its replies topic and can go on")
    @MethodSource("badCounterCommands")
    void aCounterTerminalSendingABadCommandGetsAStableErrorOnItsRepliesTopicAndStaysConnected(Bad bad)
            throws Exception {
        try (TestDevice counter = gateway.device("counter-Q03")) {
            counter.subscribe(replies("Q03"));
            long[] before = rowCounts();

            counter.publish(commands("Q03"), bad.payload());
            JsonNode reply = counter.await(r -> r.topic().equals(replies("Q03")), WAIT).json();

            assertRefused(reply, bad.code(), bad.echoed());
            assertFalse(reply.has("counter"), reply.toString());
            assertArrayEquals(before, rowCounts(), "a refused command stores nothing");
            assertClosed("Q03");
            // The connection is still up and served: a good command on the same client works.
            String id = "c-ok-" + System.nanoTime();
            JsonNode ok = counter.request(commands("Q03"), replies("Q03"), id,
                    "{\"requestId\":\"" + id + "\",\"command\":\"CLOSE\"}");
            assertFalse(ok.has("error"), ok.toString());
            assertEquals("Q03", ok.path("counter").path("id").asText(ok.toString()), ok.toString());
            assertTrue(counter.isConnected());
        }
    }

    static Stream<Arguments> commandsInTheWrongState() {
        return Stream.of(
                Arguments.of("Q05", false, "\"command\":\"CALL_NEXT\"", ErrorCode.COUNTER_CLOSED),
                Arguments.of("Q08", false, "\"command\":\"COMPLETE\"", ErrorCode.COUNTER_CLOSED),
                Arguments.of("Q10", false, "\"command\":\"RECALL\"", ErrorCode.COUNTER_CLOSED),
                Arguments.of("Q06", true, "\"command\":\"COMPLETE\"", ErrorCode.INVALID_STATE),
                Arguments.of("Q06", true, "\"command\":\"RECALL\"", ErrorCode.INVALID_STATE),
                Arguments.of("Q06", true, "\"command\":\"NO_SHOW\"", ErrorCode.INVALID_STATE),
                Arguments.of("Q06", true, "\"command\":\"START\"", ErrorCode.INVALID_STATE),
                Arguments.of("Q06", true, "\"command\":\"TRANSFER\",\"service\":\"KQ\"", ErrorCode.INVALID_STATE),
                // Q22 serves only CA, and no CA ticket is ever taken in this class.
                Arguments.of("Q22", true, "\"command\":\"CALL_NEXT\"", ErrorCode.NO_TICKET_WAITING));
    }

    @ParameterizedTest(name = "{2} at {0} (open: {1}) is refused with {3}")
    @MethodSource("commandsInTheWrongState")
    void aCommandThatDoesNotFitTheCountersStateIsRefusedWithItsCodeAndChangesNothing(
            String counterId, boolean open, String command, ErrorCode code) throws Exception {
        String terminal = "counter-" + counterId;
        try (TestDevice counter = gateway.device(terminal)) {
            counter.subscribe(replies(counterId));
            String tag = counterId + "-" + System.nanoTime();
            if (open) {
                JsonNode opened = counter.request(commands(counterId), replies(counterId), "open-" + tag,
                        "{\"requestId\":\"open-" + tag + "\",\"command\":\"OPEN\"}");
                assertTrue(opened.path("counter").path("open").asBoolean(), opened.toString());
            }
            long[] before = rowCounts();
            String requestId = "bad-" + tag;
            JsonNode reply = counter.request(commands(counterId), replies(counterId), requestId,
                    "{\"requestId\":\"" + requestId + "\"," + command + "}");
            assertRefused(reply, code, requestId);
            assertTrue(command.contains(reply.path("command").asText("?")), "the command is echoed: " + reply);
            assertArrayEquals(before, rowCounts(), "a refused command stores nothing");
            assertEquals(open ? 1 : 0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = $1 AND open",
                    counterId));
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = $1"
                    + " AND current_ticket_id IS NOT NULL", counterId));
            // A refused command is not remembered: the same requestId may then carry a valid command.
            JsonNode retried = counter.request(commands(counterId), replies(counterId), requestId,
                    "{\"requestId\":\"" + requestId + "\",\"command\":\"OPEN\"}");
            assertFalse(retried.has("error"), retried.toString());
            assertTrue(retried.path("counter").path("open").asBoolean(), retried.toString());
            assertTrue(counter.isConnected());
        }
    }

    @Test
    void reusingACounterRequestIdForADifferentCommandIsRefusedAsDuplicate() throws Exception {
        try (TestDevice counter = gateway.device("counter-Q09")) {
            counter.subscribe(replies("Q09"));
            JsonNode opened = counter.request(commands("Q09"), replies("Q09"), "q09-dup",
                    "{\"requestId\":\"q09-dup\",\"command\":\"OPEN\"}");
            assertTrue(opened.path("counter").path("open").asBoolean(), opened.toString());
            long[] before = rowCounts();

            JsonNode closed = counter.request(commands("Q09"), replies("Q09"), "q09-dup",
                    "{\"requestId\":\"q09-dup\",\"command\":\"CLOSE\"}");
            assertRefused(closed, ErrorCode.DUPLICATE_REQUEST, "q09-dup");
            assertArrayEquals(before, rowCounts());
            assertEquals(1, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q09' AND open"),
                    "the duplicate CLOSE must not have closed the counter");

            JsonNode retry = counter.request(commands("Q09"), replies("Q09"), "q09-dup",
                    "{\"requestId\":\"q09-dup\",\"command\":\"OPEN\"}");
            assertEquals(opened, retry, "the same command again is a retry and gets the stored reply");
        }
    }

    // --- topics nobody handles ---

    static Stream<Arguments> unknownTopics() {
        return Stream.of(
                Arguments.of("kiosk-1", PREFIX + "nonsense"),
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-1/tickets/cancel"),
                Arguments.of("counter-Q03", PREFIX + "counters/Q03/commands/extra"),
                Arguments.of("counter-Q03", "onedesk/v2/hcc-tinh/counters/Q03/commands"),
                Arguments.of("hall-1", "some/other/app"));
    }

    @ParameterizedTest(name = "{0} publishing on {1} gets UNKNOWN_TOPIC on its errors topic")
    @MethodSource("unknownTopics")
    void aPublishOnAnUnknownTopicIsAnsweredWithUnknownTopicOnTheDevicesErrorsTopic(String deviceId, String topic)
            throws Exception {
        String errors = PREFIX + "devices/" + deviceId + "/errors";
        try (TestDevice device = gateway.device(deviceId)) {
            assertEquals(1, device.subscribe(errors)[0]);
            long[] before = rowCounts();
            device.publish(topic, "{\"requestId\":\"u-1\",\"service\":\"TP\",\"command\":\"OPEN\"}");
            JsonNode error = device.await(errors).json();
            assertEquals(topic, error.path("topic").asText(), error.toString());
            assertEquals(ErrorCode.UNKNOWN_TOPIC.name(), error.path("error").path("code").asText(), error.toString());
            assertEquals("u-1", error.path("requestId").asText(null), "the readable requestId is echoed: " + error);
            assertEquals(ErrorCode.UNKNOWN_TOPIC.vietnameseMessage(), error.path("error").path("message").asText());
            assertReadable(error.path("error").path("detail").asText());
            assertArrayEquals(before, rowCounts());
            assertTrue(device.isConnected(), "an unknown topic does not cost the connection");
            // Still served: a second unknown topic on the same connection is answered again.
            device.publish(PREFIX + "nonsense/again", "{}");
            assertEquals(ErrorCode.UNKNOWN_TOPIC.name(),
                    device.await(errors).json().path("error").path("code").asText());
        }
    }

    @Test
    void aKioskKeepsWorkingAfterAStreamOfBadMessages() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-2")) {
            String request = PREFIX + "kiosks/kiosk-2/tickets/request";
            String response = PREFIX + "kiosks/kiosk-2/tickets/response";
            kiosk.subscribe(response, PREFIX + "devices/kiosk-2/errors");
            List<String> garbage = List.of("", "{", "null", "{}", "[]", "{\"requestId\":\"\"}", "\u0000\u0001",
                    "{\"requestId\":\"" + "r".repeat(80) + "\",\"service\":\"TP\"}");
            for (String g : garbage) {
                kiosk.publish(request, g);
            }
            kiosk.publish(PREFIX + "nonsense", "x");
            for (int i = 0; i < garbage.size(); i++) {
                JsonNode reply = kiosk.await(r -> r.topic().equals(response), WAIT).json();
                assertEquals(ErrorCode.MALFORMED.name(), reply.path("error").path("code").asText(), reply.toString());
                assertReadable(reply.path("error").path("detail").asText());
            }
            kiosk.await(PREFIX + "devices/kiosk-2/errors");
            JsonNode ok = kiosk.request(request, response, "k2-after-garbage",
                    "{\"requestId\":\"k2-after-garbage\",\"service\":\"KD\"}");
            assertEquals("WAITING", ok.path("ticket").path("state").asText(), ok.toString());
        }
    }

    // --- helpers ---

    private static String commands(String counter) {
        return PREFIX + "counters/" + counter + "/commands";
    }

    private static String replies(String counter) {
        return PREFIX + "counters/" + counter + "/replies";
    }

    private static long[] rowCounts() {
        return new long[] {
            gateway.count("SELECT count(*) FROM tickets"),
            gateway.count("SELECT count(*) FROM events"),
            gateway.count("SELECT count(*) FROM requests"),
            gateway.count("SELECT coalesce(max(version), 0) FROM centres")};
    }

    private static void assertArrayEquals(long[] expected, long[] actual) {
        assertArrayEquals(expected, actual, "");
    }

    private static void assertArrayEquals(long[] expected, long[] actual, String why) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
                why + " (tickets, events, requests, version)");
    }

    private static void assertClosed(String counter) {
        assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = $1 AND open", counter));
    }

    /** None of these requests asks for English, so the message is the code's Vietnamese text. */
    private static void assertRefused(JsonNode reply, ErrorCode code, String echoedRequestId) {
        assertEquals(code.name(), reply.path("error").path("code").asText(), reply.toString());
        assertEquals(code.vietnameseMessage(), reply.path("error").path("message").asText(), reply.toString());
        assertReadable(reply.path("error").path("detail").asText());
        if (echoedRequestId != null) {
            assertEquals(echoedRequestId, reply.path("requestId").asText(null), "requestId is echoed: " + reply);
        } else {
            // Nothing readable to echo: no invented or empty requestId either.
            assertFalse(reply.hasNonNull("requestId"), reply.toString());
        }
    }

    static void assertReadable(String detail) {
        assertFalse(detail.isBlank(), "the error has a detail");
        assertFalse(detail.contains("Exception"), detail);
        assertFalse(detail.contains("java."), detail);
        assertFalse(detail.contains("com.fasterxml"), detail);
        assertFalse(detail.contains("\tat "), detail);
        assertFalse(detail.contains("\n"), detail);
        assertTrue(detail.length() < 400, detail);
    }

    /** A good ticket request on the same client succeeds: the connection survived and is still served. */
    private static void assertStillServed(TestDevice kiosk) throws Exception {
        assertTrue(kiosk.isConnected(), "a bad message does not cost the connection");
        String id = "k-ok-" + System.nanoTime();
        JsonNode ok = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, id,
                "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
        assertFalse(ok.has("error"), ok.toString());
        assertTrue(ok.path("ticket").path("number").asText().matches("A\\d{3}"), ok.toString());
    }
}
