package vn.onedesk.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Topic;

/** Who may connect, publish where and subscribe to what, checked over real MQTT against the demo centre. */
class AccessControlTest {
    private static final String OTHER = "onedesk/v1/other-centre/";
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

    // --- CONNECT ---

    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of("an unknown device", "kiosk-99", "demo"),
                Arguments.of("a wrong password", "kiosk-1", "not-demo"),
                Arguments.of("an empty password", "counter-Q01", ""),
                Arguments.of("a device id in the wrong case", "KIOSK-1", "demo"));
    }

    @ParameterizedTest(name = "CONNECT with {0} is refused")
    @MethodSource("badCredentials")
    void aConnectWithBadCredentialsIsRefusedAsNotAuthorised(String why, String user, String password) {
        MqttSecurityException refused = assertThrows(MqttSecurityException.class,
                () -> TestDevice.connect(gateway.mqttUri(), user, password).close());
        assertRefusedConnect(refused);
    }

    @Test
    void aConnectWithoutAnyCredentialsIsRefused() throws Exception {
        MqttClient client = new MqttClient(gateway.mqttUri(), "anonymous-" + System.nanoTime(), new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setConnectionTimeout(10);
            MqttSecurityException refused = assertThrows(MqttSecurityException.class, () -> client.connect(options));
            assertRefusedConnect(refused);
            assertFalse(client.isConnected());
        } finally {
            client.close(true);
        }
    }

    @Test
    void aConnectWithAUserNameButNoPasswordIsRefused() throws Exception {
        MqttClient client = new MqttClient(gateway.mqttUri(), "nopass-" + System.nanoTime(), new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setUserName("kiosk-1");
            options.setConnectionTimeout(10);
            assertRefusedConnect(assertThrows(MqttSecurityException.class, () -> client.connect(options)));
        } finally {
            client.close(true);
        }
    }

    @Test
    void aRefusedConnectDoesNotStopTheRightPasswordFromWorkingAfterwards() throws Exception {
        assertThrows(MqttSecurityException.class, () -> TestDevice.connect(gateway.mqttUri(), "kiosk-2", "guess"));
        try (TestDevice kiosk = gateway.device("kiosk-2")) {
            assertTrue(kiosk.isConnected());
        }
        // ... and a remembered good password does not let a wrong one in.
        assertThrows(MqttSecurityException.class, () -> TestDevice.connect(gateway.mqttUri(), "kiosk-2", "guess"));
    }

    private static void assertRefusedConnect(MqttSecurityException e) {
        int code = e.getReasonCode();
        assertTrue(code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || code == MqttException.REASON_CODE_NOT_AUTHORIZED, "CONNACK return code 4 or 5, got " + code);
    }

    // --- PUBLISH ---

    /** Where a refusal is expected: on the device's own reply topic (with requestId) or on its errors topic. */
    enum Answer { REPLY, ERRORS }

    static Stream<Arguments> forbiddenPublishes() {
        String ticket = "{\"requestId\":\"%s\",\"service\":\"TP\"}";
        String open = "{\"requestId\":\"%s\",\"command\":\"OPEN\"}";
        String rating = "{\"requestId\":\"%s\",\"ticket\":\"A001\",\"score\":5}";
        return Stream.of(
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-2/tickets/request", ticket, Answer.REPLY),
                Arguments.of("kiosk-1", PREFIX + "counters/Q07/commands", open, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-1/tickets/response", ticket, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "calls", ticket, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "counters/Q07/now", open, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "services/TP/wait", ticket, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "devices/kiosk-2/status", "{\"status\":\"OFFLINE\",\"x\":\"%s\"}",
                        Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "devices/kiosk-1/errors", ticket, Answer.ERRORS),
                Arguments.of("kiosk-1", OTHER + "kiosks/kiosk-1/tickets/request", ticket, Answer.REPLY),
                Arguments.of("counter-Q01", PREFIX + "counters/Q02/commands", open, Answer.REPLY),
                Arguments.of("counter-Q01", PREFIX + "kiosks/kiosk-1/tickets/request", ticket, Answer.ERRORS),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/replies", open, Answer.ERRORS),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/now", open, Answer.ERRORS),
                Arguments.of("counter-Q01", PREFIX + "calls", open, Answer.ERRORS),
                Arguments.of("counter-Q01", OTHER + "counters/Q01/commands", open, Answer.REPLY),
                Arguments.of("hall-1", PREFIX + "kiosks/kiosk-1/tickets/request", ticket, Answer.ERRORS),
                Arguments.of("hall-1", PREFIX + "counters/Q07/commands", open, Answer.ERRORS),
                Arguments.of("hall-1", PREFIX + "calls", ticket, Answer.ERRORS),
                Arguments.of("hall-1", PREFIX + "counters/Q07/now", open, Answer.ERRORS),
                Arguments.of("hall-1", PREFIX + "board", open, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "board", ticket, Answer.ERRORS),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/queue", open, Answer.ERRORS),
                Arguments.of("counter-Q01", PREFIX + "board", open, Answer.ERRORS),
                Arguments.of("hall-1", OTHER + "devices/hall-1/status", "{\"status\":\"ONLINE\",\"x\":\"%s\"}",
                        Answer.ERRORS),
                Arguments.of("hall-1", OTHER + "calls", ticket, Answer.ERRORS),
                Arguments.of("rating-Q05", PREFIX + "counters/Q06/rating/submit", rating, Answer.REPLY),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/commands", open, Answer.ERRORS),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/rating/prompt", rating, Answer.ERRORS),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/rating/replies", rating, Answer.ERRORS),
                Arguments.of("rating-Q05", PREFIX + "kiosks/kiosk-1/tickets/request", ticket, Answer.ERRORS),
                Arguments.of("counter-Q05", PREFIX + "counters/Q05/rating/submit", rating, Answer.ERRORS),
                Arguments.of("kiosk-1", PREFIX + "counters/Q05/rating/submit", rating, Answer.ERRORS),
                Arguments.of("hall-1", PREFIX + "counters/Q05/rating/submit", rating, Answer.ERRORS));
    }

    @ParameterizedTest(name = "{0} publishing on {1} is refused (answer on its {3} topic)")
    @MethodSource("forbiddenPublishes")
    void aForbiddenPublishIsAnsweredNotAuthorisedOnTheDevicesOwnTopicAndChangesNothing(
            String deviceId, String topic, String template, Answer answer) throws Exception {
        String requestId = "acl-" + System.nanoTime();
        String errors = PREFIX + "devices/" + deviceId + "/errors";
        String reply = ownReplyTopic(deviceId);
        try (TestDevice device = gateway.device(deviceId);
             TestDevice hall = gateway.device("hall-1")) {
            int[] granted = reply == null ? device.subscribe(errors) : device.subscribe(errors, reply);
            assertTrue(java.util.Arrays.stream(granted).allMatch(q -> q == 1), java.util.Arrays.toString(granted));
            hall.subscribe(PREFIX + "calls", PREFIX + "counters/+/now");
            long[] before = rowCounts();

            device.publish(topic, String.format(template, requestId));

            if (answer == Answer.REPLY) {
                JsonNode refused = device.reply(reply, requestId);
                assertEquals(ErrorCode.NOT_AUTHORISED.name(), refused.path("error").path("code").asText(),
                        refused.toString());
                assertFalse(refused.has("ticket") || refused.has("counter"), refused.toString());
                assertError(refused.path("error"));
            } else {
                JsonNode error = device.await(errors).json();
                assertEquals(topic, error.path("topic").asText(), error.toString());
                assertEquals(ErrorCode.NOT_AUTHORISED.name(), error.path("error").path("code").asText(),
                        error.toString());
                assertError(error.path("error"));
                if (template.contains("requestId")) {
                    assertEquals(requestId, error.path("requestId").asText(null), "readable requestId is echoed: "
                            + error);
                }
            }
            assertArrayEquals(before, rowCounts(), "a forbidden publish stores nothing (tickets, events, requests)");
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE open"), "no counter was opened");
            // Nothing the device published reached anyone else.
            hall.expectNothing(r -> r.text().contains(requestId), Duration.ofMillis(300));
            assertTrue(device.isConnected(), "a refusal does not cost the connection");
        }
    }

    @Test
    void aCounterTerminalCommandingAnotherCounterLeavesThatCounterClosed() throws Exception {
        try (TestDevice q01 = gateway.device("counter-Q01");
             TestDevice q02 = gateway.device("counter-Q02");
             TestDevice hall = gateway.device("hall-1")) {
            q01.subscribe(ownReplyTopic("counter-Q01"));
            q02.subscribe(ownReplyTopic("counter-Q02"));
            hall.subscribe(PREFIX + "counters/Q02/now");
            JsonNode retained = hall.await(r -> r.topic().endsWith("/Q02/now") && r.retained(), WAIT).json();
            assertFalse(retained.path("open").asBoolean(), retained.toString());

            JsonNode refused = q01.request(PREFIX + "counters/Q02/commands", ownReplyTopic("counter-Q01"), "q01-hijack",
                    "{\"requestId\":\"q01-hijack\",\"command\":\"OPEN\"}");
            assertEquals(ErrorCode.NOT_AUTHORISED.name(), refused.path("error").path("code").asText(), refused.toString());
            assertEquals("OPEN", refused.path("command").asText(), refused.toString());

            hall.expectNothing(r -> r.topic().endsWith("/Q02/now"), Duration.ofMillis(300));
            q02.expectNothing(r -> true, Duration.ofMillis(1));
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q02'"));
            // Q02's own terminal still finds it closed: a COMPLETE there is COUNTER_CLOSED.
            JsonNode own = q02.request(PREFIX + "counters/Q02/commands", ownReplyTopic("counter-Q02"), "q02-complete",
                    "{\"requestId\":\"q02-complete\",\"command\":\"COMPLETE\"}");
            assertEquals(ErrorCode.COUNTER_CLOSED.name(), own.path("error").path("code").asText(), own.toString());
        }
    }

    @Test
    void aKioskPublishingOnAnotherKiosksRequestTopicGetsNoTicketAndTheOtherKioskHearsNothing() throws Exception {
        try (TestDevice kiosk1 = gateway.device("kiosk-1");
             TestDevice kiosk2 = gateway.device("kiosk-2")) {
            kiosk1.subscribe(ownReplyTopic("kiosk-1"));
            kiosk2.subscribe(ownReplyTopic("kiosk-2"));
            JsonNode refused = kiosk1.request(PREFIX + "kiosks/kiosk-2/tickets/request", ownReplyTopic("kiosk-1"),
                    "k1-as-k2", "{\"requestId\":\"k1-as-k2\",\"service\":\"TP\"}");
            assertEquals(ErrorCode.NOT_AUTHORISED.name(), refused.path("error").path("code").asText());
            assertEquals(0, gateway.count("SELECT count(*) FROM tickets WHERE request_id = 'k1-as-k2'"));
            kiosk2.expectNothing(r -> true, Duration.ofMillis(300));
            // The refusal did not burn the requestId: kiosk-1 can use it for its own request.
            JsonNode own = kiosk1.request(PREFIX + "kiosks/kiosk-1/tickets/request", ownReplyTopic("kiosk-1"),
                    "k1-as-k2", "{\"requestId\":\"k1-as-k2\",\"service\":\"TP\"}");
            assertEquals("WAITING", own.path("ticket").path("state").asText(), own.toString());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE request_id = 'k1-as-k2'"
                    + " AND kiosk_id = 'kiosk-1'"));
        }
    }

    // --- SUBSCRIBE ---

    static Stream<Arguments> allowedSubscriptions() {
        return Stream.of(
                Arguments.of("kiosk-1", PREFIX + "calls"),
                Arguments.of("kiosk-1", PREFIX + "board"),
                Arguments.of("kiosk-1", PREFIX + "counters/+/now"),
                Arguments.of("kiosk-1", PREFIX + "counters/Q05/now"),
                Arguments.of("kiosk-1", PREFIX + "services/+/wait"),
                Arguments.of("kiosk-1", PREFIX + "services/TP/wait"),
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-1/tickets/response"),
                Arguments.of("kiosk-1", PREFIX + "devices/kiosk-1/errors"),
                Arguments.of("counter-Q01", PREFIX + "calls"),
                Arguments.of("counter-Q01", PREFIX + "counters/+/now"),
                Arguments.of("counter-Q01", PREFIX + "services/+/wait"),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/replies"),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/queue"),
                Arguments.of("counter-Q01", PREFIX + "board"),
                Arguments.of("counter-Q01", PREFIX + "devices/counter-Q01/errors"),
                Arguments.of("hall-1", PREFIX + "calls"),
                Arguments.of("hall-1", PREFIX + "board"),
                Arguments.of("hall-1", PREFIX + "counters/+/now"),
                Arguments.of("hall-1", PREFIX + "services/+/wait"),
                Arguments.of("hall-1", PREFIX + "devices/+/status"),
                Arguments.of("hall-1", PREFIX + "devices/hall-1/errors"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/rating/prompt"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/rating/replies"),
                Arguments.of("rating-Q05", PREFIX + "counters/+/now"),
                Arguments.of("rating-Q05", PREFIX + "board"),
                Arguments.of("rating-Q05", PREFIX + "devices/rating-Q05/errors"));
    }

    @ParameterizedTest(name = "{0} may subscribe to {1}")
    @MethodSource("allowedSubscriptions")
    void anAllowedSubscriptionIsGrantedQos1(String deviceId, String filter) throws Exception {
        try (TestDevice device = gateway.device(deviceId)) {
            assertArrayEquals(new int[] {1}, device.subscribe(filter));
        }
    }

    static Stream<Arguments> forbiddenSubscriptions() {
        return Stream.of(
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-2/tickets/response"),
                Arguments.of("kiosk-1", PREFIX + "kiosks/+/tickets/response"),
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-1/tickets/request"),
                Arguments.of("kiosk-1", PREFIX + "kiosks/kiosk-1/#"),
                Arguments.of("kiosk-1", PREFIX + "counters/Q01/replies"),
                Arguments.of("kiosk-1", PREFIX + "counters/+/commands"),
                Arguments.of("kiosk-1", PREFIX + "counters/#"),
                Arguments.of("kiosk-1", PREFIX + "devices/kiosk-2/errors"),
                Arguments.of("kiosk-1", PREFIX + "devices/+/errors"),
                Arguments.of("kiosk-1", PREFIX + "devices/+/status"),
                Arguments.of("kiosk-1", "onedesk/#"),
                Arguments.of("kiosk-1", PREFIX + "#"),
                Arguments.of("kiosk-1", "#"),
                Arguments.of("kiosk-1", "onedesk/v1/+/calls"),
                Arguments.of("kiosk-1", OTHER + "calls"),
                Arguments.of("kiosk-1", OTHER + "kiosks/kiosk-1/tickets/response"),
                Arguments.of("counter-Q01", PREFIX + "counters/Q02/replies"),
                Arguments.of("counter-Q01", PREFIX + "counters/Q02/queue"),
                Arguments.of("counter-Q01", PREFIX + "counters/+/queue"),
                Arguments.of("counter-Q01", OTHER + "board"),
                Arguments.of("kiosk-1", PREFIX + "counters/Q01/queue"),
                Arguments.of("kiosk-1", PREFIX + "counters/+/queue"),
                Arguments.of("hall-1", PREFIX + "counters/Q01/queue"),
                Arguments.of("hall-1", OTHER + "board"),
                Arguments.of("counter-Q01", PREFIX + "counters/+/replies"),
                Arguments.of("counter-Q01", PREFIX + "counters/Q01/commands"),
                Arguments.of("counter-Q01", PREFIX + "kiosks/kiosk-1/tickets/response"),
                Arguments.of("counter-Q01", PREFIX + "#"),
                Arguments.of("counter-Q01", OTHER + "counters/+/now"),
                Arguments.of("hall-1", PREFIX + "devices/kiosk-1/errors"),
                Arguments.of("hall-1", PREFIX + "devices/#"),
                Arguments.of("hall-1", PREFIX + "kiosks/kiosk-1/tickets/response"),
                Arguments.of("hall-1", PREFIX + "counters/Q01/replies"),
                Arguments.of("hall-1", "onedesk/v1/hcc-tinh/#"),
                Arguments.of("hall-1", OTHER + "calls"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q06/rating/prompt"),
                Arguments.of("rating-Q05", PREFIX + "counters/+/rating/prompt"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q06/rating/replies"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/replies"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/queue"),
                Arguments.of("rating-Q05", PREFIX + "counters/Q05/rating/submit"),
                Arguments.of("counter-Q05", PREFIX + "counters/Q05/rating/prompt"),
                Arguments.of("counter-Q05", PREFIX + "counters/Q05/rating/replies"),
                Arguments.of("hall-1", PREFIX + "counters/Q05/rating/prompt"),
                Arguments.of("kiosk-1", PREFIX + "counters/+/rating/replies"));
    }

    @ParameterizedTest(name = "{0} may not subscribe to {1}")
    @MethodSource("forbiddenSubscriptions")
    void aForbiddenSubscriptionIsRefusedWith128AndExplainedOnTheErrorsTopic(String deviceId, String filter)
            throws Exception {
        String errors = PREFIX + "devices/" + deviceId + "/errors";
        try (TestDevice device = gateway.device(deviceId)) {
            assertArrayEquals(new int[] {1}, device.subscribe(errors));
            assertArrayEquals(new int[] {128}, device.subscribe(filter));
            JsonNode error = device.await(errors).json();
            assertEquals(filter, error.path("topic").asText(), error.toString());
            assertEquals(ErrorCode.NOT_AUTHORISED.name(), error.path("error").path("code").asText(), error.toString());
            assertError(error.path("error"));
            assertTrue(device.isConnected(), "a refused subscription does not cost the connection");
        }
    }

    @Test
    void oneSubscribeWithAllowedAndForbiddenFiltersGetsAGrantPerFilter() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            int[] granted = kiosk.subscribe(PREFIX + "devices/kiosk-1/errors", PREFIX + "calls",
                    PREFIX + "kiosks/kiosk-2/tickets/response", PREFIX + "services/+/wait", "onedesk/#");
            assertArrayEquals(new int[] {1, 1, 128, 1, 128}, granted);
        }
    }

    @Test
    void aRefusedSubscriptionDeliversNothingAndRetainedMessagesAreNotLeaked() throws Exception {
        try (TestDevice spy = gateway.device("kiosk-1");
             TestDevice kiosk2 = gateway.device("kiosk-2")) {
            String response2 = ownReplyTopic("kiosk-2");
            assertArrayEquals(new int[] {128, 128}, spy.subscribe(response2, PREFIX + "#"));
            kiosk2.subscribe(response2);
            JsonNode ticket = kiosk2.request(PREFIX + "kiosks/kiosk-2/tickets/request", response2, "k2-private",
                    "{\"requestId\":\"k2-private\",\"service\":\"DD\"}");
            assertEquals("WAITING", ticket.path("ticket").path("state").asText(), ticket.toString());
            spy.expectNothing(r -> !r.topic().endsWith("/devices/kiosk-1/errors"), Duration.ofMillis(500));
        }
    }

    // --- MQTT 5 response topics (AccessPolicy.mayReceive) ---

    private static final AccessPolicy POLICY = new AccessPolicy();
    private static final Device Q01 = new Device("counter-Q01", GatewayHarness.CENTRE, DeviceRole.COUNTER, "Q01",
            new PasswordHash.DemoPlainText("demo"));
    private static final Device KIOSK = new Device("kiosk-1", GatewayHarness.CENTRE, DeviceRole.KIOSK, null,
            new PasswordHash.DemoPlainText("demo"));
    private static final Device HALL = new Device("hall-1", GatewayHarness.CENTRE, DeviceRole.DISPLAY, null,
            new PasswordHash.DemoPlainText("demo"));

    @Test
    void aCounterMayReadItsOwnQueueButNeverHaveARepliesPublishedIntoIt() {
        assertTrue(POLICY.maySubscribe(Q01, PREFIX + "counters/Q01/queue"));
        assertFalse(POLICY.mayReceive(Q01, PREFIX + "counters/Q01/queue"),
                "its queue is what its screen shows: a reply written there would fake the queue");
        assertTrue(POLICY.mayReceive(Q01, PREFIX + "counters/Q01/replies"), "its own replies topic still works");
    }

    private static final Device PAD = new Device("rating-Q05", GatewayHarness.CENTRE, DeviceRole.RATING_PAD, "Q05",
            new PasswordHash.DemoPlainText("demo"));

    @Test
    void aRatingPadHearsItsRepliesOnlyOnItsOwnCountersRatingRepliesNeverOnThePromptEveryPadReads() {
        assertTrue(POLICY.mayReceive(PAD, PREFIX + "counters/Q05/rating/replies"));
        assertFalse(POLICY.mayReceive(PAD, PREFIX + "counters/Q05/rating/prompt"),
                "a reply written into the prompt would fake what the citizen is asked to rate");
        assertFalse(POLICY.mayReceive(PAD, PREFIX + "counters/Q06/rating/replies"));
        assertFalse(POLICY.mayReceive(Q01, PREFIX + "counters/Q01/rating/replies"), "a terminal is not its pad");
        assertTrue(POLICY.mayPublish(PAD, new Topic.RatingSubmit(GatewayHarness.CENTRE, "Q05")));
        assertFalse(POLICY.mayPublish(PAD, new Topic.RatingSubmit(GatewayHarness.CENTRE, "Q06")));
        assertFalse(POLICY.mayPublish(Q01, new Topic.RatingSubmit(GatewayHarness.CENTRE, "Q01")));
    }

    @Test
    void aRatingPadNamesItsCounterAndOnlyTerminalsAndPadsDo() {
        assertThrows(IllegalArgumentException.class, () -> new Device("rating-x", GatewayHarness.CENTRE,
                DeviceRole.RATING_PAD, null, new PasswordHash.DemoPlainText("demo")));
        assertThrows(IllegalArgumentException.class, () -> new Device("hall-x", GatewayHarness.CENTRE,
                DeviceRole.DISPLAY, "Q01", new PasswordHash.DemoPlainText("demo")));
    }

    @Test
    void theBoardIsReadableByEveryRoleAndNeverAResponseTopic() {
        for (Device device : List.of(Q01, KIOSK, HALL)) {
            assertTrue(POLICY.maySubscribe(device, PREFIX + "board"), device.toString());
            assertFalse(POLICY.mayReceive(device, PREFIX + "board"), device.toString());
            assertFalse(POLICY.mayPublish(device, new Topic.Board(GatewayHarness.CENTRE)),
                    device.toString());
        }
    }

    private record Received5(String topic, String text) {
    }

    @Test
    void anMqtt5CommandWhoseResponseTopicIsTheCountersQueueIsAnsweredOnItsRepliesTopic() throws Exception {
        String replies = PREFIX + "counters/Q03/replies";
        String queue = PREFIX + "counters/Q03/queue";
        MqttAsyncClient client = new MqttAsyncClient(gateway.mqttUri(), "counter-Q03-v5-" + System.nanoTime(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        LinkedBlockingQueue<Received5> inbox = new LinkedBlockingQueue<>();
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                inbox.add(new Received5(topic, new String(m.getPayload(), StandardCharsets.UTF_8)));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("counter-Q03");
            options.setPassword("demo".getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(new String[] {replies, queue}, new int[] {1, 1}).waitForCompletion(10_000);
            MqttMessage command = new MqttMessage(
                    "{\"requestId\":\"q03-v5-complete\",\"command\":\"COMPLETE\"}".getBytes(StandardCharsets.UTF_8));
            command.setQos(1);
            MqttProperties properties = new MqttProperties();
            properties.setResponseTopic(queue);
            properties.setCorrelationData(new byte[] {3});
            command.setProperties(properties);
            client.publish(PREFIX + "counters/Q03/commands", command).waitForCompletion(10_000);

            List<Received5> received = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.stream().noneMatch(r -> r.text().contains("q03-v5-complete")) && System.nanoTime() < deadline) {
                Received5 r = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    received.add(r);
                }
            }
            Thread.sleep(300);
            inbox.drainTo(received);
            List<Received5> answers = received.stream().filter(r -> r.text().contains("q03-v5-complete")).toList();
            assertEquals(1, answers.size(), "answered once: " + received);
            assertEquals(replies, answers.get(0).topic(), "the reply went to the terminal's replies, not its queue");
            // COMPLETE on a closed counter changes nothing, so the other tests still find every counter closed.
            assertTrue(answers.get(0).text().contains(ErrorCode.COUNTER_CLOSED.name()), answers.get(0).text());
            assertTrue(received.stream().filter(r -> r.topic().equals(queue)).noneMatch(r -> r.text().contains("requestId")),
                    "only CounterQueue messages arrive on the queue topic: " + received);
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
            client.close();
        }
    }

    // --- helpers ---

    private static String ownReplyTopic(String deviceId) {
        if (deviceId.startsWith("kiosk-")) {
            return PREFIX + "kiosks/" + deviceId + "/tickets/response";
        }
        if (deviceId.startsWith("counter-")) {
            return PREFIX + "counters/" + deviceId.substring("counter-".length()) + "/replies";
        }
        if (deviceId.startsWith("rating-")) {
            return PREFIX + "counters/" + deviceId.substring("rating-".length()) + "/rating/replies";
        }
        return null;
    }

    private static long[] rowCounts() {
        return new long[] {
            gateway.count("SELECT count(*) FROM tickets"),
            gateway.count("SELECT count(*) FROM events"),
            gateway.count("SELECT count(*) FROM requests")};
    }

    /** A refusal's error: NOT_AUTHORISED's Vietnamese text (these messages ask for no language), an English detail. */
    private static void assertError(JsonNode error) {
        assertEquals(ErrorCode.NOT_AUTHORISED.vietnameseMessage(), error.path("message").asText(), error.toString());
        String detail = error.path("detail").asText();
        assertTrue(detail.contains(" may not "), "the detail says what was refused: " + error);
        assertFalse(detail.contains("Exception") || detail.contains("java."), detail);
    }
}
