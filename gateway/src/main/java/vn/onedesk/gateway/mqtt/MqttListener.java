package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.config.PasswordCheckSettings;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.gateway.tls.ServerTls;
import vn.onedesk.gateway.config.ConnectionLimits;
import vn.onedesk.gateway.net.ConnectionGate;
import vn.onedesk.gateway.net.QuietLog;
import vn.onedesk.monitoring.ConnectRefusal;
import vn.onedesk.monitoring.MqttMetrics;
import vn.onedesk.monitoring.NoopMetrics;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * The MQTT server devices connect to (3.1.1 and 5): authenticates each CONNECT against the device
 * registry, keeps its subscriptions within what its role allows, routes what it publishes, and
 * acknowledges a QoS 1/2 message only after the message was handled — for a ticket request, after
 * the ticket is committed — so a kiosk that loses its connection in between sends it again.
 *
 * <p>Sessions persist as MQTT says: with clean session (3.1.1) or clean start (5) false, a client's
 * subscriptions and undelivered QoS 1 messages wait for it, within {@link SessionLimits}, and on its return
 * the messages it did not acknowledge come again with DUP set, then the ones it missed, in order.
 */
public final class MqttListener {
    private static final Logger LOG = Logger.getLogger(MqttListener.class.getName());
    /**
     * The endpoint's socket, to hold its input while the password is checked. vertx-mqtt 5.0.8 does not expose it
     * on the server side ({@code MqttClient#pause} came in 5.1); {@code PipelinedConnectTest} fails if this goes.
     */
    private static final Field ENDPOINT_SOCKET = endpointSocketField();
    /** What vertx-mqtt throws for a packet before CONNECT, or before the CONNECT was accepted. */
    private static final String NOT_CONNECTED = "Received an MQTT packet from a not connected client";
    /** Transport limit; anything above JsonCodec's limit but below this still gets an error reply. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final DeviceRegistry devices;
    private final AccessPolicy access;
    private final MqttBroker broker;
    private final InboundRouter router;
    private final DevicePresence presence;
    private final MqttMetrics metrics;
    private final DeviceLogins logins;
    /** Which browser a connection from the WebSocket bridge carries: its logins count against that address. */
    private final BridgedPeers peers;
    /** The password-check pool this listener made for itself, to close with it; null when the gateway's is used. */
    private final PasswordChecks ownChecks;
    /** Lines any client can cause, before or without a login: one per kind per interval. */
    private final QuietLog quiet = new QuietLog(LOG);
    /**
     * Closes a connection that sent a packet only a server sends (it passes Vert.x and would reach Netty's tail as a
     * warning with a stack trace). One instance for every connection: it keeps no state of its own.
     */
    private final ChannelInboundHandlerAdapter misbehaviour = new Misbehaviour();
    /** The plain listener and the TLS one, each where configured. */
    private final List<MqttServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** TLS, once a TLS listener runs: which device roles must present a client certificate. */
    private volatile ServerTls tls;
    private long sweepTimer = -1;
    /** Caps on open connections, checked as each is accepted; none until {@link #connectionLimits} is called. */
    private ConnectionGate gate;
    private java.time.Duration connectTimeout = ConnectionLimits.DEFAULTS.mqttConnectTimeout();

    public MqttListener(Vertx vertx, DeviceRegistry devices, AccessPolicy access, MqttBroker broker,
                        InboundRouter router, DevicePresence presence) {
        this(vertx, devices, access, broker, router, presence, NoopMetrics.INSTANCE);
    }

    /** With a password-check pool of its own and the default throttle (for tests that build a listener alone). */
    public MqttListener(Vertx vertx, DeviceRegistry devices, AccessPolicy access, MqttBroker broker,
                        InboundRouter router, DevicePresence presence, MqttMetrics metrics) {
        this(vertx, devices, access, broker, router, presence, metrics, null, new BridgedPeers());
    }

    /**
     * @param logins how CONNECTs are authenticated: the throttle and the gateway's bounded pool of password checks
     * @param peers  what the WebSocket bridge notes of the browsers it carries
     */
    public MqttListener(Vertx vertx, DeviceRegistry devices, AccessPolicy access, MqttBroker broker,
                        InboundRouter router, DevicePresence presence, MqttMetrics metrics, DeviceLogins logins,
                        BridgedPeers peers) {
        if (logins == null) {
            this.ownChecks = new PasswordChecks(vertx, PasswordCheckSettings.defaultThreads(),
                    PasswordCheckSettings.DEFAULT_QUEUE);
            logins = new DeviceLogins(devices, ownChecks, new LoginThrottle(), metrics, Clock.systemUTC());
        } else {
            this.ownChecks = null;
        }
        this.logins = logins;
        this.peers = peers;
        this.metrics = metrics;
        this.vertx = vertx;
        this.devices = devices;
        this.access = access;
        this.broker = broker;
        this.router = router;
        this.presence = presence;
        devices.onRevoked(this::disconnect);
    }

