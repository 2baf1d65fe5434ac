package vn.onedesk.loadtest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's MQTT 3.1.1 connection (vertx-mqtt's client), bound to one lane: connect, subscribe and
 * publish are called on that lane's context, and its handlers run there.
 */
public final class MqttConnection {
    private final Context context;
    private final MqttClient client;
    private final String clientId;
    private final Map<Integer, Promise<List<Integer>>> subscriptions = new HashMap<>();
    private volatile boolean open;

    private MqttConnection(Context context, MqttClient client, String clientId) {
        this.context = context;
        this.client = client;
        this.clientId = clientId;
    }

    /** What a connection needs: who it is, and what it does with messages and with losing the connection. */
    public record Spec(String clientId, String username, String password, Handler<MqttPublishMessage> onMessage,
                       Handler<Void> onClose) {
    }

    /** Connects on {@code context}; fails when the TCP connection or the CONNACK fails. */
    public static Future<MqttConnection> open(Vertx vertx, Context context, Endpoint endpoint, int index, Spec spec) {
        return Lanes.on(context, () -> {
            MqttClientOptions options = new MqttClientOptions()
                    .setClientId(spec.clientId())
                    .setUsername(spec.username())
                    .setPassword(spec.password())
                    .setCleanSession(true)
                    .setKeepAliveInterval(120)
                    .setMaxInflightQueue(65_535)
                    .setMaxMessageSize(64 * 1024)
                    .setAutoKeepAlive(true);
            options.setConnectTimeout(30_000);
            options.setTcpNoDelay(true);
            String source = endpoint.sourceFor(index);
            if (source != null) {
                options.setLocalAddress(source);
            }
            MqttClient client = MqttClient.create(vertx, options);
            MqttConnection connection = new MqttConnection(context, client, spec.clientId());
            client.publishHandler(spec.onMessage());
            client.subscribeCompletionHandler(ack -> {
                Promise<List<Integer>> p = connection.subscriptions.remove(ack.messageId());
                if (p != null) {
                    p.complete(ack.grantedQoSLevels());
                }
            });
            client.closeHandler(v -> {
                connection.open = false;
                if (spec.onClose() != null) {
                    spec.onClose().handle(null);
                }
            });
            client.exceptionHandler(e -> { });
            return client.connect(endpoint.port(), endpoint.host()).map(ack -> {
                connection.open = true;
                return connection;
            });
        });
    }

    /** Subscribes and waits for the SUBACK; fails if the server refused any of the filters (0x80). */
    public Future<Void> subscribe(Map<String, Integer> filters) {
        return Lanes.on(context, () -> client.subscribe(filters).compose(id -> {
            Promise<List<Integer>> acked = Promise.promise();
            subscriptions.put(id, acked);
            return acked.future();
        }).compose(granted -> granted.stream().anyMatch(q -> q == 0x80)
                ? Future.failedFuture(clientId + ": subscription refused: " + filters.keySet())
                : Future.succeededFuture()));
    }

    /** Publishes; call on this connection's context. */
    public Future<Integer> publish(String topic, byte[] payload, MqttQoS qos) {
        return client.publish(topic, Buffer.buffer(payload), qos, false, false);
    }

    public Context context() {
        return context;
    }

    public String clientId() {
        return clientId;
    }

    public boolean isOpen() {
        return open && client.isConnected();
    }

    public Future<Void> close() {
        return Lanes.on(context, () -> client.isConnected() ? client.disconnect() : Future.succeededFuture());
    }
}
