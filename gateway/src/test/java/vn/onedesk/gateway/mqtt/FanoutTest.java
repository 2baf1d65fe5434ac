package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ResourceLeakDetector;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Mqtt5Messages;
import vn.onedesk.protocol.Topic;

/**
 * A publication to many displays is encoded once per kind of session and written to each from one task per
 * event loop ({@link LoopDelivery}, {@link SharedFrames}): every subscriber, MQTT 3.1.1 or 5, QoS 0 or 1, still
 * gets every message exactly once, in order, with its bytes and (MQTT 5) its properties; an offline persistent
 * session still gets what was queued, with its own packet ids, and again with DUP after a drop; and Netty's leak
 * detector, at its strictest for the whole class, reports nothing. (It cannot see a leaked shared payload buffer:
 * a released duplicate waits in Netty's recycler still pointing at it. {@link SharedFramesTest} counts that
 * buffer's references instead.) The MQTT listener
 * and broker of the gateway, with the demo devices; messages are published from another context, as centres do.
 */
class FanoutTest {
    private static final String CALLS = GatewayHarness.PREFIX + "calls";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DeviceRegistry devices;
    private static ResourceLeakDetector.Level leakLevel;
    private static LogCapture leaks;
    private Vertx vertx;
    private MqttBroker broker;
    private MqttListener listener;
    private int port;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void watchEveryBuffer() {
        devices = new DeviceRegistry(ConfigLoader.load(Map.of()).devices());
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        leaks = LogCapture.named("io.netty.util.ResourceLeakDetector");
    }

    @AfterAll
    static void restoreLeakLevel() {
        leaks.close();
        ResourceLeakDetector.setLevel(leakLevel);
    }

    private void start() {
        vertx = Vertx.vertx();
        broker = new MqttBroker(new SessionLimits(32, 1000, Duration.ofHours(1), 1000, Duration.ofSeconds(1)));
        AccessPolicy access = new AccessPolicy();
        PresenceTracker presence = new PresenceTracker(broker, Clock.systemUTC());
        InboundRouter router = new InboundRouter(Map.of(Topic.DeviceStatus.class, presence), broker, access);
        listener = new MqttListener(vertx, devices, access, broker, router, presence);
        port = GatewayHarness.await(listener.listen("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        clients.parallelStream().forEach(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        });
        if (listener != null) {
            GatewayHarness.await(listener.close());
        }
        if (vertx != null) {
            GatewayHarness.await(vertx.close());
        }
        assertNoLeakReported();
    }

    /** What one subscriber received: seq (the first four payload bytes), payload, QoS, correlation data. */
    private record Got(int seq, byte[] payload, int qos, byte[] correlation) {
    }

    private interface Subscriber extends AutoCloseable {
        List<Got> got();

        int qos();

        boolean mqtt5();
    }

    @Test
    void twoHundredDisplaysOfEveryKindEachGetEveryPublicationOnceInOrderWithItsBytesFromOneEncodingPerKind()
            throws Exception {
        start();
        List<Subscriber> displays = new ArrayList<>();
        java.util.concurrent.ExecutorService connecting = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Subscriber>> opening = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int qos = i % 2; // QoS 0 and 1, each over 3.1.1 and 5
                String clientId = "fan-" + i;
                boolean mqtt5 = (i / 2) % 2 == 1;
                opening.add(connecting.submit(() -> mqtt5 ? v5(clientId, qos) : v311(clientId, qos)));
            }
            for (java.util.concurrent.Future<Subscriber> s : opening) {
                displays.add(s.get());
            }
        } finally {
            clients.addAll(displays);
            connecting.shutdown();
        }
        // Payloads of every size class: empty past the seq, under 128 bytes, and past 16 KB (a 3-byte Remaining
        // Length), every byte value; half of them with MQTT 5 correlation data, which 3.1.1 must not see.
        List<OutboundMessage> messages = new ArrayList<>();
        for (int seq = 0; seq < 30; seq++) {
            int size = seq % 3 == 0 ? 4 : seq % 3 == 1 ? 100 + seq : 20_000 + seq;
            ByteBuffer payload = ByteBuffer.allocate(size).putInt(seq);
            for (int b = 4; b < size; b++) {
                payload.put((byte) (b * 31 + seq));
            }
            MqttProperties properties = MqttProperties.NO_PROPERTIES;
            if (seq % 2 == 1) {
                properties = new MqttProperties();
                properties.add(new MqttProperties.BinaryProperty(
                        MqttProperties.MqttPropertyType.CORRELATION_DATA.value(), correlation(seq)));
            }
            messages.add(new OutboundMessage(CALLS, payload.array(), MqttQoS.AT_LEAST_ONCE, false, properties));
        }
        publishFromACentre(messages);

        for (Subscriber s : displays) {
            awaitTrue(() -> s.got().size() >= messages.size());
        }
        Thread.sleep(500); // anything sent twice would arrive now
        for (Subscriber s : displays) {
            List<Got> got = s.got();
            assertEquals(messages.size(), got.size(), "each publication exactly once");
            for (int seq = 0; seq < messages.size(); seq++) {
                Got g = got.get(seq);
                assertEquals(seq, g.seq(), "in publication order");
                assertArrayEquals(messages.get(seq).payload(), g.payload(), "the payload's bytes, seq " + seq);
                assertEquals(s.qos(), g.qos(), "at the subscription's QoS");
                if (s.mqtt5()) {
                    assertArrayEquals(seq % 2 == 1 ? correlation(seq) : null, g.correlation(), "correlation data");
                }
            }
        }
        for (OutboundMessage m : messages) {
            // 200 deliveries, four kinds of session (3.1.1 or 5, QoS 0 or 1): at most four encodings.
            assertTrue(m.frames().encodings() <= 4, "encoded " + m.frames().encodings() + " times");
            assertTrue(m.frames().encodings() >= 1);
        }
    }

