package vn.onedesk.gateway.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.InetAddress;
import java.util.logging.Logger;
import vn.onedesk.gateway.tls.ServerTls;
import vn.onedesk.gateway.net.ConnectionGate;

/**
 * MQTT over WebSocket on the HTTP port at {@code /mqtt}, for browsers and web kiosks.
 *
 * <p>vertx-mqtt's own WebSocket mode needs a port of its own, and one HTTP port is what centres can
 * open in their firewall. So each WebSocket is piped, with back-pressure, to the plain MQTT listener
 * on loopback: the MQTT server sees an ordinary TCP client and every rule (authentication, access,
 * acknowledgements) applies unchanged. The cost is one loopback hop per message. The listener learns the browser's
 * address through {@link BridgedPeers}, so that failed logins count against the browser, not against loopback.
 *
 * <p>It dials the address the MQTT listener is bound to: loopback when that is every interface, else that one
 * address ({@code ONEDESK_HOST}), on which nothing else may listen.
 *
 * <p>With TLS on, it dials the MQTT over TLS listener, trusting exactly the certificate the gateway itself serves
 * (pinned, reloads included), whatever the plain listener's state: a real centre with TLS has no plain listener,
 * and a second, internal plain listener would be a port where a local process could log in without TLS and
 * without the client certificate its role may need. The cost is a TLS session per browser on loopback, small
 * beside the browser's own (its connection to the HTTPS port). A device whose role must present a client
 * certificate cannot come through here: the bridge has none to present, so such devices connect over MQTT/TLS.
 */
public final class WebSocketBridge {
    private static final Logger LOG = Logger.getLogger(WebSocketBridge.class.getName());
    public static final String PATH = "/mqtt";

    private final Vertx vertx;
    private final BridgedPeers peers;
    private volatile NetClient client;
    /** The MQTT listener expects a PROXY protocol header first ({@code ONEDESK_MQTT_PROXY_PROTOCOL}). */
    private volatile boolean proxyProtocol;
    private volatile int mqttPort;
    private volatile String mqttHost = "127.0.0.1";
    /** The MQTT listener's connection caps, told of each dial so that the bridge is not capped as one address. */
    private volatile ConnectionGate mqttConnections;
    /** The address the MQTT listener sees the bridge's connections come from: the address it dials. */
    private volatile InetAddress source;

    public WebSocketBridge(Vertx vertx) {
        this(vertx, new BridgedPeers());
    }

    /** @param peers where the bridge notes which browser each of its connections carries, for the MQTT listener */
    public WebSocketBridge(Vertx vertx, BridgedPeers peers) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(options());
        this.peers = peers;
    }

    private static NetClientOptions options() {
        return new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true);
    }

    /** Where the MQTT listener listens: the address it was bound to (as configured) and its port. */
    public void target(String boundHost, int port) {
        this.mqttHost = reachable(boundHost);
        this.mqttPort = port;
        this.source = literal(mqttHost);
    }

    /**
     * The MQTT listener's caps: each dial is announced to them, so that the bridge's loopback connections count in
     * the MQTT total but not against one address; the browser's address was counted when it connected to /mqtt.
     */
    public void countedBy(ConnectionGate gate) {
        this.mqttConnections = gate;
    }

    /** An IP literal as an address, without a name lookup; null for a host name (learnt from the first dial). */
    private static InetAddress literal(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** Where the MQTT over TLS listener listens, dialled over TLS trusting the gateway's own certificate. */
    public void target(String boundHost, int port, ServerTls secure) {
        NetClientOptions options = options();
        secure.trustOwnCertificate(options);
        NetClient plain = client;
        client = vertx.createNetClient(options);
        plain.close();
        target(boundHost, port);
    }

    /**
     * The address to dial a listener bound to {@code bound}: a wildcard address (every interface) is reached on
     * loopback, anything else (one address, or a host name) as it is.
     */
    public static String reachable(String bound) {
        String host = bound == null ? "" : bound.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.contains(":")) { // an IPv6 literal: parsed without a name lookup
            try {
                if (java.net.InetAddress.getByName(host).isAnyLocalAddress()) {
                    return "::1";
                }
            } catch (java.net.UnknownHostException e) {
                return host;
            }
        }
        return host;
    }

    /**
     * The MQTT listener expects HAProxy's PROXY protocol: each bridged connection starts with a header naming its own
     * loopback address as the client, so the listener sees it exactly as without the protocol (the browser's address
     * is known from {@link BridgedPeers}).
     */
    public WebSocketBridge proxyProtocol(boolean on) {
        this.proxyProtocol = on;
        return this;
    }

    public void accept(ServerWebSocket ws) {
        if (!PATH.equals(ws.path())) {
            ws.close((short) 1008, "MQTT is served at " + PATH);
            return;
        }
        ws.pause();
        ConnectionGate gate = mqttConnections;
        InetAddress from = source;
        if (gate != null && from != null) {
            gate.expectBridged(from);
        }
        client.connect(mqttPort, mqttHost).onComplete(ar -> {
            if (ar.failed()) {
                if (gate != null && from != null) {
                    gate.bridgedDialFailed();
                }
                LOG.warning("MQTT over WebSocket: cannot reach the MQTT listener at " + mqttHost + ":" + mqttPort
                        + ": " + ar.cause().getMessage());
                ws.close((short) 1011, "MQTT listener unavailable");
                return;
            }
            var socket = ar.result();
            if (source == null && socket.localAddress() != null && socket.localAddress().hostAddress() != null) {
                source = literal(socket.localAddress().hostAddress()); // a host name's address, learnt once
            }
            // Noted before the WebSocket is read, so before the CONNECT it carries reaches the listener.
            var local = socket.localAddress();
            peers.opened(local, ws.remoteAddress());
            if (proxyProtocol) {
                var remote = socket.remoteAddress();
                String family = local.hostAddress().contains(":") ? "TCP6" : "TCP4";
                socket.write(io.vertx.core.buffer.Buffer.buffer("PROXY " + family + " " + local.hostAddress() + " "
                        + remote.hostAddress() + " " + local.port() + " " + remote.port() + "\r\n"));
            }
            socket.closeHandler(v -> peers.closed(local));
            ws.pipeTo(socket);
            socket.pipeTo(ws);
            ws.resume();
        });
    }
}
