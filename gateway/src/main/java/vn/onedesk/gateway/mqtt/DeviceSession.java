package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.gateway.devices.Device;

/**
 * One connected device: its endpoint, the context the endpoint lives on, and its subscriptions.
 * Everything written to the endpoint goes through its own context, because the centres publish
 * from theirs.
 */
public final class DeviceSession {
    private final MqttEndpoint endpoint;
    private final Context context;
    private final Device device;
    private final Map<String, MqttQoS> subscriptions = new ConcurrentHashMap<>();
    private Future<Void> acks = Future.succeededFuture();
    private volatile boolean closed;

    DeviceSession(MqttEndpoint endpoint, Context context, Device device) {
        this.endpoint = endpoint;
        this.context = context;
        this.device = device;
    }

    public Device device() {
        return device;
    }

    public String clientId() {
        return endpoint.clientIdentifier();
    }

    public boolean isMqtt5() {
        return endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel();
    }

    MqttEndpoint endpoint() {
        return endpoint;
    }

    Context context() {
        return context;
    }

    void subscribe(String filter, MqttQoS qos) {
        subscriptions.put(filter, qos);
    }

    void unsubscribe(String filter) {
        subscriptions.remove(filter);
    }

    /** The QoS at which this session wants the topic, or null when no subscription matches. */
    MqttQoS wants(String topic) {
        MqttQoS best = null;
        for (Map.Entry<String, MqttQoS> s : subscriptions.entrySet()) {
            if (TopicFilters.matches(s.getKey(), topic) && (best == null || s.getValue().value() > best.value())) {
                best = s.getValue();
            }
        }
        return best;
    }

    void deliver(OutboundMessage message, MqttQoS qos, boolean retainFlag) {
        if (closed) {
            return;
        }
        context.runOnContext(v -> {
            if (!endpoint.isConnected()) {
                return;
            }
            MqttProperties properties = isMqtt5() ? message.properties() : MqttProperties.NO_PROPERTIES;
            endpoint.publish(message.topic(), Buffer.buffer(message.payload()), qos, false, retainFlag,
                    qos == MqttQoS.AT_MOST_ONCE ? 0 : nextMessageId(), properties);
        });
    }

    private int messageId;

    private int nextMessageId() {
        messageId = messageId % 65535 + 1;
        return messageId;
    }

    /**
     * Runs the acknowledgement once {@code processing} is done, never before the acknowledgements of
     * messages received earlier: MQTT keeps acknowledgements in arrival order.
     */
    void acknowledgeInOrder(Future<?> processing, Runnable acknowledge) {
        acks = acks.transform(ignored -> processing.transform(done -> {
            if (!closed && endpoint.isConnected()) {
                acknowledge.run();
            }
            return Future.<Void>succeededFuture();
        }));
    }

    void markClosed() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
