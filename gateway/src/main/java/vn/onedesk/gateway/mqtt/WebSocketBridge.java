package vn.onedesk.gateway.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.logging.Logger;

/**
 * MQTT over WebSocket on the HTTP port at {@code /mqtt}, for browsers and web kiosks.
 *
 * <p>vertx-mqtt's own WebSocket mode needs a port of its own, and one HTTP port is what centres can
 * open in their firewall. So each WebSocket is piped, with back-pressure, to the plain MQTT listener
 * on loopback: the MQTT server sees an ordinary TCP client and every rule (authentication, access,
 * acknowledgements) applies unchanged. The cost is one loopback hop per message.
 */
public final class WebSocketBridge {
    private static final Logger LOG = Logger.getLogger(WebSocketBridge.class.getName());
    public static final String PATH = "/mqtt";

    private final NetClient client;
    private volatile int mqttPort;

    public WebSocketBridge(Vertx vertx) {
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
    }

    public void target(int port) {
        this.mqttPort = port;
    }

    public void accept(ServerWebSocket ws) {
        if (!PATH.equals(ws.path())) {
            ws.close((short) 1008, "MQTT is served at " + PATH);
            return;
        }
        ws.pause();
        client.connect(mqttPort, "127.0.0.1").onComplete(ar -> {
            if (ar.failed()) {
                LOG.warning("MQTT over WebSocket: cannot reach the MQTT listener: " + ar.cause().getMessage());
                ws.close((short) 1011, "MQTT listener unavailable");
                return;
            }
            var socket = ar.result();
            ws.pipeTo(socket);
            socket.pipeTo(ws);
            ws.resume();
        });
    }
}
