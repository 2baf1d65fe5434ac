package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.gateway.counters.CounterDesk;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.ticketing.TicketDesk;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Topic;

/**
 * A coverage-guided fuzz target (Jazzer) for the MQTT inbound router, with the gateway's own handlers: whatever topic
 * and payload a connected device publishes (over MQTT 3.1.1 or 5, with or without a response topic), the router
 * answers on that device's own reply or errors topic with one bounded message carrying a stable code, or accepts it;
 * it never throws, never fails its future, and never answers {@code INTERNAL} (which would mean a handler threw).
 *
 * <p>The centre the device belongs to is not running here (as when the administration removes a centre while its
 * devices are still connected), so what reaches a queue is answered {@code UNKNOWN_CENTRE}: the queue's own rules
 * are the engine's randomised invariant tests' business. Saved inputs run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes (scripts/fuzz.sh).
 */
class InboundRouterJazzerFuzzTest {
    private static final String CENTRE = "FZ";
    /** An error reply repeats at most 200 characters of a topic and 500 of a detail: far below this. */
    private static final int MAX_REPLY_BYTES = 4096;
    private static final PasswordHash UNUSED = new PasswordHash.DemoPlainText("unused");
    private static final List<Device> DEVICES = List.of(
            new Device("kiosk-1", CENTRE, DeviceRole.KIOSK, null, UNUSED),
            new Device("counter-Q01", CENTRE, DeviceRole.COUNTER, "Q01", UNUSED),
            new Device("hall-1", CENTRE, DeviceRole.DISPLAY, null, UNUSED));

    @FuzzTest(maxDuration = "20s")
    void anyPublishIsAnsweredOnTheDevicesOwnTopicWithAStableCodeOrAcceptedAndNeverThrows(FuzzedDataProvider data) {
        Device device = DEVICES.get(data.consumeInt(0, DEVICES.size() - 1));
        boolean mqtt5 = data.consumeBoolean();
        String topic = topic(data, device);
        String responseTopic = mqtt5 && data.consumeBoolean() ? data.consumeString(80) : null;
        byte[] payload = data.consumeRemainingAsBytes();

        List<String[]> sent = new ArrayList<>();
        MqttBroker broker = new MqttBroker();
        AccessPolicy access = new AccessPolicy();
        DeviceSession session = new DeviceSession(endpoint(mqtt5, sent), immediateContext(), device);
        broker.attach(session, true, 0, 10);
        session.state().subscribe("#", MqttQoS.AT_MOST_ONCE);
        Centres none = new Centres(List.of());
        InboundRouter router = new InboundRouter(Map.of(
                Topic.TicketRequest.class, new TicketDesk(none),
                Topic.CounterCommands.class, new CounterDesk(none, null, null),
                Topic.DeviceStatus.class, new PresenceTracker(broker, Clock.systemUTC())), broker, access);
        MqttProperties properties = new MqttProperties();
        if (responseTopic != null) {
            properties.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value(), responseTopic));
        }

        Future<Optional<ErrorCode>> routed = router.route(session, MqttPublishMessage.create(1, MqttQoS.AT_LEAST_ONCE,
                false, false, topic, Buffer.buffer(payload), properties));

        assertTrue(routed.succeeded(), () -> "not answered at once, or failed: " + routed.cause());
        Optional<ErrorCode> refused = routed.result();
        assertNotEquals(Optional.of(ErrorCode.INTERNAL), refused, "a handler threw");
        for (String[] message : sent) {
            String to = message[0];
            assertTrue(to.equals(responseTopic) || to.startsWith("onedesk/v1/" + CENTRE + "/"),
                    "answered on someone else's topic: " + to);
            assertTrue(message[1].length() <= MAX_REPLY_BYTES, "an answer of " + message[1].length() + " bytes");
        }
        if (refused.isPresent()) {
            assertEquals(1, sent.size(), "a refusal is answered exactly once");
            JsonObject reply = new JsonObject(sent.get(0)[1]);
            assertEquals(refused.get().name(), reply.getJsonObject("error").getString("code"), reply.encode());
        }
    }

    /** Mostly the topics the device would use, so that payloads reach the decoders; sometimes anything at all. */
    private static String topic(FuzzedDataProvider data, Device device) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> new Topic.TicketRequest(CENTRE, device.id()).name();
            case 1 -> new Topic.CounterCommands(CENTRE, device.counter() == null ? "Q01" : device.counter()).name();
            case 2 -> new Topic.DeviceStatus(CENTRE, device.id()).name();
            case 3 -> "onedesk/v1/" + data.consumeString(40);
            default -> data.consumeString(300);
        };
    }

    /** A connected endpoint that records what is published to it; the router asks nothing else of it. */
    private static MqttEndpoint endpoint(boolean mqtt5, List<String[]> sent) {
        return (MqttEndpoint) Proxy.newProxyInstance(MqttEndpoint.class.getClassLoader(),
                new Class<?>[] {MqttEndpoint.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "clientIdentifier" -> "fuzz-client";
                    case "protocolVersion" -> mqtt5 ? (int) MqttVersion.MQTT_5.protocolLevel()
                            : (int) MqttVersion.MQTT_3_1_1.protocolLevel();
                    case "isConnected" -> true;
                    case "publish" -> {
                        sent.add(new String[] {(String) args[0],
                                ((Buffer) args[1]).toString(StandardCharsets.UTF_8)});
                        yield Future.succeededFuture(1);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fuzz endpoint";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Runs what is scheduled on it at once, so that everything the router sends is recorded before it returns. */
    private static Context immediateContext() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "runOnContext" -> {
                        @SuppressWarnings("unchecked")
                        Handler<Void> task = (Handler<Void>) args[0];
                        task.handle(null);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "immediate context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
