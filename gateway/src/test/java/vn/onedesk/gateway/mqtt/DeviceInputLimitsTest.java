package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import vn.onedesk.protocol.DeviceError;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ErrorView;
import vn.onedesk.protocol.JsonCodec;

/**
 * Issue 13, finding 9, over MQTT with Paho: a duplicate key, a parser limit or an absurd appointment time is
 * MALFORMED with a precise detail and the requestId, stores nothing and costs no connection; a 60 KB topic gets
 * a small error.
 */
class DeviceInputLimitsTest {
    private static final String KIOSK_REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String KIOSK_RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String KIOSK_ERRORS = PREFIX + "devices/kiosk-1/errors";
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

    @Test
    void aTicketRequestThatNamesItsServiceTwiceIsMalformedNamingTheKeyAndIssuesNothing() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            long[] before = rowCounts();
            JsonNode reply = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-dup-key",
                    "{\"requestId\":\"k-dup-key\",\"language\":\"en\",\"service\":\"TP\",\"service\":\"DD\"}");
            assertEquals(ErrorCode.MALFORMED.name(), reply.path("error").path("code").asText(), reply.toString());
            assertEquals(ErrorCode.MALFORMED.englishMessage(), reply.path("error").path("message").asText());
            assertEquals("key 'service' appears more than once in the same object",
                    reply.path("error").path("detail").asText());
            assertFalse(reply.has("ticket"), reply.toString());
            assertArrayEquals(before, rowCounts(), "a refused request stores nothing (tickets, events, requests)");
            assertStillServed(kiosk);
        }
    }

    @Test
    void aThreeThousandDigitNumberIsMalformedNamingTheLimitAndKeepsTheRequestId() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            JsonNode reply = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-long-number",
                    "{\"requestId\":\"k-long-number\",\"service\":\"TP\",\"n\":" + "9".repeat(3000) + "}");
            assertEquals(ErrorCode.MALFORMED.name(), reply.path("error").path("code").asText(), reply.toString());
            assertEquals("payload has a number longer than " + JsonCodec.MAX_NUMBER_CHARS + " digits",
                    reply.path("error").path("detail").asText());
            assertStillServed(kiosk);
        }
    }

    @Test
    void twoThousandNestingLevelsAreMalformedNamingTheLimitAndKeepTheRequestId() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            JsonNode reply = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-deep",
                    "{\"requestId\":\"k-deep\",\"service\":\"TP\",\"n\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
            assertEquals("payload has nesting deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels",
                    reply.path("error").path("detail").asText(), reply.toString());
            assertStillServed(kiosk);
        }
    }

    @Test
    void anAppointmentInTheYear999999999IsMalformedAndIssuesNothing() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_RESPONSE);
            long[] before = rowCounts();
            JsonNode reply = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, "k-far-appointment",
                    "{\"requestId\":\"k-far-appointment\",\"service\":\"TP\",\"channel\":\"APPOINTMENT\","
                            + "\"appointmentAt\":\"+999999999-12-31T23:59:59Z\"}");
            assertEquals(ErrorCode.MALFORMED.name(), reply.path("error").path("code").asText(), reply.toString());
            assertTrue(reply.path("error").path("detail").asText().startsWith("'appointmentAt' must be from"),
                    reply.toString());
            assertArrayEquals(before, rowCounts(), "a refused request stores nothing (tickets, events, requests)");
        }
    }

    @Test
    void aPublishOnASixtyKilobyteTopicGetsASmallErrorWithABoundedPrefixOfTheTopic() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_ERRORS);
            String topic = PREFIX + "x".repeat(60_000);
            kiosk.publish(topic, "{\"requestId\":\"k-long-topic\"}");
            TestDevice.Received received = kiosk.await(KIOSK_ERRORS);
            assertTrue(received.payload().length < 2_000, "the error is small: " + received.payload().length + " bytes");
            JsonNode error = received.json();
            assertEquals(ErrorCode.UNKNOWN_TOPIC.name(), error.path("error").path("code").asText(), error.toString());
            assertEquals(topic.substring(0, DeviceError.MAX_TOPIC_ECHO) + "…", error.path("topic").asText());
            assertEquals("k-long-topic", error.path("requestId").asText());
            assertTrue(error.path("error").path("detail").asText().length() <= ErrorView.MAX_DETAIL_CHARS + 1);
            assertStillServed(kiosk);
        }
    }

    @Test
    void aRefusedSubscriptionToASixtyKilobyteFilterGetsASmallError() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(KIOSK_ERRORS);
            String filter = PREFIX + "y".repeat(60_000);
            kiosk.subscribe(filter);
            TestDevice.Received received = kiosk.await(KIOSK_ERRORS);
            assertTrue(received.payload().length < 2_000, "the error is small: " + received.payload().length + " bytes");
            JsonNode error = received.json();
            assertEquals(ErrorCode.NOT_AUTHORISED.name(), error.path("error").path("code").asText(), error.toString());
            assertEquals(filter.substring(0, DeviceError.MAX_TOPIC_ECHO) + "…", error.path("topic").asText());
            assertTrue(error.path("error").path("detail").asText().endsWith("…"), error.toString());
            assertStillServed(kiosk);
        }
    }

    private static long[] rowCounts() {
        return new long[] {
            gateway.count("SELECT count(*) FROM tickets"),
            gateway.count("SELECT count(*) FROM events"),
            gateway.count("SELECT count(*) FROM requests")};
    }

    /** A good ticket request on the same client succeeds: the connection survived and is still served. */
    private static void assertStillServed(TestDevice kiosk) throws Exception {
        assertTrue(kiosk.isConnected(), "a bad message does not cost the connection");
        kiosk.subscribe(KIOSK_RESPONSE);
        String id = "k-ok-" + System.nanoTime();
        JsonNode ok = kiosk.request(KIOSK_REQUEST, KIOSK_RESPONSE, id,
                "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
        assertFalse(ok.has("error"), ok.toString());
        assertTrue(ok.path("ticket").path("number").asText().matches("A\\d{3}"), ok.toString());
    }
}
