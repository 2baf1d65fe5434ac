package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;

/**
 * The bounds on sessions, each made small so that it is reached: the MQTT listener and broker of the
 * gateway, with the demo devices, without centres or a database (the broker does not need them). Calls are
 * published straight into the broker, from other contexts, as the centres do.
 */
class SessionBoundsTest {
    private static final String CALLS = GatewayHarness.PREFIX + "calls";
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The demo devices, read once: reading them hashes every demo password. */
    private static DeviceRegistry devices;
    private Vertx vertx;
    private MqttBroker broker;
    private MqttListener listener;
    private int port;

    private void start(SessionLimits limits) {
        vertx = Vertx.vertx();
        broker = new MqttBroker(limits);
        AccessPolicy access = new AccessPolicy();
        PresenceTracker presence = new PresenceTracker(broker, Clock.systemUTC());
        InboundRouter router = new InboundRouter(Map.of(Topic.DeviceStatus.class, presence), broker, access);
        listener = new MqttListener(vertx, devices, access, broker, router, presence);
        port = GatewayHarness.await(listener.listen("127.0.0.1", 0));
    }

    @BeforeAll
    static void readDevices() {
        devices = new DeviceRegistry(ConfigLoader.load(Map.of()).devices());
    }

    private static SessionLimits limits(int inFlight, int queued, Duration expiry, int stored) {
        return new SessionLimits(inFlight, queued, expiry, stored, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            GatewayHarness.await(listener.close());
        }
        if (vertx != null) {
            GatewayHarness.await(vertx.close());
        }
    }

    @Test
    void aFullOfflineQueueDropsTheOldestCallsAndKeepsTheNewest() throws Exception {
        start(limits(32, 5, Duration.ofHours(1), 100));
        String clientId = "hall-overflow";
        try (TestDevice display = display(clientId)) {
            display.subscribe(CALLS);
        }
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        for (int seq = 1; seq <= 12; seq++) {
            publishCall(seq);
        }
        try (TestDevice display = display(clientId)) {
            assertTrue(display.sessionPresent());
            for (int seq = 8; seq <= 12; seq++) {
                assertEquals(seq, display.await(r -> r.topic().equals(CALLS), WAIT).json().path("seq").asInt());
            }
            display.expectNothing(r -> r.topic().equals(CALLS), Duration.ofMillis(500));
        }
    }

