package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Objects;

/**
 * A message the gateway publishes. {@code properties} carries MQTT 5 extras (correlation data);
 * 3.1.1 sessions receive the message without them.
 *
 * <p>Not a record: besides its five values it carries its own wire encodings ({@link PublishFrames}), built the
 * first time a session of each kind needs one and then shared by every session it is delivered to, queued for or
 * sent again to. A call to 1,000 displays is encoded once instead of 1,000 times.
 */
public final class OutboundMessage {
    private final String topic;
    private final byte[] payload;
    private final MqttQoS qos;
    private final boolean retain;
    private final MqttProperties properties;
    private final PublishFrames frames = new PublishFrames(this);

    public OutboundMessage(String topic, byte[] payload, MqttQoS qos, boolean retain, MqttProperties properties) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.qos = Objects.requireNonNull(qos, "qos");
        this.retain = retain;
        this.properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
    }

    public static OutboundMessage of(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        return new OutboundMessage(topic, payload, qos, retain, MqttProperties.NO_PROPERTIES);
    }

    public String topic() {
        return topic;
    }

    /** The payload as given: never modified, shared with the encodings. */
    public byte[] payload() {
        return payload;
    }

    public MqttQoS qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public MqttProperties properties() {
        return properties;
    }

    PublishFrames frames() {
        return frames;
    }

    @Override
    public String toString() {
        return "OutboundMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos.value()
                + ", retain=" + retain + "]";
    }
}