    @Test
    void aPersistentSessionGetsWhatWasQueuedWhileOfflineWithItsOwnPacketIdsAndAfterADropTheSameAgainWithDup()
            throws Exception {
        start();
        // A live display beside it, so the queued messages are also fanned out to a connected session.
        Subscriber live = v311("fan-live", 1);
        clients.add(live);
        try (RawMqttClient raw = RawMqttClient.connect(port, "fan-offline", "hall-1", "demo", false)) {
            assertEquals(1, raw.subscribe(1, CALLS, 1));
            raw.disconnect();
        }
        awaitTrue(() -> broker.offlineSessionCount() == 1);
        List<OutboundMessage> messages = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            messages.add(OutboundMessage.of(CALLS, ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(seq * 50) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE, false));
        }
        publishFromACentre(messages);
        awaitTrue(() -> live.got().size() == 5);

        List<RawMqttClient.Publish> first = new ArrayList<>();
        try (RawMqttClient raw = RawMqttClient.connect(port, "fan-offline", "hall-1", "demo", false)) {
            assertTrue(raw.sessionPresent());
            for (int i = 0; i < 5; i++) {
                first.add(raw.nextPublish(WAIT));
            }
            raw.drop(); // no PUBACK, no DISCONNECT: all five stay in flight
        }
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            RawMqttClient.Publish p = first.get(i);
            assertArrayEquals(messages.get(i).payload(), p.payload(), "in order, with its bytes");
            assertEquals(CALLS, p.topic());
            assertEquals(1, p.qos());
            assertFalse(p.dup(), "a first delivery");
            assertTrue(p.packetId() > 0);
            ids.add(p.packetId());
        }
        assertEquals(5, ids.size(), "each message in flight has its own packet id");

        awaitTrue(() -> broker.offlineSessionCount() == 1);
        try (RawMqttClient raw = RawMqttClient.connect(port, "fan-offline", "hall-1", "demo", false)) {
            assertTrue(raw.sessionPresent());
            for (int i = 0; i < 5; i++) {
                RawMqttClient.Publish again = raw.nextPublish(WAIT);
                assertTrue(again.dup(), "sent again with DUP");
                assertEquals(first.get(i).packetId(), again.packetId(), "with the packet id it had");
                assertArrayEquals(messages.get(i).payload(), again.payload());
                raw.pubAck(again.packetId());
            }
            assertTrue(raw.receivesNothingWithin(Duration.ofMillis(500)));
        }
        assertEquals(5, live.got().size(), "the live display got each once");
    }

    // --- helpers ---

    private static byte[] correlation(int seq) {
        return new byte[] {0, (byte) 0xFF, (byte) seq, 7};
    }

    /** Publishes from a context of its own, as a centre does, and waits until every publish returned. */
    private void publishFromACentre(List<OutboundMessage> messages) {
        Context centre = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        centre.runOnContext(v -> {
            messages.forEach(broker::publish);
            done.complete();
        });
        GatewayHarness.await(done.future());
    }

    private Subscriber v311(String clientId, int qos) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        List<Got> got = new CopyOnWriteArrayList<>();
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                byte[] p = message.getPayload();
                got.add(new Got(ByteBuffer.wrap(p).getInt(), p, message.getQos(), null));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setUserName("hall-1");
        options.setPassword("demo".toCharArray());
        options.setConnectionTimeout(30);
        options.setMaxInflight(100);
        client.connect(options);
        client.subscribe(CALLS, qos);
        return new Subscriber() {
            public List<Got> got() {
                return got;
            }

            public int qos() {
                return qos;
            }

            public boolean mqtt5() {
                return false;
            }

            public void close() throws Exception {
                client.disconnect(0);
                client.close();
            }
        };
    }

    private Subscriber v5(String clientId, int qos) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        List<Got> got = new CopyOnWriteArrayList<>();
        client.setCallback(Mqtt5Messages.onMessage((topic, message) -> {
            byte[] p = message.getPayload();
            got.add(new Got(ByteBuffer.wrap(p).getInt(), p, message.getQos(),
                    message.getProperties() == null ? null : message.getProperties().getCorrelationData()));
        }));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("hall-1");
        options.setPassword("demo".getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setConnectionTimeout(30);
        client.connect(options).waitForCompletion(30_000);
        client.subscribe(CALLS, qos).waitForCompletion(10_000);
        return new Subscriber() {
            public List<Got> got() {
                return got;
            }

            public int qos() {
                return qos;
            }

            public boolean mqtt5() {
                return true;
            }

            public void close() throws Exception {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            }
        };
    }

    /**
     * Netty reports a leaked buffer when one it tracks is collected unreleased, at the next buffer it tracks: so
     * collect, then allocate a few.
     */
    private static void assertNoLeakReported() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 100; j++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
        assertNull(leaks.records().stream().filter(r -> String.valueOf(r.getMessage()).contains("LEAK"))
                .findFirst().map(r -> r.getMessage()).orElse(null), "Netty reported a leaked buffer");
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