    @Test
    void noMoreThanTheWindowAwaitsAcknowledgementAndTheRestFollowInOrderAsAcknowledgementsArrive() throws Exception {
        start(limits(4, 100, Duration.ofHours(1), 100));
        try (RawMqttClient raw = RawMqttClient.connect(port, "hall-window", "hall-1", "demo", true)) {
            assertEquals(1, raw.subscribe(1, CALLS, 1));
            for (int seq = 1; seq <= 10; seq++) {
                publishCall(seq);
            }
            List<RawMqttClient.Publish> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(raw.nextPublish(WAIT));
            }
            assertTrue(raw.receivesNothingWithin(Duration.ofMillis(500)), "the window is full");
            raw.pubAck(got.get(1).packetId()); // any acknowledgement frees a place, not only the oldest
            got.add(raw.nextPublish(WAIT));
            assertTrue(raw.receivesNothingWithin(Duration.ofMillis(300)));
            for (int i = 0; got.size() < 10; i++) {
                if (i != 1) { // already acknowledged
                    raw.pubAck(got.get(i).packetId());
                    got.add(raw.nextPublish(WAIT));
                }
            }
            assertEquals(IntStream.rangeClosed(1, 10).boxed().toList(),
                    got.stream().map(p -> JsonCodec.tree(p.payload()).path("seq").asInt()).toList());
            assertEquals(10, got.stream().map(RawMqttClient.Publish::packetId).distinct().count(),
                    "packet ids of messages in flight together are distinct");
            assertTrue(got.stream().noneMatch(RawMqttClient.Publish::dup));
        }
    }

    @Test
    void beyondTheStoredSessionBoundTheSessionOfflineLongestIsDropped() throws Exception {
        start(limits(32, 100, Duration.ofHours(1), 2));
        TestDevice a = display("hall-a");
        TestDevice b = display("hall-b");
        TestDevice c = display("hall-c");
        for (TestDevice d : List.of(a, b, c)) {
            d.subscribe(CALLS);
        }
        a.close();
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        b.close();
        awaitTrue(() -> broker.offlineSessionCount() == 2);
        c.close();
        awaitTrue(() -> broker.storedSessionCount() == 2);
        publishCall(1);

        try (TestDevice back = display("hall-a")) {
            assertFalse(back.sessionPresent(), "a went offline first and was dropped");
            back.expectNothing(r -> r.topic().equals(CALLS), Duration.ofMillis(500));
        }
        try (TestDevice back = display("hall-c")) {
            assertTrue(back.sessionPresent());
            assertEquals(1, back.await(CALLS).json().path("seq").asInt());
        }
    }

    @Test
    void anMqtt5SessionIsFreedByTheSweepOnceItsExpiryPassesWithoutItsClientComingBack() throws Exception {
        start(limits(32, 100, Duration.ofHours(1), 100));
        try (PersistentSessionTest.Display5 display = PersistentSessionTest.Display5.connect(uri(), "hall-v5-1s", 1L)) {
            display.subscribe(CALLS);
        }
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        publishCall(1); // held for now
        awaitTrue(() -> broker.storedSessionCount() == 0);
        assertEquals(0, broker.offlineSessionCount());
        try (PersistentSessionTest.Display5 display = PersistentSessionTest.Display5.connect(uri(), "hall-v5-1s", 60L)) {
            assertFalse(display.sessionPresent());
            assertTrue(display.receivesNothingWithin(Duration.ofMillis(500)));
        }
    }

    @Test
    void anMqtt5DisconnectWithSessionExpiryZeroEndsTheSessionAtOnce() throws Exception {
        start(limits(32, 100, Duration.ofHours(1), 100));
        PersistentSessionTest.Display5 display = PersistentSessionTest.Display5.connect(uri(), "hall-v5-bye", 600L);
        display.subscribe(CALLS);
        assertEquals(1, broker.storedSessionCount());
        display.disconnectWithExpiry(0L);
        awaitTrue(() -> broker.storedSessionCount() == 0);
        assertEquals(0, broker.offlineSessionCount());
    }

    @Test
    void anMqtt311SessionLivesNoLongerThanTheExpiryBound() throws Exception {
        start(limits(32, 100, Duration.ofSeconds(1), 100));
        try (TestDevice display = display("hall-311-1s")) {
            display.subscribe(CALLS);
        }
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        awaitTrue(() -> broker.storedSessionCount() == 0);
        try (TestDevice display = display("hall-311-1s")) {
            assertFalse(display.sessionPresent());
        }
    }

    @Test
    void aQos0SubscriptionGetsCallsWhileConnectedButNoneAreKeptWhileOffline() throws Exception {
        start(limits(32, 100, Duration.ofHours(1), 100));
        try (RawMqttClient raw = RawMqttClient.connect(port, "hall-qos0", "hall-1", "demo", false)) {
            assertEquals(0, raw.subscribe(1, CALLS, 0));
            publishCall(1);
            RawMqttClient.Publish live = raw.nextPublish(WAIT);
            assertEquals(0, live.qos());
            raw.disconnect();
        }
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        publishCall(2);
        try (RawMqttClient raw = RawMqttClient.connect(port, "hall-qos0", "hall-1", "demo", false)) {
            assertTrue(raw.sessionPresent());
            assertTrue(raw.receivesNothingWithin(Duration.ofSeconds(1)));
            publishCall(3);
            assertEquals(3, JsonCodec.tree(raw.nextPublish(WAIT).payload()).path("seq").asInt(),
                    "the subscription itself was kept");
        }
    }

    @Test
    void callsPublishedFromSeveralContextsDuringRepeatedTakeoversAreAllDeliveredInOrderPerConnection()
            throws Exception {
        start(SessionLimits.DEFAULTS);
        String clientId = "hall-churn";
        int publishers = 4;
        int perPublisher = 200;
        List<TestDevice> connections = new ArrayList<>();
        connections.add(display(clientId));
        connections.get(0).subscribe(CALLS);

        List<Future<Void>> publishing = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            Context centre = vertx.getOrCreateContext();
            Promise<Void> done = Promise.promise();
            publishing.add(done.future());
            centre.runOnContext(v -> publishBatch(centre, publisher, 0, perPublisher, done));
        }
        for (int i = 0; i < 5; i++) {
            Thread.sleep(40);
            TestDevice next = display(clientId);
            assertTrue(next.sessionPresent());
            connections.add(next);
        }
        GatewayHarness.await(Future.all(publishing));

        TestDevice last = connections.get(connections.size() - 1);
        Set<String> seen = new HashSet<>();
        for (TestDevice connection : connections) {
            Map<Integer, Integer> lastPerPublisher = new HashMap<>();
            boolean isLast = connection == last;
            while (!isLast || seen.size() < publishers * perPublisher) {
                TestDevice.Received r;
                try {
                    r = connection.await(x -> x.topic().equals(CALLS), isLast ? WAIT : Duration.ofMillis(300));
                } catch (AssertionError nothingMore) {
                    break;
                }
                int publisher = r.json().path("publisher").asInt();
                int seq = r.json().path("seq").asInt();
                Integer before = lastPerPublisher.put(publisher, seq);
                assertTrue(before == null || seq > before,
                        "one connection sees each publisher's calls in order, each once: " + before + " then " + seq);
                seen.add(publisher + "/" + seq);
            }
            connection.close();
        }
        assertEquals(publishers * perPublisher, seen.size(), "no call lost");
    }

    // --- helpers ---

    /** Publishes in small batches, yielding between them, so the publishers interleave with the takeovers. */
    private void publishBatch(Context centre, int publisher, int from, int count, Promise<Void> done) {
        for (int seq = from; seq < Math.min(from + 10, count); seq++) {
            broker.publish(OutboundMessage.of(CALLS, ("{\"publisher\":" + publisher + ",\"seq\":" + seq + "}")
                    .getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE, false));
        }
        if (from + 10 >= count) {
            done.complete();
        } else {
            vertx.setTimer(5, t -> centre.runOnContext(v -> publishBatch(centre, publisher, from + 10, count, done)));
        }
    }

    private void publishCall(int seq) {
        broker.publish(OutboundMessage.of(CALLS, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
                MqttQoS.AT_LEAST_ONCE, false));
    }

    private String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private TestDevice display(String clientId) throws Exception {
        return TestDevice.connect(uri(), "hall-1", "demo", clientId, false, 60);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