    /**
     * Closes every connection of this device, on the connection's own context: the administration disabled it,
     * removed it or gave it a new password, so the credentials it connected with are no longer good. Its next
     * CONNECT is checked against what the registry holds now. Callable from any thread.
     */
    void disconnect(String deviceId) {
        for (DeviceSession session : broker.sessions()) {
            if (session.device().id().equals(deviceId)) {
                session.context().runOnContext(v -> {
                    if (!session.isClosed()) {
                        LOG.info(() -> "device " + deviceId + " disconnected: the administration changed or revoked"
                                + " its access");
                        session.endpoint().close();
                    }
                });
            }
        }
    }

    /**
     * Caps the open connections (a connection over a cap is closed as it is accepted, before vertx-mqtt reads or
     * allocates anything for it) and closes a connection that has not sent its CONNECT within {@code connectTimeout}.
     * Call before {@link #listen}.
     */
    private boolean proxyProtocol;

    public MqttListener connectionLimits(ConnectionGate connections, java.time.Duration connectTimeout) {
        this.gate = connections;
        this.connectTimeout = connectTimeout;
        return this;
    }

    /**
     * Every connection starts with HAProxy's PROXY protocol header (v1 or v2), and the device's address is the one
     * it names: for the caps and throttles by address behind a load balancer. A connection without it is closed.
     */
    public MqttListener proxyProtocol(boolean on) {
        this.proxyProtocol = on;
        return this;
    }

    /** Starts listening; succeeds with the bound port (useful when asked for port 0). */
    public Future<Integer> listen(String host, int port) {
        return listen(host, port, null);
    }

    /**
     * Starts a listener, over TLS when {@code secure} is given (MQTT over TLS, 8883: client certificates requested
     * when a client CA is configured); succeeds with the bound port. The plain and the TLS listener share every
     * session, rule and handler.
     */
    public Future<Integer> listen(String host, int port, ServerTls secure) {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxClientIdLength(128)
                .setTimeoutOnConnect((int) Math.max(1, connectTimeout.toSeconds()));
        options.setUseProxyProtocol(proxyProtocol);
        if (secure != null) {
            secure.secure(options, true);
            tls = secure;
        }
        MqttServer server = onEveryConnection(MqttServer.create(vertx, options), this::opened)
                .endpointHandler(this::connected)
                .exceptionHandler(e -> quiet.log(Level.INFO, "refused", () -> "MQTT connection refused: "
                        + e.getMessage()));
        servers.add(server);
        // A timer, not a thread: expired sessions are freed on an event loop, a bounded walk over the offline ones.
        sweepTimer = sweepTimer >= 0 ? sweepTimer : vertx.setPeriodic(broker.limits().sweepInterval().toMillis(), id -> {
            int freed = broker.sweepExpiredSessions();
            if (freed > 0) {
                LOG.fine(() -> "freed " + freed + " expired MQTT sessions");
            }
        });
        // The server listens from a context of its own, the one every connection then runs on, so that what a
        // client's bytes make vertx-mqtt throw (a packet before CONNECT) reaches a handler of ours, not the
        // context's default, which logs a stack trace per packet.
        ContextInternal listening = ((VertxInternal) vertx).createEventLoopContext();
        listening.exceptionHandler(this::unhandled);
        Promise<Integer> bound = ((VertxInternal) vertx).getOrCreateContext().promise(); // answered where asked
        listening.runOnContext(v -> server.listen().map(MqttServer::actualPort).onComplete(bound));
        return bound.future();
    }

