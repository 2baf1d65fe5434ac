package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Language;

/**
 * Every error a device hears over MQTT has one shape, whatever sent it (the codec, the access rules, the queue,
 * the router): {@code {"code", "message", "detail"}}, where the message is the code's own text in the language
 * the request asked for (Vietnamese when it did not, or could not be read) and the detail says in English what
 * exactly was wrong.
 *
 * <p>The gateway runs the demo centre with tickets only in opening hours, at 21:00 in Hồ Chí Minh City, so
 * that every ticket request is refused SERVICE_CLOSED by the queue, and nothing ever waits at a counter.
 */
class ErrorShapeTest {
    /** 21:00 at the centre (UTC+7), after its sessions 07:30–11:30 and 13:30–17:00. */
    private static final Instant EVENING = Instant.parse("2025-03-03T14:00:00Z");
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String KIOSK_ERRORS = PREFIX + "devices/kiosk-1/errors";

    @TempDir
    static Path dir;

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(dir.resolve("centre.json"), closedInTheEvening().encodePrettily(),
                StandardCharsets.UTF_8);
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_CONFIG, config.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl())), new TestClock(EVENING));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    // --- ticket requests ---

    @Test
    void aMalformedTicketRequestGetsTheVietnameseMessageAndTheMissingFieldInTheEnglishDetail() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, "shape-malformed", "{\"requestId\":\"shape-malformed\"}");
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.VI, "'service' is required");
        }
    }

    @Test
    void aTicketRequestThatIsNotJsonAtAllIsAnsweredInVietnamese() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            kiosk.publish(REQUEST, "{\"language\":\"en\", not json");
            JsonNode reply = kiosk.await(RESPONSE).json();
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.VI, "not valid JSON");
        }
    }

    @Test
    void aTicketRequestOutsideOpeningHoursIsRefusedServiceClosedInVietnameseWithTheQueuesReasonInEnglish()
            throws Exception {
        try (TestDevice kiosk = kiosk()) {
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, "shape-closed-vi",
                    "{\"requestId\":\"shape-closed-vi\",\"service\":\"TP\"}");
            assertError(reply.path("error"), ErrorCode.SERVICE_CLOSED, Language.VI, "outside its opening hours");
            assertFalse(reply.has("ticket"), reply.toString());
        }
    }

    @Test
    void aTicketRequestInEnglishGetsTheEnglishMessageAndTheSameDetail() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            JsonNode vietnamese = kiosk.request(REQUEST, RESPONSE, "shape-closed-default",
                    "{\"requestId\":\"shape-closed-default\",\"service\":\"TP\"}");
            JsonNode english = kiosk.request(REQUEST, RESPONSE, "shape-closed-en",
                    "{\"requestId\":\"shape-closed-en\",\"service\":\"TP\",\"language\":\"en\"}");
            assertError(english.path("error"), ErrorCode.SERVICE_CLOSED, Language.EN, "outside its opening hours");
            assertEquals(vietnamese.path("error").path("detail"), english.path("error").path("detail"));
        }
    }

    @Test
    void aMalformedTicketRequestThatAsksForEnglishIsAnsweredInEnglish() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, "shape-malformed-en",
                    "{\"requestId\":\"shape-malformed-en\",\"language\":\"en\",\"priority\":\"VIP\",\"service\":\"TP\"}");
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.EN, "'priority' must be one of");
        }
    }

    @Test
    void aTicketRequestInAnotherLanguageIsMalformedAndAnsweredInVietnamese() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, "shape-fr",
                    "{\"requestId\":\"shape-fr\",\"service\":\"TP\",\"language\":\"fr\"}");
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.VI, "'language' must be \"vi\" or \"en\"");
        }
    }

    @Test
    void aRefusedTicketRequestSentAgainWithTheSameRequestIdGetsTheSameWellFormedError() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            String json = "{\"requestId\":\"shape-retry\",\"service\":\"TP\",\"language\":\"en\"}";
            JsonNode first = kiosk.request(REQUEST, RESPONSE, "shape-retry", json);
            JsonNode retry = kiosk.request(REQUEST, RESPONSE, "shape-retry", json);
            assertError(retry.path("error"), ErrorCode.SERVICE_CLOSED, Language.EN, "outside its opening hours");
            assertEquals(first, retry);
        }
    }

    @Test
    void aKioskPublishingForAnotherKioskIsRefusedNotAuthorisedOnItsOwnTopicInTheLanguageItAskedFor() throws Exception {
        String other = PREFIX + "kiosks/kiosk-2/tickets/request";
        try (TestDevice kiosk = kiosk()) {
            JsonNode vietnamese = kiosk.request(other, RESPONSE, "shape-acl-vi",
                    "{\"requestId\":\"shape-acl-vi\",\"service\":\"TP\"}");
            assertError(vietnamese.path("error"), ErrorCode.NOT_AUTHORISED, Language.VI,
                    "device kiosk-1 may not publish on " + other);
            JsonNode english = kiosk.request(other, RESPONSE, "shape-acl-en",
                    "{\"requestId\":\"shape-acl-en\",\"service\":\"TP\",\"language\":\"en\"}");
            assertError(english.path("error"), ErrorCode.NOT_AUTHORISED, Language.EN,
                    "device kiosk-1 may not publish on " + other);
        }
    }

    // --- counter commands ---

    @Test
    void aCallWithNothingWaitingIsRefusedNoTicketWaitingInVietnameseWithTheQueuesReasonInEnglish() throws Exception {
        try (TestDevice counter = counter("Q01")) {
            open(counter, "Q01");
            JsonNode reply = counter.request(commands("Q01"), replies("Q01"), "shape-call-vi",
                    "{\"requestId\":\"shape-call-vi\",\"command\":\"CALL_NEXT\"}");
            assertError(reply.path("error"), ErrorCode.NO_TICKET_WAITING, Language.VI, "no waiting ticket for");
            assertEquals("CALL_NEXT", reply.path("command").asText(), reply.toString());
        }
    }

    @Test
    void aCounterCommandInEnglishGetsTheEnglishMessageAndTheSameDetail() throws Exception {
        try (TestDevice counter = counter("Q02")) {
            open(counter, "Q02");
            JsonNode vietnamese = counter.request(commands("Q02"), replies("Q02"), "shape-call-default",
                    "{\"requestId\":\"shape-call-default\",\"command\":\"CALL_NEXT\"}");
            JsonNode english = counter.request(commands("Q02"), replies("Q02"), "shape-call-en",
                    "{\"requestId\":\"shape-call-en\",\"command\":\"CALL_NEXT\",\"language\":\"en\"}");
            assertError(english.path("error"), ErrorCode.NO_TICKET_WAITING, Language.EN, "no waiting ticket for");
            assertEquals(vietnamese.path("error").path("detail"), english.path("error").path("detail"));
        }
    }

    @Test
    void aMalformedCounterCommandThatAsksForEnglishIsAnsweredInEnglish() throws Exception {
        try (TestDevice counter = counter("Q03")) {
            JsonNode reply = counter.request(commands("Q03"), replies("Q03"), "shape-transfer-en",
                    "{\"requestId\":\"shape-transfer-en\",\"command\":\"TRANSFER\",\"language\":\"en\"}");
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.EN, "'service' is required");
        }
    }

    @Test
    void aCounterCommandInAnotherLanguageIsMalformedAndAnsweredInVietnamese() throws Exception {
        try (TestDevice counter = counter("Q03")) {
            JsonNode reply = counter.request(commands("Q03"), replies("Q03"), "shape-cmd-fr",
                    "{\"requestId\":\"shape-cmd-fr\",\"command\":\"OPEN\",\"language\":\"fr\"}");
            assertError(reply.path("error"), ErrorCode.MALFORMED, Language.VI, "'language' must be \"vi\" or \"en\"");
        }
    }

    @Test
    void reusingARequestIdForAnotherCommandIsRefusedDuplicateInTheLanguageOfTheNewCommand() throws Exception {
        try (TestDevice counter = counter("Q04")) {
            JsonNode opened = counter.request(commands("Q04"), replies("Q04"), "shape-dup",
                    "{\"requestId\":\"shape-dup\",\"command\":\"OPEN\"}");
            assertFalse(opened.has("error"), opened.toString());
            JsonNode english = counter.request(commands("Q04"), replies("Q04"), "shape-dup",
                    "{\"requestId\":\"shape-dup\",\"command\":\"CLOSE\",\"language\":\"en\"}");
            assertError(english.path("error"), ErrorCode.DUPLICATE_REQUEST, Language.EN,
                    "requestId shape-dup was already used");
            JsonNode vietnamese = counter.request(commands("Q04"), replies("Q04"), "shape-dup",
                    "{\"requestId\":\"shape-dup\",\"command\":\"CLOSE\"}");
            assertError(vietnamese.path("error"), ErrorCode.DUPLICATE_REQUEST, Language.VI,
                    "requestId shape-dup was already used");
            // The same command again, in either language, is a retry: the stored reply, which has no error.
            JsonNode retry = counter.request(commands("Q04"), replies("Q04"), "shape-dup",
                    "{\"requestId\":\"shape-dup\",\"command\":\"OPEN\",\"language\":\"en\"}");
            assertEquals(opened, retry);
        }
    }

    // --- the errors topic ---

    @Test
    void aForbiddenSubscriptionIsReportedOnTheErrorsTopicInVietnameseWithTheFilterInTheDetail() throws Exception {
        String forbidden = PREFIX + "kiosks/kiosk-2/tickets/response";
        try (TestDevice kiosk = kiosk()) {
            assertArrayEquals(new int[] {128}, kiosk.subscribe(forbidden));
            JsonNode error = kiosk.await(KIOSK_ERRORS).json();
            assertEquals(forbidden, error.path("topic").asText(), error.toString());
            assertError(error.path("error"), ErrorCode.NOT_AUTHORISED, Language.VI,
                    "device kiosk-1 may not subscribe to " + forbidden);
        }
    }

    @Test
    void aPublishOnAnUnknownTopicIsReportedOnTheErrorsTopicInTheLanguageTheMessageNames() throws Exception {
        String unknown = PREFIX + "kiosks/kiosk-1/tickets/cancel";
        try (TestDevice kiosk = kiosk()) {
            kiosk.publish(unknown, "{\"requestId\":\"shape-unknown-vi\"}");
            JsonNode vietnamese = kiosk.await(KIOSK_ERRORS).json();
            assertEquals("shape-unknown-vi", vietnamese.path("requestId").asText(), vietnamese.toString());
            assertError(vietnamese.path("error"), ErrorCode.UNKNOWN_TOPIC, Language.VI, unknown);

            kiosk.publish(unknown, "{\"requestId\":\"shape-unknown-en\",\"language\":\"en\"}");
            JsonNode english = kiosk.await(KIOSK_ERRORS).json();
            assertError(english.path("error"), ErrorCode.UNKNOWN_TOPIC, Language.EN, unknown);
        }
    }

    @Test
    void aMalformedHeartbeatIsReportedOnTheErrorsTopicInVietnameseWithTheFieldInTheDetail() throws Exception {
        try (TestDevice kiosk = kiosk()) {
            kiosk.publish(PREFIX + "devices/kiosk-1/status", "{\"status\":\"AWAY\"}");
            JsonNode error = kiosk.await(KIOSK_ERRORS).json();
            assertEquals(PREFIX + "devices/kiosk-1/status", error.path("topic").asText(), error.toString());
            assertError(error.path("error"), ErrorCode.MALFORMED, Language.VI, "'status' must be one of");
        }
    }

    @Test
    void aDisplayPublishingACounterCommandIsReportedOnItsErrorsTopicInTheCommandsLanguage() throws Exception {
        String errors = PREFIX + "devices/hall-1/errors";
        try (TestDevice hall = gateway.device("hall-1")) {
            hall.subscribe(errors);
            hall.publish(commands("Q05"), "{\"requestId\":\"shape-hall\",\"command\":\"OPEN\",\"language\":\"en\"}");
            JsonNode error = hall.await(errors).json();
            assertEquals("shape-hall", error.path("requestId").asText(), error.toString());
            assertError(error.path("error"), ErrorCode.NOT_AUTHORISED, Language.EN,
                    "device hall-1 may not publish on " + commands("Q05"));
        }
    }

    // --- helpers ---

    /** The one shape: exactly code, message and detail; the code's own text; an English detail naming the cause. */
    private static void assertError(JsonNode error, ErrorCode code, Language language, String inDetail) {
        List<String> fields = new ArrayList<>();
        error.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("code", "message", "detail"), fields, error.toString());
        assertEquals(code.name(), error.path("code").asText(), error.toString());
        assertEquals(code.message(language), error.path("message").asText(), error.toString());
        String detail = error.path("detail").asText();
        assertTrue(detail.contains(inDetail), "the detail says " + inDetail + ": " + error);
        assertEnglish(detail);
    }

    /** No Vietnamese letters, and nothing of the gateway's insides: class names, exceptions, stack traces. */
    private static void assertEnglish(String detail) {
        assertFalse(detail.isBlank());
        assertTrue(detail.codePoints().noneMatch(c -> (c >= 0xC0 && c <= 0x24F) || (c >= 0x1EA0 && c <= 0x1EF9)),
                "no Vietnamese letters in the detail: " + detail);
        for (String leak : List.of("Exception", "java.", "vn.onedesk", "com.fasterxml", "\n", "\tat ")) {
            assertFalse(detail.contains(leak), detail);
        }
    }

    private static TestDevice kiosk() throws Exception {
        TestDevice kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE, KIOSK_ERRORS);
        return kiosk;
    }

    private static TestDevice counter(String id) throws Exception {
        TestDevice counter = gateway.device("counter-" + id);
        counter.subscribe(replies(id));
        return counter;
    }

    private static void open(TestDevice counter, String id) throws Exception {
        String requestId = "shape-open-" + id;
        JsonNode opened = counter.request(commands(id), replies(id), requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"OPEN\"}");
        assertTrue(opened.path("counter").path("open").asBoolean(), opened.toString());
    }

    private static String commands(String counter) {
        return PREFIX + "counters/" + counter + "/commands";
    }

    private static String replies(String counter) {
        return PREFIX + "counters/" + counter + "/replies";
    }

    /**
     * The demo centre as a real configuration: tickets only in its sessions, and its devices' password "demo"
     * stored as a hash, as outside the demo it must be.
     */
    private static JsonObject closedInTheEvening() throws IOException {
        JsonObject config;
        try (InputStream in = ErrorShapeTest.class.getResourceAsStream("/demo-centre.json")) {
            config = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        config.put("description", "ErrorShapeTest: the demo centre, taking tickets only in its sessions");
        config.getJsonArray("centres").getJsonObject(0).put("ticketsOnlyInSessions", true);
        String hash = PasswordHash.create("demo".toCharArray()).encoded();
        JsonArray devices = config.getJsonArray("devices");
        for (int i = 0; i < devices.size(); i++) {
            JsonObject device = devices.getJsonObject(i);
            device.remove("password");
            device.put("passwordHash", hash);
        }
        return config;
    }
}
