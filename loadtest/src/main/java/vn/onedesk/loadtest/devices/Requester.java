package vn.onedesk.loadtest.devices;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.MqttConnection;

/**
 * A device that sends requests and reads the answers on its own reply topic, matched by requestId:
 * a kiosk or a counter terminal. Everything runs on the device's lane. {@link #request} completes with
 * the decoded reply, or fails when none came within the timeout.
 *
 * @param <R> the reply message
 */
public final class Requester<R> {
    private final Vertx vertx;
    private final Context lane;
    private final String requestTopic;
    private final String replyTopic;
    private final Function<byte[], R> decode;
    private final Function<R, String> requestIdOf;
    private final Map<String, Promise<R>> pending = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String prefix;
    private MqttConnection connection;

    public Requester(Vertx vertx, Context lane, String prefix, String requestTopic, String replyTopic,
                     Function<byte[], R> decode, Function<R, String> requestIdOf) {
        this.vertx = vertx;
        this.lane = lane;
        this.prefix = prefix;
        this.requestTopic = requestTopic;
        this.replyTopic = replyTopic;
        this.decode = decode;
        this.requestIdOf = requestIdOf;
    }

    /** The plan that connects this device and subscribes it to its replies. */
    public Connector.Plan plan(String clientId, String username, String password) {
        return new Connector.Plan(lane, new MqttConnection.Spec(clientId, username, password, this::received, null),
                Map.of(replyTopic, 1));
    }

    public void connected(MqttConnection connection) {
        this.connection = connection;
    }

    public Context lane() {
        return lane;
    }

    /** A fresh requestId for this device. */
    public String nextRequestId() {
        return prefix + "-" + sequence.incrementAndGet();
    }

    /** Sends {@code payload} (whose requestId is {@code requestId}); call on the lane. */
    public Future<R> request(String requestId, byte[] payload, long timeoutMs) {
        Promise<R> promise = Promise.promise();
        pending.put(requestId, promise);
        connection.publish(requestTopic, payload, MqttQoS.AT_LEAST_ONCE).onFailure(e -> {
            if (pending.remove(requestId) != null) {
                promise.fail("publish failed: " + e.getMessage());
            }
        });
        vertx.setTimer(timeoutMs, t -> lane.runOnContext(v -> {
            if (pending.remove(requestId) != null) {
                promise.fail("TIMEOUT");
            }
        }));
        return promise.future();
    }

    private void received(MqttPublishMessage message) {
        R reply;
        try {
            reply = decode.apply(message.payload().getBytes());
        } catch (RuntimeException e) {
            return;
        }
        String id = requestIdOf.apply(reply);
        Promise<R> p = id == null ? null : pending.remove(id);
        if (p != null) {
            p.complete(reply);
        }
    }

    public Future<Void> close() {
        return connection == null ? Future.succeededFuture() : connection.close();
    }
}
