package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * What an idle device connection holds: a display that connected and subscribed, and was sent nothing yet, has no
 * in-flight map or queue, shares its subscription with every other display of the centre, keeps no credentials,
 * writes through the lean outbound queue instead of Vert.x's 4.6 KB one, and has one keep-alive handler instead of
 * two; once messages come, they come as before, in order, and a silent client is still disconnected.
 */
class IdleConnectionFootprintTest {
    private static final String CALLS = GatewayHarness.PREFIX + "calls";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DeviceRegistry devices;
    private Vertx vertx;
    private MqttBroker broker;
    private MqttListener listener;
    private int port;

    @BeforeAll
    static void readDevices() {
        devices = new DeviceRegistry(ConfigLoader.load(Map.of()).devices());
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        broker = new MqttBroker(SessionLimits.DEFAULTS);
        AccessPolicy access = new AccessPolicy();
        PresenceTracker presence = new PresenceTracker(broker, Clock.systemUTC());
        InboundRouter router = new InboundRouter(Map.of(Topic.DeviceStatus.class, presence), broker, access);
        listener = new MqttListener(vertx, devices, access, broker, router, presence);
        port = GatewayHarness.await(listener.listen("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        GatewayHarness.await(listener.close());
        GatewayHarness.await(vertx.close());
    }

    @Test
    void idleSubscribedDisplaysHoldNoDeliveryStateShareTheirSubscriptionAndWriteThroughTheLeanQueue()
            throws Exception {
        List<TestDevice> displays = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestDevice display = TestDevice.connect(uri(), "hall-1", "demo", "hall-idle-" + i, true, 60);
                display.subscribe(CALLS);
                displays.add(display);
            }
            awaitTrue(() -> broker.sessions().size() == 3
                    && broker.sessions().stream().allMatch(s -> s.state().subscriptions().size() == 1));
            SessionState.Subscription first = null;
            for (DeviceSession session : broker.sessions()) {
                SessionState state = session.state();
                assertFalse(state.holdsDeliveryState(), "no in-flight map or queue before a QoS 1 message");
                assertEquals(0, state.inFlightCount());
                assertEquals(0, state.queuedCount());
                SessionState.Subscription held = state.subscriptions().get(0);
                assertEquals(CALLS, held.filter());
                assertEquals(MqttQoS.AT_LEAST_ONCE, held.qos());
                if (first != null) {
                    assertSame(first, held, "one subscription record per filter and QoS, shared");
                }
                first = held;
                assertTrue(LeanOutboundQueue.installedOn(MqttListener.socketOf(session.endpoint())),
                        "the connection writes through the lean outbound queue");
                assertNull(session.endpoint().auth(), "the CONNECT's user name and password are not kept");
            }
        } finally {
            for (TestDevice display : displays) {
                display.close();
            }
        }
    }

    @Test
    void aSessionGetsItsQos1MessagesInOrderWithinTheWindowOnceItsDeliveryStateIsAllocated() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(port, "hall-lazy", "hall-1", "demo", true)) {
            assertEquals(1, raw.subscribe(1, CALLS, 1));
            SessionState state = onlySession().state();
            assertFalse(state.holdsDeliveryState());

            int count = SessionLimits.MAX_IN_FLIGHT + 8; // more than the window: some wait in the queue
            for (int seq = 1; seq <= count; seq++) {
                publishCall(seq);
            }
            List<RawMqttClient.Publish> got = new ArrayList<>();
            for (int i = 0; i < SessionLimits.MAX_IN_FLIGHT; i++) {
                got.add(raw.nextPublish(WAIT));
            }
            assertTrue(state.holdsDeliveryState());
            assertEquals(SessionLimits.MAX_IN_FLIGHT, state.inFlightCount());
            assertEquals(8, state.queuedCount());
            for (int i = 0; i < got.size(); i++) {
                raw.pubAck(got.get(i).packetId());
                if (got.size() < count) {
                    got.add(raw.nextPublish(WAIT));
                }
            }
            assertEquals(IntStream.rangeClosed(1, count).boxed().toList(),
                    got.stream().map(p -> JsonCodec.tree(p.payload()).path("seq").asInt()).toList());
            awaitTrue(() -> state.inFlightCount() == 0 && state.queuedCount() == 0);
        }
    }

    @Test
    void anIdleConnectionSharesItsReadBufferSizerAndKeepsOnlyTheKeepAliveTimerOfVertxMqttsKeepAliveHandlers()
            throws Exception {
        try (TestDevice display = TestDevice.connect(uri(), "hall-1", "demo", "hall-pipeline", true, 60)) {
            display.subscribe(CALLS);
            NetSocketInternal socket = (NetSocketInternal) MqttListener.socketOf(onlySession().endpoint());
            ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
            assertSame(LeanPipeline.READS, socket.channelHandlerContext().channel().config().getRecvByteBufAllocator());
            assertTrue(pipeline.get("idle") instanceof IdleStateHandler, "the keep-alive timer stays");
            assertNull(pipeline.get("keepAliveHandler"), "Vert.x's handler closes on the timer's event itself");
        }
    }

    @Test
    void aClientSilentForLongerThanItsKeepAliveIsDisconnectedAndItsDisplayIsOffline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            MqttBytes.string(body, "MQTT");
            body.write(4); // 3.1.1
            body.write(0x80 | 0x40 | 0x02); // user name, password, clean session
            body.write(0);
            body.write(1); // keep alive: 1 s, so the gateway gives up after 2 s of silence
            MqttBytes.string(body, "hall-silent");
            MqttBytes.string(body, "hall-1");
            MqttBytes.string(body, "demo");
            socket.getOutputStream().write(MqttBytes.packet(0x10, body.toByteArray()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals(MqttBytes.CONNACK, MqttBytes.read(in).type());
            awaitTrue(() -> broker.connectedCount() == 1);
            // Silent from now on: no PINGREQ. The next read ends when the gateway closes the connection.
            assertEquals(-1, in.read(), "the gateway closed the silent connection");
            awaitTrue(() -> broker.connectedCount() == 0);
        }
    }

    private DeviceSession onlySession() throws InterruptedException {
        awaitTrue(() -> broker.sessions().size() == 1);
        return broker.sessions().iterator().next();
    }

    private void publishCall(int seq) {
        broker.publish(OutboundMessage.of(CALLS, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
                MqttQoS.AT_LEAST_ONCE, false));
    }

    private String uri() {
        return "tcp://127.0.0.1:" + port;
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
