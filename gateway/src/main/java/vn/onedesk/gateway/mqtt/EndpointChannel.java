package vn.onedesk.gateway.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * The Netty channel under a vertx-mqtt endpoint, to write already encoded PUBLISH packets to it.
 *
 * <p>Why: {@code MqttEndpoint.publish} takes a topic and a payload and encodes a whole new packet per call (three
 * copies of the payload and four objects on the way), and flushes each one. vertx-mqtt 5.0.8 has no way to write
 * bytes, nor to hold a flush, and keeps its socket (a {@link NetSocketInternal}) in a private field. Netty's
 * {@code MqttEncoder} is a {@code MessageToMessageEncoder<MqttMessage>}: a {@code ByteBuf} passes through it
 * unchanged (checked with javap on netty-codec-mqtt 4.2.10). So the PUBLISH is written, already encoded, on the
 * socket's own {@link ChannelHandlerContext}, the one Vert.x writes on, and so through the same handlers (TLS
 * included). Only ever on the connection's event loop, by {@link DeviceSession}.
 *
 * <p>Vert.x queues its own writes while the channel is not writable and these do not wait in that queue, so a
 * SUBACK or PUBACK may follow a PUBLISH written after it: MQTT allows both (3.1.1 §3.8.4), and the CONNACK is
 * always written before any PUBLISH of the session. If the field is not there (another vertx-mqtt), {@link #of}
 * answers null and {@link DeviceSession} publishes through the endpoint as before.
 */
final class EndpointChannel {
    private static final Logger LOG = Logger.getLogger(EndpointChannel.class.getName());
    private static final Field SOCKET = socketField();

    private EndpointChannel() {
    }

    /** The endpoint's channel context, or null if vertx-mqtt does not keep it where 5.0.8 does. */
    static ChannelHandlerContext of(MqttEndpoint endpoint) {
        NetSocketInternal socket = socketOf(endpoint);
        return socket == null ? null : socket.channelHandlerContext();
    }

    /** The endpoint's socket, to write bytes through Vert.x (which then flushes as it does its own writes). */
    static NetSocketInternal socketOf(MqttEndpoint endpoint) {
        if (SOCKET == null) {
            return null;
        }
        try {
            return SOCKET.get(endpoint) instanceof NetSocketInternal socket ? socket : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field socketField() {
        try {
            Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("vertx-mqtt's endpoint socket is not reachable (" + e + "): every PUBLISH is encoded per"
                    + " session and flushed on its own");
            return null;
        }
    }
}
