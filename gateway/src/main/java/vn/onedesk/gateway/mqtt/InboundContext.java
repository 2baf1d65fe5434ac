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
 */
public final class InboundContext {
    private final DeviceSession session;
    private final MqttPublishMessage message;
    private final Topic topic;
    private final MqttBroker broker;
    private final AccessPolicy access;

    InboundContext(DeviceSession session, MqttPublishMessage message, Topic topic, MqttBroker broker,
                   AccessPolicy access) {
        this.session = session;
        this.message = message;
        this.topic = topic;
        this.broker = broker;
        this.access = access;
    }

    public Device device() {
        return session.device();
    }

    public Topic topic() {
        return topic;
    }

    public byte[] payload() {
        return message.payload().getBytes();
    }

    /** Publishes the reply on the MQTT 5 response topic if one was given and allowed, else on {@code replyTopic}. */
    public void reply(Topic replyTopic, byte[] payload) {
        String target = replyTopic.name();
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (session.isMqtt5()) {
            MqttProperties.MqttProperty<?> responseTopic =
                    message.properties().getProperty(MqttProperties.MqttPropertyType.RESPONSE_TOPIC.value());
            if (responseTopic != null && access.mayReceive(device(), (String) responseTopic.value())) {
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
