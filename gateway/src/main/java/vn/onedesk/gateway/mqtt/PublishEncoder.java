package vn.onedesk.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/**
 * Encodes a PUBLISH with Netty's own {@link MqttEncoder}, the one vertx-mqtt uses, so the bytes are exactly what
 * {@code MqttEndpoint.publish} would have written (properties included), but once per message and kind of
 * session instead of once per session. The encoder reads the protocol version from its channel, so there is one
 * small {@link EmbeddedChannel} per version and thread (never shared between threads).
 */
final class PublishEncoder {
    /** Netty's MqttCodecUtil keeps the version under this name; {@code valueOf} returns that same key. */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");
    private static final ThreadLocal<EmbeddedChannel> V311 = ThreadLocal.withInitial(() -> channel(MqttVersion.MQTT_3_1_1));
    private static final ThreadLocal<EmbeddedChannel> V5 = ThreadLocal.withInitial(() -> channel(MqttVersion.MQTT_5));
    /** The packet id written into a QoS 1 frame; each session writes its own over it. */
    private static final int PLACEHOLDER_ID = 1;

    private PublishEncoder() {
    }

    private static EmbeddedChannel channel(MqttVersion version) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(version);
        return channel;
    }

    static EncodedPublish encode(OutboundMessage message, boolean mqtt5, MqttQoS qos, boolean retainFlag) {
        boolean withId = qos != MqttQoS.AT_MOST_ONCE;
        MqttProperties properties = mqtt5 ? message.properties() : MqttProperties.NO_PROPERTIES;
        MqttPublishMessage publish = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, retainFlag, 0),
                new MqttPublishVariableHeader(message.topic(), withId ? PLACEHOLDER_ID : -1, properties),
                Unpooled.wrappedBuffer(message.payload()));
        EmbeddedChannel channel = (mqtt5 ? V5 : V311).get();
        channel.writeOutbound(publish);
        ByteBuf encoded = channel.readOutbound();
        try {
            if (channel.outboundMessages().peek() != null) {
                throw new IllegalStateException("MqttEncoder wrote a PUBLISH in more than one buffer");
            }
            byte[] frame = new byte[encoded.readableBytes()];
            encoded.getBytes(encoded.readerIndex(), frame);
            if (!withId) {
                return new EncodedPublish(frame, -1, 0);
            }
            int i = 1;
            while ((frame[i] & 0x80) != 0) { // the Remaining Length, 1 to 4 bytes
                i++;
            }
            int topicLength = ((frame[i + 1] & 0xff) << 8) | (frame[i + 2] & 0xff);
            int packetIdOffset = i + 3 + topicLength;
            return new EncodedPublish(frame, packetIdOffset, packetIdOffset + 2);
        } finally {
            encoded.release();
        }
    }
}
