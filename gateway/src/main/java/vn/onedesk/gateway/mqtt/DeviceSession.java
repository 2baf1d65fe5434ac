package vn.onedesk.gateway.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import vn.onedesk.gateway.devices.Device;

/**
 * One connection of a device: its endpoint, the context the endpoint lives on, and the
 * {@link SessionState} it is attached to (which outlives it when the client asked for a persistent
 * session). The endpoint is written only on its own context, because the centres publish from theirs.
 */
public final class DeviceSession {
    private final MqttEndpoint endpoint;
    private final Context context;
    private final Device device;
    private volatile SessionState state;
    private Future<Void> acks = Future.succeededFuture();
    private volatile boolean closed;
    /** A {@link #flushSoon} is pending; on this connection's context only. */
    private boolean flushScheduled;

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

    /** Set once, by the store, before the connection is accepted. */
    void bind(SessionState state) {
        this.state = state;
    }

    SessionState state() {
        return state;
    }

    /** On this connection's context only. */
    boolean isWritable() {
        return !closed && endpoint.isConnected();
    }

    /**
     * Writes one PUBLISH, not flushed (see {@link #flush}); on this connection's context only, by its
     * {@link SessionState}. The packet is the message's shared encoding for this kind of session
     * ({@link PublishFrames}) with this session's packet id and DUP flag.
     */
    void write(OutboundMessage message, MqttQoS qos, boolean retainFlag, int packetId, boolean dup, SharedFrames shared) {
        NetSocketInternal socket = EndpointChannel.socketOf(endpoint);
        if (socket == null) { // another vertx-mqtt: encoded and flushed per session, as before
            MqttProperties properties = isMqtt5() ? message.properties() : MqttProperties.NO_PROPERTIES;
            endpoint.publish(message.topic(), Buffer.buffer(message.payload()), qos, dup, retainFlag, packetId,
                    properties);
            return;
        }
        shared.write(socket.channelHandlerContext(), message.frames().get(isMqtt5(), qos, retainFlag), packetId, dup);
    }

    /** Sends what {@link #write} wrote: one system call for all of them. On this connection's context only. */
    void flush() {
        ChannelHandlerContext channel = EndpointChannel.of(endpoint);
        if (channel != null) {
            channel.flush();
        }
    }

    /**
     * Flushes once the event loop has handled what it read this round, however many writes ask: the PUBACKs of
     * one read that each free a place in the window then cost one system call, not one each (Vert.x does the
     * same for its own writes during a read). On this connection's context only.
     */
    void flushSoon() {
        ChannelHandlerContext channel = EndpointChannel.of(endpoint);
        if (channel != null && !flushScheduled) {
            flushScheduled = true;
            channel.executor().execute(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
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