    /**
     * A new TCP connection, before any of its bytes is read: what a client gets wrong before (or without) logging
     * in closes its connection with one quiet line, never a line or a stack trace per packet. A malformed packet
     * reaches the socket's exception handler (vertx-mqtt replaces it with the endpoint's once a CONNECT is read); a
     * packet that only a server sends is passed down the pipeline, past Vert.x, where Netty would log it as a
     * warning with a stack trace and leave the connection open.
     */
    private boolean opened(NetSocket socket) {
        // the socket's address, not the channel's peer: behind a PROXY protocol load balancer, the device's own
        if (gate != null && socket instanceof NetSocketInternal counted
                && !gate.admit(counted.channelHandlerContext().channel(), clientAddress(socket))) {
            counted.channelHandlerContext().channel().close(); // over a cap: closed before vertx-mqtt sees it
            return false;
        }
        socket.exceptionHandler(e -> {
            // A malformed packet, or the network (a reset) before a CONNECT was read.
            quiet.log(Level.INFO, "before-connect-failure", () -> "closed an MQTT connection that failed before its"
                    + " CONNECT: " + e.getMessage());
            socket.close();
        });
        if (socket instanceof NetSocketInternal internal) {
            internal.channelHandlerContext().pipeline().addLast("onedesk-misbehaviour", misbehaviour);
            LeanPipeline.opened(internal.channelHandlerContext().channel());
        }
        LeanOutboundQueue.install(socket); // before anything is written: 4.6 KB less per connection
        return true;
    }

    private static java.net.InetAddress clientAddress(NetSocket socket) {
        io.vertx.core.net.SocketAddress remote = socket.remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(remote.hostAddress()); // a literal address: no lookup
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /**
     * vertx-mqtt 5.0.8 gives the application nothing before a CONNECT is read: the hook is put in front of its own
     * connect handler, on the NetServer it keeps, and a connection the hook refuses never reaches vertx-mqtt. Without
     * it (another vertx-mqtt), MQTT still works, but without connection caps: the gateway logs a warning at start, and
     * {@code PreConnectFloodTest} and {@code ConnectionLimitsTest} fail.
     */
    @SuppressWarnings("unchecked")
    private static MqttServer onEveryConnection(MqttServer server, java.util.function.Predicate<NetSocket> hook) {
        try {
            Field field = server.getClass().getDeclaredField("server");
            field.setAccessible(true);
            NetServer net = (NetServer) field.get(server);
            NetServer hooked = (NetServer) Proxy.newProxyInstance(NetServer.class.getClassLoader(),
                    new Class<?>[] {NetServer.class}, (proxy, method, args) -> {
                        Object[] actual = args;
                        if (method.getName().equals("connectHandler") && args != null && args.length == 1
                                && args[0] instanceof Handler<?> handler) {
                            Handler<NetSocket> theirs = (Handler<NetSocket>) handler;
                            actual = new Object[] {(Handler<NetSocket>) socket -> {
                                if (hook.test(socket)) {
                                    theirs.handle(socket);
                                }
                            }};
                        }
                        try {
                            Object result = method.invoke(net, actual);
                            return result == net ? proxy : result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            field.set(server, hooked);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("vertx-mqtt's NetServer is not reachable (" + e + "): a client's bytes before CONNECT may be"
                    + " logged at length, and MQTT connections are not capped");
        }
        return server;
    }

    /**
     * An exception no handler took, on a connection's context. A client that sends a packet before its CONNECT
     * (or a broken one) is vertx-mqtt's IllegalArgumentException and its connection is already closed: one quiet
     * line. Anything else is a fault of ours and keeps its stack trace.
     */
    private void unhandled(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof IllegalArgumentException && message.startsWith(NOT_CONNECTED)) {
            quiet.log(Level.INFO, "before-connect", () -> "closed MQTT connections that sent a packet before CONNECT");
        } else if (e instanceof io.netty.handler.codec.DecoderException) {
            quiet.log(Level.INFO, "malformed", () -> "closed an MQTT connection that sent a malformed packet: "
                    + message);
        } else {
            LOG.log(Level.SEVERE, "unhandled exception on an MQTT connection", e);
        }
    }

    public Future<Void> close() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        Future<Void> closed = Future.join(servers.stream().map(MqttServer::close).toList()).mapEmpty();
        return ownChecks == null ? closed : closed.eventually(ownChecks::close);
    }

    /** Where the WebSocket bridge notes the browsers it carries, so that their logins count against them. */
    public BridgedPeers peers() {
        return peers;
    }

    @ChannelHandler.Sharable
    private final class Misbehaviour extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            quiet.log(Level.INFO, "unexpected", () -> "closed MQTT connections that sent a packet a server does not"
                    + " take: " + cause.getMessage());
            ctx.close();
        }
    }

    /** How a connection ends, seen from its first moment: the socket may close while credentials are checked. */
    private static final class Ending {
        boolean cleanDisconnect;
        boolean closed;
        DeviceSession session;
    }

