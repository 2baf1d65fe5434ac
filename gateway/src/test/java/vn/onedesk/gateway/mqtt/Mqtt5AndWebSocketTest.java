package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.gateway.support.Mqtt5Messages;

/**
 * MQTT 5 request/response (response topic, correlation data, PUBACK reason codes), checked with
 * Paho's MQTT 5 client, and MQTT 3.1.1 over WebSocket on the HTTP port.
 */
class Mqtt5AndWebSocketTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String ERRORS = PREFIX + "devices/kiosk-1/errors";
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

    // --- response topic and correlation data ---

    static Stream<Arguments> ownResponseTopics() {
        return Stream.of(
                Arguments.of(RESPONSE, ERRORS),
                Arguments.of(ERRORS, RESPONSE));
    }

    @ParameterizedTest(name = "a reply goes to the response topic {0} the kiosk may read, with its correlation data")
    @MethodSource("ownResponseTopics")
    void aTicketRequestWithAResponseTopicTheKioskMayReadIsAnsweredThereWithTheSameCorrelationData(
            String responseTopic, String otherTopic) throws Exception {
        try (Device5 kiosk = Device5.connect(gateway.mqttUri(), "kiosk-1")) {
            assertArrayEquals(new int[] {1, 1}, kiosk.subscribe(RESPONSE, ERRORS));
            String id = "v5-own-" + System.nanoTime();
            byte[] correlation = {0, 1, 2, (byte) 0xFE, (byte) 0xFF, 42};
            int[] ack = kiosk.publish(REQUEST, ticketRequest(id, "TP"), responseTopic, correlation);
            assertEquals(0, ack[0], "PUBACK success");

            Received5 reply = kiosk.await(r -> r.payloadText().contains(id), WAIT);
            assertEquals(responseTopic, reply.topic());
            assertArrayEquals(correlation, reply.correlation(), "correlation data copied unchanged");
            JsonNode json = reply.json();
            assertEquals(id, json.path("requestId").asText());
            assertTrue(json.path("ticket").path("number").asText().matches("A\\d{3}"), json.toString());
            kiosk.expectNothing(r -> r.topic().equals(otherTopic) && r.payloadText().contains(id),
                    Duration.ofMillis(300));
        }
    }

    @Test
    void aCounterCommandWithItsRepliesTopicAsResponseTopicGetsItsCorrelationDataBack() throws Exception {
        String replies = PREFIX + "counters/Q18/replies";
        try (Device5 counter = Device5.connect(gateway.mqttUri(), "counter-Q18")) {
            counter.subscribe(replies);
            byte[] correlation = "terminal-18/req-7".getBytes(StandardCharsets.UTF_8);
            counter.publish(PREFIX + "counters/Q18/commands",
                    "{\"requestId\":\"v5-q18-open\",\"command\":\"OPEN\"}", replies, correlation);
            Received5 reply = counter.await(r -> r.payloadText().contains("v5-q18-open"), WAIT);
            assertEquals(replies, reply.topic());
            assertArrayEquals(correlation, reply.correlation());
            assertTrue(reply.json().path("counter").path("open").asBoolean(), reply.payloadText());
        }
    }

    @Test
    void aRequestWithoutResponseTopicIsAnsweredOnTheDefaultTopicWithoutCorrelationData() throws Exception {
        try (Device5 kiosk = Device5.connect(gateway.mqttUri(), "kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            kiosk.publish(REQUEST, ticketRequest("v5-plain", "DD"), null, null);
            Received5 reply = kiosk.await(r -> r.payloadText().contains("v5-plain"), WAIT);
            assertEquals(RESPONSE, reply.topic());
            assertNull(reply.correlation());
        }
    }

    static Stream<Arguments> responseTopicsTheKioskMayNotUse() {
        return Stream.of(
                Arguments.of(PREFIX + "kiosks/kiosk-2/tickets/response", "kiosk-2"),
                Arguments.of(PREFIX + "calls", "hall-1"),
                Arguments.of(PREFIX + "counters/Q01/now", "hall-1"),
                Arguments.of(PREFIX + "services/TP/wait", "hall-1"),
                Arguments.of(PREFIX + "devices/kiosk-2/status", "hall-1"),
                Arguments.of(PREFIX + "counters/Q01/replies", "counter-Q01"),
                Arguments.of("onedesk/v1/other-centre/kiosks/kiosk-1/tickets/response", null),
                Arguments.of("not/onedesk", null));
    }

    @ParameterizedTest(name = "response topic {0} is ignored and nobody reading it gets the reply")
    @MethodSource("responseTopicsTheKioskMayNotUse")
    void aResponseTopicThatIsNotTheKiosksOwnIsIgnoredAndTheReplyGoesToTheKiosksResponseTopic(
            String responseTopic, String reader) throws Exception {
        String id = "v5-foreign-" + System.nanoTime();
        try (Device5 kiosk = Device5.connect(gateway.mqttUri(), "kiosk-1");
             TestDevice spy = reader == null ? null : gateway.device(reader)) {
            kiosk.subscribe(RESPONSE);
            if (spy != null) {
                assertArrayEquals(new int[] {1}, spy.subscribe(responseTopic), "the spy may read " + responseTopic);
            }
            byte[] correlation = {7, 7, 7};
            kiosk.publish(REQUEST, ticketRequest(id, "KD"), responseTopic, correlation);

            Received5 reply = kiosk.await(r -> r.payloadText().contains(id), WAIT);
            assertEquals(RESPONSE, reply.topic(), "the reply goes to the kiosk's own response topic");
            assertFalse(reply.json().has("error"), reply.payloadText());
            assertArrayEquals(correlation, reply.correlation(), "correlation data is still copied");
            if (spy != null) {
                spy.expectNothing(r -> r.text().contains(id), Duration.ofMillis(400));
            }
        }
    }

    // --- PUBACK reason codes ---

    static Stream<Arguments> pubAckReasonCodes() {
        return Stream.of(
                Arguments.of("a ticket request", REQUEST, ticketRequest("v5-ack-ok", "LD"), 0x00),
                Arguments.of("a refused ticket (unknown service): answered, so acknowledged",
                        REQUEST, ticketRequest("v5-ack-unknown", "ZZ"), 0x00),
                Arguments.of("another kiosk's request topic", PREFIX + "kiosks/kiosk-2/tickets/request",
                        ticketRequest("v5-ack-foreign", "LD"), 0x87),
                Arguments.of("a counter's commands", PREFIX + "counters/Q01/commands",
                        "{\"requestId\":\"v5-ack-cmd\",\"command\":\"OPEN\"}", 0x87),
                Arguments.of("the calls topic", PREFIX + "calls", "{}", 0x87),
                Arguments.of("an unknown topic", PREFIX + "nonsense", "{}", 0x90),
                Arguments.of("malformed JSON", REQUEST, "{not json", 0x99),
                Arguments.of("an oversized payload", REQUEST,
                        "{\"requestId\":\"v5-big\",\"pad\":\"" + "x".repeat(5000) + "\"}", 0x97));
    }

    @ParameterizedTest(name = "PUBACK for {0} carries reason code {3}")
    @MethodSource("pubAckReasonCodes")
    void anMqtt5PubAckCarriesTheReasonCodeOfTheOutcome(String what, String topic, String payload, int expected)
            throws Exception {
        try (Device5 kiosk = Device5.connect(gateway.mqttUri(), "kiosk-1")) {
            kiosk.subscribe(RESPONSE, ERRORS);
            int[] codes = kiosk.publish(topic, payload, null, null);
            assertEquals(expected, codes[0], what + ": reason codes " + java.util.Arrays.toString(codes));
            // Whatever the code, the device is told why on one of its topics, and stays connected.
            Received5 told = kiosk.await(r -> true, WAIT);
            assertTrue(told.topic().equals(RESPONSE) || told.topic().equals(ERRORS), told.topic());
            assertTrue(kiosk.isConnected());
        }
    }

    @Test
    void anMqtt5ForbiddenSubscriptionIsRefusedWithNotAuthorised() throws Exception {
        try (Device5 kiosk = Device5.connect(gateway.mqttUri(), "kiosk-1")) {
            int[] codes = kiosk.subscribe(PREFIX + "calls", PREFIX + "kiosks/kiosk-2/tickets/response", "onedesk/#");
            assertArrayEquals(new int[] {1, 0x87, 0x87}, codes);
        }
    }

    // --- WebSocket ---

    @Test
    void aKioskConnectedOverWebSocketTakesATicketAndReceivesTheResponse() throws Exception {
        try (TestDevice kiosk = TestDevice.connect(gateway.webSocketUri(), "kiosk-2", "demo");
             TestDevice hall = TestDevice.connect(gateway.webSocketUri(), "hall-1", "demo")) {
            String response = PREFIX + "kiosks/kiosk-2/tickets/response";
            assertArrayEquals(new int[] {1}, kiosk.subscribe(response));
            JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-2/tickets/request", response, "ws-1",
                    "{\"requestId\":\"ws-1\",\"service\":\"BHXH\"}");
            assertTrue(reply.path("ticket").path("number").asText().matches("G\\d{3}"), reply.toString());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE request_id = 'ws-1'"));
            // The same access rules hold over WebSocket.
            assertArrayEquals(new int[] {128}, kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response"));
            // Retained state arrives over WebSocket too.
            hall.subscribe(PREFIX + "services/BHXH/wait");
            JsonNode retained = hall.await(r -> r.retained() && r.topic().endsWith("/BHXH/wait"), WAIT).json();
            // Waits are debounced, so the retained one may predate the ticket (then the refresh follows within a
            // window) or may already count it (then nothing more comes).
            JsonNode wait = retained.path("waiting").asInt() == 1 ? retained : hall.await(r -> r.topic()
                    .endsWith("/BHXH/wait") && r.json().path("waiting").asInt() == 1, WAIT).json();
            assertEquals(1, wait.path("waiting").asInt(), wait.toString());
        }
    }

    @Test
    void aWebSocketConnectWithAWrongPasswordIsRefused() {
        org.eclipse.paho.client.mqttv3.MqttSecurityException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.eclipse.paho.client.mqttv3.MqttSecurityException.class,
                () -> TestDevice.connect(gateway.webSocketUri(), "kiosk-2", "nope").close());
        assertTrue(e.getReasonCode() == 4 || e.getReasonCode() == 5, String.valueOf(e.getReasonCode()));
    }

    // --- helpers ---

    private static String ticketRequest(String requestId, String service) {
        return "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}";
    }

    record Received5(String topic, byte[] payload, byte[] correlation, boolean retained) {
        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JsonCodec.tree(payload);
        }
    }

    /** A device speaking MQTT 5, played by Paho's MQTT 5 client. */
    static final class Device5 implements AutoCloseable {
        private final MqttAsyncClient client;
        private final LinkedBlockingQueue<Received5> inbox = new LinkedBlockingQueue<>();
        private final List<Received5> seen = new ArrayList<>();

        private Device5(MqttAsyncClient client) {
            this.client = client;
        }

        static Device5 connect(String uri, String deviceId) throws MqttException {
            MqttAsyncClient client = new MqttAsyncClient(uri, deviceId + "-v5-" + System.nanoTime(),
                    new MemoryPersistence());
            Device5 device = new Device5(client);
            client.setCallback(Mqtt5Messages.onMessage((topic, message) -> {
                MqttProperties p = message.getProperties();
                device.inbox.add(new Received5(topic, message.getPayload(),
                        p == null ? null : p.getCorrelationData(), message.isRetained()));
            }));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(deviceId);
            options.setPassword("demo".getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setConnectionTimeout(10);
            options.setAutomaticReconnect(false);
            client.connect(options).waitForCompletion(10_000);
            return device;
        }

        /** Subscribes at QoS 1 and returns the SUBACK reason codes (granted QoS, or an error code). */
        int[] subscribe(String... filters) throws MqttException {
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            IMqttToken token = client.subscribe(filters, qos);
            token.waitForCompletion(10_000);
            return token.getReasonCodes();
        }

        /** Publishes at QoS 1 and returns the PUBACK reason codes. */
        int[] publish(String topic, String payload, String responseTopic, byte[] correlation) throws MqttException {
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            MqttProperties properties = new MqttProperties();
            if (responseTopic != null) {
                properties.setResponseTopic(responseTopic);
            }
            if (correlation != null) {
                properties.setCorrelationData(correlation);
            }
            message.setProperties(properties);
            IMqttToken token = client.publish(topic, message);
            try {
                token.waitForCompletion(10_000);
            } catch (MqttException e) {
                // Paho may turn an error PUBACK into an exception; its reason code is the PUBACK's.
                int[] codes = token.getReasonCodes();
                return codes != null && codes.length > 0 ? codes : new int[] {e.getReasonCode()};
            }
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? new int[] {0} : codes;
        }

        Received5 await(Predicate<Received5> wanted, Duration timeout) throws InterruptedException {
            for (Received5 r : seen) {
                if (wanted.test(r)) {
                    seen.remove(r);
                    return r;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Received5 r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    fail("no matching message within " + timeout + "; received meanwhile: "
                            + seen.stream().map(x -> x.topic() + " " + x.payloadText()).toList());
                }
                if (wanted.test(r)) {
                    return r;
                }
                seen.add(r);
            }
        }

        void expectNothing(Predicate<Received5> unwanted, Duration window) throws InterruptedException {
            long deadline = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < deadline) {
                Received5 r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r != null) {
                    if (unwanted.test(r)) {
                        fail("unexpected message on " + r.topic() + ": " + r.payloadText());
                    }
                    seen.add(r);
                }
            }
        }

        boolean isConnected() {
            return client.isConnected();
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect(2000).waitForCompletion(5000);
                }
                client.close(true);
            } catch (MqttException e) {
                // best effort: the test is over
            }
        }
    }
}
