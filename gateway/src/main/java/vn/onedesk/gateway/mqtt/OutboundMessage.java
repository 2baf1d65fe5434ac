package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Objects;

/**
 * A message the gateway publishes. {@code properties} carries MQTT 5 extras (correlation data);
 * 3.1.1 sessions receive the message without them.
 */
public record OutboundMessage(String topic, byte[] payload, MqttQoS qos, boolean retain, MqttProperties properties) {
    public OutboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(qos, "qos");
        properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
    }

    public static OutboundMessage of(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        return new OutboundMessage(topic, payload, qos, retain, MqttProperties.NO_PROPERTIES);
    }
}
