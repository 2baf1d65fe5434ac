package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.CuttableProxy;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.gateway.support.Mqtt5Messages;

/**
 * "No missed calls": the hall display keeps an MQTT session (clean session false) and, after any kind of
 * disconnection, receives every call made meanwhile, in seq order, without subscribing again. Calls are
 * real: a kiosk takes a ticket and counter Q21 calls it, through the whole gateway and PostgreSQL.
 */
class PersistentSessionTest {
    private static final String CALLS = PREFIX + "calls";
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String COMMANDS = PREFIX + "counters/Q21/commands";
    private static final String REPLIES = PREFIX + "counters/Q21/replies";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static GatewayHarness gateway;
    private static TestDevice kiosk;
    private static TestDevice counter;

    @BeforeAll
    static void start() throws Exception {
        // The takeover test below recalls one ticket 20 times to keep calls flowing: the most a centre may allow.
        gateway = GatewayHarness.startDemo(java.time.Clock.systemUTC(), c -> c.withRules(new vn.onedesk.engine.centre
                .CounterRules(vn.onedesk.engine.centre.CounterRules.MAX_RECALL_LIMIT, c.rules().parkTimeout(),
                c.rules().requeueGrace(), c.rules().requeueAfter(), c.rules().ratingWindow())));
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE);
        counter = gateway.device("counter-Q21");
        counter.subscribe(REPLIES);
        command("OPEN");
    }

    @AfterAll
    static void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (counter != null) {
            counter.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    // --- MQTT 3.1.1, Paho ---

    @Test
    void aDisplayThatDisconnectsCleanlyGetsEveryMissedCallInSeqOrderWithoutSubscribingAgain() throws Exception {
        String clientId = "hall-clean-" + System.nanoTime();
        long last;
        try (TestDevice display = display(clientId, false)) {
            assertFalse(display.sessionPresent(), "a new client id has no session yet");
            assertArrayEquals(new int[] {1}, display.subscribe(CALLS));
            last = awaitCall(display, callTicket()).path("seq").asLong();
        } // DISCONNECT
        List<String> missed = List.of(callTicket(), callTicket(), callTicket(), callTicket());

        try (TestDevice display = display(clientId, false)) {
            assertTrue(display.sessionPresent(), "the session was kept");
            assertCalls(display, last, missed);
            display.expectNothing(r -> r.topic().equals(CALLS), Duration.ofMillis(500));
            // The subscription itself survived: a new call arrives without a SUBSCRIBE.
            String next = callTicket();
            assertEquals(next, awaitCall(display, next).path("ticket").asText());
        }
    }

    @Test
    void aDisplayWhoseConnectionIsCutGetsEveryCallMadeWhileItWasAway() throws Exception {
        String clientId = "hall-cut-" + System.nanoTime();
        long last;
        try (CuttableProxy network = CuttableProxy.to(gateway.gateway().mqttPort());
             TestDevice display = TestDevice.connect(network.tcpUri(), "hall-1", "demo", clientId, false, 60)) {
            display.subscribe(CALLS);
            last = awaitCall(display, callTicket()).path("seq").asLong();
            network.cut(); // both sides reset, no DISCONNECT
            List<String> missed = List.of(callTicket(), callTicket(), callTicket());

            try (TestDevice back = display(clientId, false)) {
                assertTrue(back.sessionPresent());
                assertCalls(back, last, missed);
            }
        }
    }

    @Test
    void aDisplayThatStopsAnsweringGetsTheCallsSentIntoTheDeadConnectionAndThoseAfter() throws Exception {
        String clientId = "hall-silent-" + System.nanoTime();
        long last;
        try (CuttableProxy network = CuttableProxy.to(gateway.gateway().mqttPort());
             TestDevice display = TestDevice.connect(network.tcpUri(), "hall-1", "demo", clientId, false, 1)) {
            display.subscribe(CALLS);
            last = awaitCall(display, callTicket()).path("seq").asLong();
            network.freeze();
            // The gateway still believes in the connection: these go out and are never acknowledged.
            List<String> missed = new ArrayList<>(List.of(callTicket(), callTicket()));
            // Keep-alive 1 s: the gateway gives up after 1.5 s (rounded up) of silence and keeps the session.
            Thread.sleep(3_000);
            missed.add(callTicket());
            missed.add(callTicket());

            try (TestDevice back = display(clientId, false)) {
                assertTrue(back.sessionPresent());
                assertCalls(back, last, missed);
                back.expectNothing(r -> r.topic().equals(CALLS), Duration.ofMillis(500));
            }
        }
    }

    @Test
    void aDisplayReconnectingWithCleanSessionGetsNoMissedCallAndItsSessionIsGone() throws Exception {
        String clientId = "hall-fresh-" + System.nanoTime();
        try (TestDevice display = display(clientId, false)) {
            display.subscribe(CALLS);
            awaitCall(display, callTicket());
        }
        callTicket();
        callTicket();
        try (TestDevice display = display(clientId, true)) {
            assertFalse(display.sessionPresent());
            display.expectNothing(r -> r.topic().equals(CALLS), Duration.ofSeconds(1));
        }
        // The clean session discarded the stored one, and was not kept itself.
        callTicket();
        try (TestDevice display = display(clientId, false)) {
            assertFalse(display.sessionPresent());
            display.expectNothing(r -> r.topic().equals(CALLS), Duration.ofSeconds(1));
        }
    }

    @Test
    void anotherDeviceUsingTheDisplaysClientIdIsRefusedAndTheDisplayStillGetsEveryMissedCall() throws Exception {
        String clientId = "hall-shared-" + System.nanoTime();
        long last;
        try (TestDevice display = display(clientId, false)) {
            display.subscribe(CALLS);
            last = awaitCall(display, callTicket()).path("seq").asLong();
        }
        List<String> missed = List.of(callTicket(), callTicket());
        // kiosk-2 may read calls too, but the session is hall-1's: kiosk-2 is refused and takes nothing from it.
        org.eclipse.paho.client.mqttv3.MqttException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.eclipse.paho.client.mqttv3.MqttException.class,
                () -> TestDevice.connect(gateway.mqttUri(), "kiosk-2", "demo", clientId, false, 60));
        assertEquals(org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_INVALID_CLIENT_ID, refused.getReasonCode());
        try (TestDevice display = display(clientId, false)) {
            assertTrue(display.sessionPresent(), "the display's session was kept for it");
            assertCalls(display, last, missed);
        }
    }

    @Test
    void aTakeoverBySameClientIdWhileCallsFlowLosesNoCallAndRepeatsNoneOnTheNewConnection() throws Exception {
        String clientId = "hall-takeover-" + System.nanoTime();
        try (TestDevice first = display(clientId, false)) {
            first.subscribe(CALLS);
            String number = callTicket("CALL_NEXT");
            long start = awaitCall(first, number).path("seq").asLong();
            int recalls = vn.onedesk.engine.centre.CounterRules.MAX_RECALL_LIMIT;
            CompletableFuture<Void> calling = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < recalls; i++) {
                    command("RECALL");
                }
            });
            TreeSet<Long> onFirst = new TreeSet<>();
            onFirst.add(first.await(r -> r.topic().equals(CALLS) && r.json().path("seq").asLong() > start + 5, WAIT)
                    .json().path("seq").asLong());
            try (TestDevice second = display(clientId, false)) {
                assertTrue(second.sessionPresent(), "the connected session is handed over");
                calling.get(60, TimeUnit.SECONDS);
                command("NO_SHOW");
                long end = start + recalls;

                List<Long> onSecond = new ArrayList<>();
                while (onSecond.isEmpty() || onSecond.get(onSecond.size() - 1) < end) {
                    onSecond.add(second.await(r -> r.topic().equals(CALLS), WAIT).json().path("seq").asLong());
                }
                second.expectNothing(r -> r.topic().equals(CALLS), Duration.ofMillis(500));
                drain(first, onFirst);

                long from = onSecond.get(0);
                assertEquals(LongStream.rangeClosed(from, end).boxed().toList(), onSecond,
                        "the new connection gets a gapless, ordered run of calls, each once");
                assertTrue(LongStream.range(start + 1, from).allMatch(onFirst::contains),
                        "what the new connection did not get, the old one had: " + onFirst + " then " + onSecond);
            }
        }
    }

    // --- MQTT 3.1.1, hand-written packets: what is in flight ---

    @Test
    void unacknowledgedCallsComeAgainWithDupSetAndTheSamePayloadBeforeTheCallsQueuedMeanwhile() throws Exception {
        String clientId = "hall-raw-" + System.nanoTime();
        int port = gateway.gateway().mqttPort();
        RawMqttClient.Publish first;
        RawMqttClient.Publish second;
        try (RawMqttClient raw = RawMqttClient.connect(port, clientId, "hall-1", "demo", false)) {
            assertEquals(0, raw.returnCode());
            assertFalse(raw.sessionPresent());
            assertEquals(1, raw.subscribe(1, CALLS, 1));
            String a = callTicket();
            first = raw.nextPublish(WAIT);
            String b = callTicket();
            second = raw.nextPublish(WAIT);
            assertEquals(a, JsonCodec.tree(first.payload()).path("ticket").asText());
            assertEquals(b, JsonCodec.tree(second.payload()).path("ticket").asText());
            assertFalse(first.dup());
            assertEquals(1, first.qos());
            raw.drop(); // no PUBACK for either, no DISCONNECT
        }
        String queued = callTicket();

        try (RawMqttClient raw = RawMqttClient.connect(port, clientId, "hall-1", "demo", false)) {
            assertTrue(raw.sessionPresent());
            RawMqttClient.Publish again1 = raw.nextPublish(WAIT);
            RawMqttClient.Publish again2 = raw.nextPublish(WAIT);
            RawMqttClient.Publish later = raw.nextPublish(WAIT);
            assertTrue(again1.dup() && again2.dup(), "in-flight messages are sent again with DUP");
            assertEquals(first.packetId(), again1.packetId());
            assertArrayEquals(first.payload(), again1.payload());
            assertEquals(second.packetId(), again2.packetId());
            assertArrayEquals(second.payload(), again2.payload());
            assertEquals(CALLS, again1.topic());
            assertFalse(later.dup(), "a queued message was never sent before");
            assertEquals(queued, JsonCodec.tree(later.payload()).path("ticket").asText());
            assertTrue(raw.receivesNothingWithin(Duration.ofMillis(500)));
            raw.pubAck(again1.packetId());
            raw.pubAck(again2.packetId());
            raw.pubAck(later.packetId());
            raw.disconnect();
        }
        // Acknowledged means done: nothing comes a third time.
        try (RawMqttClient raw = RawMqttClient.connect(port, clientId, "hall-1", "demo", false)) {
            assertTrue(raw.sessionPresent());
            assertTrue(raw.receivesNothingWithin(Duration.ofSeconds(1)));
            raw.disconnect();
        }
    }

    // --- MQTT 5, Paho ---

    @Test
    void anMqtt5DisplayWithSessionExpiryZeroKeepsNothingAfterItsConnection() throws Exception {
        String clientId = "hall-v5-zero-" + System.nanoTime();
        try (Display5 display = Display5.connect(gateway.mqttUri(), clientId, 0L)) {
            assertFalse(display.sessionPresent());
            display.subscribe(CALLS);
            String number = callTicket();
            assertTrue(display.await(WAIT).contains(number));
        }
        callTicket();
        try (Display5 display = Display5.connect(gateway.mqttUri(), clientId, 0L)) {
            assertFalse(display.sessionPresent(), "expiry 0: the session ended with the connection");
            assertTrue(display.receivesNothingWithin(Duration.ofSeconds(1)));
        }
    }

    @Test
    void anMqtt5DisplayWithASessionExpiryGetsItsMissedCallsAndALongerExpiryIsCappedAt24Hours() throws Exception {
        String clientId = "hall-v5-keep-" + System.nanoTime();
        try (Display5 display = Display5.connect(gateway.mqttUri(), clientId, 0xFFFF_FFFFL)) {
            assertFalse(display.sessionPresent());
            assertEquals(SessionLimits.MAX_EXPIRY.toSeconds(), display.connAckSessionExpiry(),
                    "the CONNACK says which expiry the gateway uses");
            display.subscribe(CALLS);
            String live = callTicket();
            assertTrue(display.await(WAIT).contains(live));
        }
        String missed = callTicket();
        try (Display5 display = Display5.connect(gateway.mqttUri(), clientId, 600L)) {
            assertTrue(display.sessionPresent());
            assertEquals(-1, display.connAckSessionExpiry(), "600 s is within the cap: nothing to say");
            assertTrue(display.await(WAIT).contains(missed));
        }
    }

    // --- helpers ---

    private static TestDevice display(String clientId, boolean cleanSession) throws Exception {
        return TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, cleanSession, 60);
    }

    /** A kiosk takes a CA ticket and counter Q21 calls it, then marks it no-show; returns the called number. */
    private static String callTicket() throws Exception {
        String number = callTicket("CALL_NEXT");
        command("NO_SHOW");
        return number;
    }

    private static String callTicket(String how) throws Exception {
        String id = "s-" + System.nanoTime();
        kiosk.request(REQUEST, RESPONSE, id, "{\"requestId\":\"" + id + "\",\"service\":\"CA\"}");
        JsonNode called = command(how);
        assertEquals("CALLED", called.path("ticket").path("state").asText(), called.toString());
        return called.path("ticket").path("number").asText();
    }

    private static JsonNode command(String command) {
        String id = "c-" + System.nanoTime();
        try {
            JsonNode reply = counter.request(COMMANDS, REPLIES, id,
                    "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
            assertFalse(reply.has("error"), reply.toString());
            return reply;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitCall(TestDevice display, String number) throws InterruptedException {
        return display.await(r -> r.topic().equals(CALLS) && number.equals(r.json().path("ticket").asText()),
                WAIT).json();
    }

    /**
     * The next calls are exactly seq last+1, last+2, ... for the given ticket numbers, in that order. A call at or
     * before {@code last} may come again first: if the connection died before the client's PUBACK reached the
     * gateway, QoS 1 sends it again (at least once), and displays drop it by its seq.
     */
    private static void assertCalls(TestDevice display, long last, List<String> numbers) throws InterruptedException {
        for (int i = 0; i < numbers.size(); i++) {
            JsonNode call = display.await(r -> r.topic().equals(CALLS), WAIT).json();
            while (i == 0 && call.path("seq").asLong() <= last) {
                call = display.await(r -> r.topic().equals(CALLS), WAIT).json();
            }
            assertEquals(last + 1 + i, call.path("seq").asLong(), call.toString());
            assertEquals(numbers.get(i), call.path("ticket").asText(), call.toString());
        }
    }

    private static void drain(TestDevice device, TreeSet<Long> seqs) throws InterruptedException {
        try {
            while (true) {
                seqs.add(device.await(r -> r.topic().equals(CALLS), Duration.ofMillis(200)).json().path("seq").asLong());
            }
        } catch (AssertionError noMore) {
            // await fails when nothing more arrives
        }
    }

    /** A hall display speaking MQTT 5 with clean start false and a Session Expiry Interval. */
    static final class Display5 implements AutoCloseable {
        private final MqttAsyncClient client;
        private final LinkedBlockingQueue<String> calls = new LinkedBlockingQueue<>();
        private boolean sessionPresent;
        private long connAckSessionExpiry = -1;

        private Display5(MqttAsyncClient client) {
            this.client = client;
        }

        static Display5 connect(String uri, String clientId, long sessionExpiry) throws MqttException {
            MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
            Display5 display = new Display5(client);
            client.setCallback(Mqtt5Messages.onMessage((topic, message) -> {
                if (topic.equals(CALLS)) {
                    display.calls.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            }));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("hall-1");
            options.setPassword("demo".getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(false);
            options.setSessionExpiryInterval(sessionExpiry);
            options.setConnectionTimeout(10);
            options.setAutomaticReconnect(false);
            IMqttToken token = client.connect(options);
            token.waitForCompletion(10_000);
            display.sessionPresent = token.getSessionPresent();
            MqttProperties response = token.getResponseProperties();
            if (response != null && response.getSessionExpiryInterval() != null) {
                display.connAckSessionExpiry = response.getSessionExpiryInterval();
            }
            return display;
        }

        boolean sessionPresent() {
            return sessionPresent;
        }

        long connAckSessionExpiry() {
            return connAckSessionExpiry;
        }

        void subscribe(String filter) throws MqttException {
            client.subscribe(filter, 1).waitForCompletion(10_000);
        }

        String await(Duration timeout) throws InterruptedException {
            String call = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(call != null, "no call within " + timeout);
            return call;
        }

        boolean receivesNothingWithin(Duration window) throws InterruptedException {
            return calls.poll(window.toMillis(), TimeUnit.MILLISECONDS) == null;
        }

        /** DISCONNECT carrying a new Session Expiry Interval (MQTT 5 §3.14.2.2.2), then close. */
        void disconnectWithExpiry(long sessionExpiry) throws MqttException {
            MqttProperties properties = new MqttProperties();
            properties.setSessionExpiryInterval(sessionExpiry);
            client.disconnect(2000, null, null, 0, properties).waitForCompletion(5000);
            client.close(true);
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
