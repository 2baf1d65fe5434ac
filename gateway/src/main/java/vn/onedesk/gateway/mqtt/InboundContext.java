package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.MqttPublishMessage;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.protocol.Topic;

/**
 * One message received from a device, with what a handler needs to answer it: who sent it, on which
 * topic, and where the answer goes. MQTT 5 clients may name a response topic and correlation data;
 * the gateway honours the response topic only if it is one of the device's own topics that no other
 * device reads ({@link AccessPolicy#mayReceive}), so it cannot be used to publish into other devices' topics.
 *
 * <p>In a cluster a message for a centre another node writes is handled there: that node's context collects the
 * replies ({@link #forwarded}) and the device's own node publishes them ({@link #replyOn}).
 */
public final class InboundContext {
    private final Device device;
    private final Topic topic;
    private final byte[] payload;
    private final Replies replies;

    /** Where a handler's replies go: the topic it names for them, and the reply. */
    @FunctionalInterface
    public interface Replies {
        void reply(String topic, byte[] payload);
    }

    InboundContext(DeviceSession session, MqttPublishMessage message, Topic topic, MqttBroker broker,
                   AccessPolicy access) {
        this(session.device(), topic, message.payload().getBytes(),
                (target, payload) -> publish(session, message, broker, access, target, payload));
    }

    private InboundContext(Device device, Topic topic, byte[] payload, Replies replies) {
        this.device = device;
        this.topic = topic;
        this.payload = payload;
        this.replies = replies;
    }

    /** A message another node received from its device, handled here; the replies go back to that node. */
    public static InboundContext forwarded(Device device, Topic topic, byte[] payload, Replies replies) {
        return new InboundContext(device, topic, payload, replies);
    }

    public Device device() {
        return device;
    }

    public Topic topic() {
        return topic;
    }

    /** The message's bytes, as received: not to be modified. */
    public byte[] payload() {
        return payload;
    }

    /** Publishes the reply on the MQTT 5 response topic if one was given and allowed, else on {@code replyTopic}. */
    public void reply(Topic replyTopic, byte[] payload) {
        replies.reply(replyTopic.name(), payload);
    }

    /** A reply the centre's node made, on the topic it named. */
    public void replyOn(String replyTopic, byte[] payload) {
        replies.reply(replyTopic, payload);
    }

    private static void publish(DeviceSession session, MqttPublishMessage message, MqttBroker broker,
                                AccessPolicy access, String replyTopic, byte[] payload) {
        String target = replyTopic;
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (session.isMqtt5()) {
            MqttProperties.MqttProperty<?> responseTopic =
                    message.properties().getProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value());
            if (responseTopic != null && access.mayReceive(session.device(), (String) responseTopic.value())) {
                target = (String) responseTopic.value();
            }
            MqttProperties.MqttProperty<?> correlation =
                    message.properties().getProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value());
            if (correlation != null) {
                properties = new MqttProperties();
                properties.add(new MqttProperties.BinaryProperty(
                        MqttProperties.MqttPropertyType.CORRELATION_DATA.value(), (byte[]) correlation.value()));
            }
        }
        broker.publish(new OutboundMessage(target, payload, MqttQoS.AT_LEAST_ONCE, false, properties));
    }
}
