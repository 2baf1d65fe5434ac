package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.devices.PresenceTracker;
import vn.onedesk.monitoring.ConnectRefusal;
import vn.onedesk.monitoring.MqttMetrics;
import vn.onedesk.monitoring.NoopMetrics;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * The MQTT server devices connect to (3.1.1 and 5): authenticates each CONNECT against the device
 * registry, keeps its subscriptions within what its role allows, routes what it publishes, and
 * acknowledges a QoS 1/2 message only after the message was handled — for a ticket request, after
 * the ticket is committed — so a kiosk that loses its connection in between sends it again.
 */
public final class MqttListener {
    private static final Logger LOG = Logger.getLogger(MqttListener.class.getName());
    /** Transport limit; anything above JsonCodec's limit but below this still gets an error reply. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final DeviceRegistry devices;
    private final AccessPolicy access;
    private final MqttBroker broker;
    private final InboundRouter router;
    private final PresenceTracker presence;
    private final MqttMetrics metrics;
    private MqttServer server;

    public MqttListener(Vertx vertx, DeviceRegistry devices, AccessPolicy access, MqttBroker broker,
                        InboundRouter router, PresenceTracker presence) {
        this(vertx, devices, access, broker, router, presence, NoopMetrics.INSTANCE);
    }

    public MqttListener(Vertx vertx, DeviceRegistry devices, AccessPolicy access, MqttBroker broker,
                        InboundRouter router, PresenceTracker presence, MqttMetrics metrics) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.devices = devices;
        this.access = access;
        this.broker = broker;
        this.router = router;
        this.presence = presence;
    }

    /** Starts listening; succeeds with the bound port (useful when asked for port 0). */
    public Future<Integer> listen(String host, int port) {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxClientIdLength(128)
                .setTimeoutOnConnect(30);
        server = MqttServer.create(vertx, options).endpointHandler(this::connected);
        return server.listen().map(MqttServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void connected(MqttEndpoint endpoint) {
        Context context = vertx.getOrCreateContext();
        boolean mqtt5 = endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel();
        MqttAuth auth = endpoint.auth();
        if (auth == null || auth.getUsername() == null) {
            metrics.connectRefused(ConnectRefusal.BAD_CREDENTIALS);
            endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.BAD_CREDENTIALS, mqtt5));
            return;
        }
        devices.authenticate(vertx, auth.getUsername(), auth.getPassword()).onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                metrics.connectRefused(ConnectRefusal.SERVER_UNAVAILABLE);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.SERVER_UNAVAILABLE, mqtt5));
            } else if (ar.result().isEmpty()) {
                LOG.fine(() -> "refused CONNECT from " + endpoint.remoteAddress() + " as " + auth.getUsername());
                metrics.connectRefused(ConnectRefusal.BAD_CREDENTIALS);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.BAD_CREDENTIALS, mqtt5));
            } else {
                accept(endpoint, context, ar.result().get());
            }
        }));
    }

    private void accept(MqttEndpoint endpoint, Context context, Device device) {
        DeviceSession session = new DeviceSession(endpoint, context, device);
        boolean[] cleanDisconnect = {false};
        endpoint.publishAutoAck(false);
        endpoint.subscribeHandler(subscribe -> subscribe(session, subscribe));
        endpoint.unsubscribeHandler(unsubscribe -> {
            unsubscribe.topics().forEach(session::unsubscribe);
            if (session.isMqtt5()) {
                endpoint.unsubscribeAcknowledge(unsubscribe.messageId(),
                        unsubscribe.topics().stream().map(t -> MqttUnsubAckReasonCode.SUCCESS).toList(),
                        MqttProperties.NO_PROPERTIES);
            } else {
                endpoint.unsubscribeAcknowledge(unsubscribe.messageId());
            }
        });
        endpoint.publishHandler(message -> received(session, message));
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.disconnectHandler(v -> cleanDisconnect[0] = true);
        // A keep-alive timeout closes the socket without a DISCONNECT: only the close handler sees every end.
        endpoint.closeHandler(v -> closed(session, cleanDisconnect[0]));
        endpoint.exceptionHandler(e -> LOG.fine(() -> device.id() + ": " + e.getMessage()));

        DeviceSession previous = broker.register(session);
        if (previous != null) {
            LOG.info(device.id() + " connected again as " + session.clientId() + "; closing its previous connection");
            previous.markClosed();
            previous.context().runOnContext(x -> previous.endpoint().close());
        }
        endpoint.accept(false);
        presence.online(device);
    }

    private void received(DeviceSession session, MqttPublishMessage message) {
        Future<Optional<ErrorCode>> handled = router.route(session, message);
        MqttTraffic.received(metrics, message.topicName(), handled);
        MqttEndpoint endpoint = session.endpoint();
        if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            session.acknowledgeInOrder(handled, () -> {
                if (session.isMqtt5()) {
                    endpoint.publishAcknowledge(message.messageId(),
                            ReasonCodes.pubAck(handled.result() == null ? Optional.empty() : handled.result()),
                            MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishAcknowledge(message.messageId());
                }
            });
        } else if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
            session.acknowledgeInOrder(handled, () -> endpoint.publishReceived(message.messageId()));
        }
    }

    private void subscribe(DeviceSession session, MqttSubscribeMessage subscribe) {
        Device device = session.device();
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        List<Runnable> afterAck = new ArrayList<>();
        for (MqttTopicSubscription s : subscribe.topicSubscriptions()) {
            String filter = s.topicName();
            boolean allowed = access.maySubscribe(device, filter);
            // Outbound QoS 2 is not offered: every OneDesk message is idempotent by seq or requestId.
            MqttQoS granted = s.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            codes.add(ReasonCodes.subAck(allowed, granted, session.isMqtt5()));
            if (allowed) {
                session.subscribe(filter, granted);
                afterAck.add(() -> broker.deliverRetained(session, filter, granted));
            } else {
                afterAck.add(() -> router.publishDeviceError(device, filter, null, ProtocolError.of(
                        ErrorCode.NOT_AUTHORISED, "device " + device.id() + " may not subscribe to " + filter)));
            }
        }
        session.endpoint().subscribeAcknowledge(subscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
        afterAck.forEach(Runnable::run);
    }

    private void closed(DeviceSession session, boolean cleanDisconnect) {
        session.markClosed();
        broker.unregister(session);
        Device device = session.device();
        if (broker.sessions().stream().anyMatch(s -> s.device().id().equals(device.id()))) {
            return;
        }
        var will = session.endpoint().will();
        Topic ownStatus = new Topic.DeviceStatus(device.centre(), device.id());
        boolean ownWill = will != null && will.isWillFlag()
                && Topics.parse(will.getWillTopic()).filter(t -> t.equals(ownStatus)).isPresent();
        if (!cleanDisconnect && ownWill) {
            presence.lastWill(device, will.getWillMessage() == null ? new byte[0] : will.getWillMessage().getBytes());
        } else {
            presence.offline(device);
        }
    }
}