    private void connected(MqttEndpoint endpoint) {
        Context context = vertx.getOrCreateContext();
        boolean mqtt5 = endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel();
        Ending ending = new Ending();
        // Registered now, on the connection's context where every handler runs, so that a socket that closes
        // during authentication is never accepted, and a keep-alive timeout (a close without DISCONNECT) is seen.
        endpoint.disconnectMessageHandler(disconnect -> {
            ending.cleanDisconnect = true;
            if (ending.session != null && ending.session.isMqtt5()) {
                expiryOnDisconnect(ending.session, disconnect.properties());
            }
        });
        endpoint.closeHandler(v -> {
            ending.closed = true;
            if (ending.session != null) {
                closed(ending.session, ending.cleanDisconnect);
            }
        });
        MqttAuth auth = endpoint.auth();
        // Packets sent right behind the CONNECT (MQTT 3.1.1 §3.1.4 lets a client not wait for the CONNACK) wait in
        // the connection while the password is checked, and are read once the CONNECT is accepted: vertx-mqtt
        // would otherwise close the connection for a packet before acceptance.
        NetSocket socket = socketOf(endpoint);
        if (socket != null) {
            socket.pause();
        }
        if (auth == null || auth.getUsername() == null) {
            metrics.connectRefused(ConnectRefusal.BAD_CREDENTIALS);
            endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.BAD_CREDENTIALS, mqtt5));
            return;
        }
        String address = peers.addressOf(endpoint.remoteAddress());
        String username = auth.getUsername();
        String password = auth.getPassword();
        ForgottenCredentials.forget(endpoint); // read once, here: the endpoint needs not keep them
        logins.login(username, password, address).onComplete(ar -> context.runOnContext(v -> {
            if (ending.closed) {
                return; // the client left while its password was checked: nothing to accept or refuse
            }
            if (ar.failed()) {
                metrics.connectRefused(ConnectRefusal.SERVER_UNAVAILABLE);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.SERVER_UNAVAILABLE, mqtt5));
            } else if (ar.result() instanceof DeviceLogins.Accepted accepted) {
                accept(endpoint, context, accepted.device(), ending, socket);
            } else if (ar.result() instanceof DeviceLogins.Locked) {
                metrics.connectRefused(ConnectRefusal.THROTTLED);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.THROTTLED, mqtt5));
            } else if (ar.result() instanceof DeviceLogins.Busy) {
                metrics.connectRefused(ConnectRefusal.BUSY);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.BUSY, mqtt5));
            } else {
                metrics.connectRefused(ConnectRefusal.BAD_CREDENTIALS);
                endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.BAD_CREDENTIALS, mqtt5));
            }
        }));
    }

    private void accept(MqttEndpoint endpoint, Context context, Device device, Ending ending, NetSocket socket) {
        ServerTls secure = tls;
        if (secure != null && secure.requiresClientCertificate(device.role())
                && !(endpoint.isSsl() && ServerTls.hasClientCertificate(endpoint.sslSession()))) {
            // Mutual TLS per role: a password alone does not let this device in.
            quiet.log(Level.WARNING, "no-client-certificate " + device.id(), () -> "refused CONNECT of device "
                    + device.id() + " (" + device.role() + ") from " + endpoint.remoteAddress() + ": its role must"
                    + " present a client certificate signed by the client CA (gateway.tls.clientCertRoles), over MQTT"
                    + " over TLS, and this connection " + (endpoint.isSsl() ? "presented none" : "is not TLS"));
            metrics.connectRefused(ConnectRefusal.NO_CLIENT_CERTIFICATE);
            endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.NO_CLIENT_CERTIFICATE,
                    endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel()));
            return;
        }
        DeviceSession session = new DeviceSession(endpoint, context, device);
        SessionLimits limits = broker.limits();
        long requested = requestedExpirySeconds(endpoint, session.isMqtt5(), limits);
        long expiry = limits.cappedExpirySeconds(requested);
        int window = Math.min(limits.maxInFlight(), receiveMaximum(endpoint, session.isMqtt5()));
        SessionStore.Attached attached = broker.attach(session, endpoint.isCleanSession(), expiry, window);
        if (attached.isRefused()) {
            // A session is (device, client id): another device's stays connected and keeps what is stored for it.
            quiet.log(Level.INFO, "client-id-taken " + device.id(), () -> "refused CONNECT of device " + device.id() + " from "
                    + endpoint.remoteAddress() + ": client id " + abbreviated(session.clientId())
                    + " is another device's");
            metrics.connectRefused(ConnectRefusal.CLIENT_ID_TAKEN);
            endpoint.reject(ReasonCodes.connAck(ReasonCodes.Refusal.CLIENT_ID_TAKEN, session.isMqtt5()));
            return;
        }
        ending.session = session;

        endpoint.publishAutoAck(false);
        endpoint.subscribeHandler(subscribe -> subscribe(session, subscribe));
        endpoint.unsubscribeHandler(unsubscribe -> {
            unsubscribe.topics().forEach(session.state()::unsubscribe);
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
        endpoint.publishAcknowledgeHandler(packetId -> session.state().acknowledged(session, packetId));
        endpoint.exceptionHandler(e -> LOG.fine(() -> device.id() + ": " + e.getMessage()));

        DeviceSession previous = attached.replaced();
        if (previous != null) {
            LOG.info(device.id() + " connected again as " + session.clientId() + "; closing its previous connection");
            previous.markClosed();
            previous.context().runOnContext(x -> {
                if (previous.endpoint().isConnected()) {
                    previous.endpoint().close();
                }
            });
        }
        MqttProperties connAck = MqttProperties.NO_PROPERTIES;
        if (session.isMqtt5() && expiry != requested) {
            // MQTT 5 §3.2.2.3.2: the server tells the client the Session Expiry Interval it uses instead.
            connAck = new MqttProperties();
            connAck.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) expiry));
        }
        if (socket instanceof NetSocketInternal internal) {
            LeanPipeline.connected(internal.channelHandlerContext().pipeline());
        }
        endpoint.accept(attached.sessionPresent(), connAck);
        if (socket != null) {
            socket.resume(); // what the client sent behind its CONNECT is read now, in order
        }
        attached.state().resume(session);
        presence.online(device);
    }

    private static String abbreviated(String clientId) {
        return clientId.length() <= 64 ? clientId : clientId.substring(0, 64) + "…";
    }

    private static Field endpointSocketField() {
        try {
            Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("vertx-mqtt's endpoint socket is not reachable (" + e + "): a packet sent before the CONNACK"
                    + " will close its connection");
            return null;
        }
    }

    static NetSocket socketOf(MqttEndpoint endpoint) {
        try {
            return ENDPOINT_SOCKET == null ? null : (NetSocket) ENDPOINT_SOCKET.get(endpoint);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * How long the session should outlive this connection: MQTT 3.1.1 keeps a clean-session-false session for
     * the longest time allowed; MQTT 5 says it in the CONNECT (absent = 0, 0xFFFFFFFF = never, read unsigned).
     */
    private static long requestedExpirySeconds(MqttEndpoint endpoint, boolean mqtt5, SessionLimits limits) {
        if (!mqtt5) {
            return endpoint.isCleanSession() ? 0 : limits.maxExpiry().toSeconds();
        }
        return unsignedProperty(endpoint.connectProperties(), MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL)
                .orElse(0L);
    }

    /** An MQTT 5 client limits how many QoS 1 messages may await its PUBACK (Receive Maximum, default 65,535). */
    private static int receiveMaximum(MqttEndpoint endpoint, boolean mqtt5) {
        if (!mqtt5) {
            return Integer.MAX_VALUE;
        }
        return unsignedProperty(endpoint.connectProperties(), MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM)
                .filter(v -> v > 0).map(Long::intValue).orElse(Integer.MAX_VALUE);
    }

    private void expiryOnDisconnect(DeviceSession session, MqttProperties properties) {
        Optional<Long> asked = unsignedProperty(properties, MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL);
        // MQTT 5 §3.14.2.2.2: a session that was to end with its connection cannot be given a life afterwards.
        if (asked.isPresent() && session.state().expirySeconds() > 0) {
            session.state().expiryOnDisconnect(session, broker.limits().cappedExpirySeconds(asked.get()));
        }
    }

    private static Optional<Long> unsignedProperty(MqttProperties properties, MqttProperties.MqttPropertyType type) {
        MqttProperties.MqttProperty<?> property = properties == null ? null : properties.getProperty(type.value());
        if (property != null && property.value() instanceof Integer value) {
            return Optional.of(Integer.toUnsignedLong(value));
        }
        return Optional.empty();
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
                session.state().subscribe(filter, granted);
                afterAck.add(() -> broker.deliverRetained(session, filter, granted));
            } else {
                // A SUBSCRIBE names no language: the error is in the default one, Vietnamese.
                afterAck.add(() -> router.publishDeviceError(device, filter, null, ProtocolError.of(
                        ErrorCode.NOT_AUTHORISED, "device " + device.id() + " may not subscribe to " + filter),
                        Language.DEFAULT));
            }
        }
        session.endpoint().subscribeAcknowledge(subscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
        afterAck.forEach(Runnable::run);
    }

    private void closed(DeviceSession session, boolean cleanDisconnect) {
        session.markClosed();
        broker.detach(session);
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
