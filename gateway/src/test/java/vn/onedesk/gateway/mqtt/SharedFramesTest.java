package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bytes each session gets are exactly what {@code MqttEndpoint.publish} would have written for it (Netty's
 * encoder, with that session's packet id and DUP flag), the payload is one buffer for all of them, and every
 * reference to it is released once the sessions' writes are done and the delivery task closed its scope. The
 * writes go through an {@link EmbeddedChannel} that has Netty's {@link MqttEncoder} in its pipeline, as a
 * connection's channel has, so this also shows that the encoder lets encoded bytes through.
 */
class SharedFramesTest {
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    @ParameterizedTest(name = "MQTT 5 {0}, QoS {1}, retain {2}, {3} payload bytes")
    @CsvSource({"false,1,false,300", "true,1,false,300", "false,0,false,300", "true,0,true,20000",
            "true,1,true,0", "false,1,false,20000"})
    void eachSessionGetsTheEncoderBytesWithItsOwnPacketIdAndDupAndTheSharedPayloadIsReleasedAtTheEnd(
            boolean mqtt5, int qosValue, boolean retain, int size) {
        MqttQoS qos = MqttQoS.valueOf(qosValue);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 7);
        }
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.MqttPropertyType.CORRELATION_DATA.value(),
                "req-7".getBytes(StandardCharsets.UTF_8)));
        OutboundMessage message = new OutboundMessage("onedesk/hcc-tinh/calls", payload, qos, false, properties);

        List<EmbeddedChannel> sessions = new ArrayList<>();
        List<ByteBuf> shared = new ArrayList<>();
        int[] ids = {1, 2, 300, 65_535};
        try (SharedFrames scope = SharedFrames.open()) {
            for (int s = 0; s < 8; s++) {
                EmbeddedChannel channel = channel(mqtt5);
                sessions.add(channel);
                scope.write(channel.pipeline().lastContext(), message.frames().get(mqtt5, qos, retain),
                        ids[s % ids.length], s % 2 == 1);
                channel.pipeline().lastContext().flush(); // as the delivery task flushes each session's channel
            }
        }
        assertEquals(1, message.frames().encodings(), "one encoding for eight sessions of one kind");
        // What each session's channel was given, as it would go to its socket.
        List<byte[]> got = new ArrayList<>();
        List<ByteBuf> written = new ArrayList<>();
        for (EmbeddedChannel session : sessions) {
            byte[] bytes = new byte[0];
            ByteBuf last = null;
            for (ByteBuf b; (b = session.readOutbound()) != null; last = b) {
                byte[] joined = new byte[bytes.length + b.readableBytes()];
                System.arraycopy(bytes, 0, joined, 0, bytes.length);
                b.getBytes(b.readerIndex(), joined, bytes.length, b.readableBytes());
                bytes = joined;
                written.add(b);
            }
            got.add(bytes);
            if (last != null && size > 0) {
                shared.add(root(last));
            }
        }
        if (size > 0) {
            ByteBuf first = shared.get(0);
            shared.forEach(b -> assertSame(first, b, "one payload buffer for every session"));
            assertEquals(sessions.size(), first.refCnt(), "one reference per write still to send; the scope's is gone");
            written.forEach(ByteBuf::release); // the channels have sent them
            assertEquals(0, first.refCnt(), "freed once the last session's write is sent");
        } else {
            written.forEach(ByteBuf::release);
        }
        for (int s = 0; s < sessions.size(); s++) {
            int id = qos == MqttQoS.AT_MOST_ONCE ? -1 : ids[s % ids.length];
            boolean dup = qos != MqttQoS.AT_MOST_ONCE && s % 2 == 1;
            assertArrayEquals(encoded(mqtt5, message, qos, retain, id, dup), got.get(s), "session " + s);
        }
        sessions.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** The buffer a duplicate (or a leak detector's wrapper of one) shows. */
    private static ByteBuf root(ByteBuf b) {
        while (b.unwrap() != null) {
            b = b.unwrap();
        }
        return b;
    }

    private static EmbeddedChannel channel(boolean mqtt5) {
        // A handler behind the encoder, whose context the frames are written on, as Vert.x's is on a connection.
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE, new ChannelDuplexHandler());
        channel.attr(VERSION).set(mqtt5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
        return channel;
    }

    /** What vertx-mqtt writes for {@code MqttEndpoint.publish} with these arguments: Netty's encoding of it. */
    private static byte[] encoded(boolean mqtt5, OutboundMessage m, MqttQoS qos, boolean retain, int id, boolean dup) {
        EmbeddedChannel channel = channel(mqtt5);
        channel.writeOutbound(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, qos, retain, 0),
                new MqttPublishVariableHeader(m.topic(), id, mqtt5 ? m.properties() : MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(m.payload())));
        ByteBuf b = channel.readOutbound();
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        channel.finishAndReleaseAll();
        return bytes;
    }
}
