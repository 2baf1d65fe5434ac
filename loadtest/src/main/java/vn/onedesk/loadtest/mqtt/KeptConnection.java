package vn.onedesk.loadtest.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A device's connection kept open as a real device keeps it: when it is lost (its node killed, a load balancer
 * moving it) it is opened again every 250 ms, subscribed again, and {@code onConnected} runs, so the device can
 * resend what is unanswered or catch up. Everything runs on the device's lane.
 */
public final class KeptConnection {
    private static final long RETRY_MS = 250;
    /** A CONNECT that hangs (its node killed mid-handshake) is given up after this and tried again. */
    private static final long HUNG_NANOS = 15_000_000_000L;

    private final Vertx vertx;
    private final Context lane;
    private final Endpoint endpoint;
    private final int index;
    private final MqttConnection.Spec spec;
    private final Map<String, Integer> subscriptions;
    private final Handler<Void> onConnected;
    private final LongAdder reconnects;
    private MqttConnection connection;
    private boolean connecting;
    private long connectingSince;
    private int attempt;
    private boolean closing;
    private long watch = -1;

    public KeptConnection(Vertx vertx, Context lane, Endpoint endpoint, int index, String clientId, String username,
                          String password, Handler<MqttPublishMessage> onMessage, Map<String, Integer> subscriptions,
                          Handler<Void> onConnected, LongAdder reconnects) {
        this.vertx = vertx;
        this.lane = lane;
        this.endpoint = endpoint;
        this.index = index;
        this.spec = new MqttConnection.Spec(clientId, username, password, onMessage,
                v -> lane.runOnContext(x -> lost()));
        this.subscriptions = Map.copyOf(subscriptions);
        this.onConnected = onConnected;
        this.reconnects = reconnects;
    }

    /** Opens the connection the first time; fails if that first one fails (the run cannot start). */
    public Future<Void> start() {
        return Lanes.on(lane, () -> MqttConnection.open(vertx, lane, endpoint, index, spec)
                .compose(c -> c.subscribe(subscriptions).map(c))
                .map(c -> {
                    connection = c;
                    watch = vertx.setPeriodic(100, t -> lane.runOnContext(v -> {
                        if (!closing && !connecting && (connection == null || !connection.isOpen())) {
                            lost();
                        } else if (connecting && System.nanoTime() - connectingSince > HUNG_NANOS) {
                            connecting = false;
                            lost();
                        }
                    }));
                    onConnected.handle(null);
                    return null;
                }));
    }

    public Context lane() {
        return lane;
    }

    public boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    /** Publishes at QoS 1 if connected; otherwise does nothing (the caller resends on its own schedule). */
    public void publish(String topic, byte[] payload) {
        if (isOpen()) {
            connection.publish(topic, payload, MqttQoS.AT_LEAST_ONCE);
        }
    }

    private void lost() {
        if (closing || connecting || isOpen()) {
            return;
        }
        connecting = true;
        connectingSince = System.nanoTime();
        vertx.setTimer(RETRY_MS, t -> lane.runOnContext(v -> reconnect()));
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        int mine = ++attempt;
        connectingSince = System.nanoTime();
        MqttConnection.open(vertx, lane, endpoint, index, spec)
                .compose(c -> c.subscribe(subscriptions).map(c))
                .onComplete(ar -> lane.runOnContext(v -> {
                    if (mine != attempt || closing) {
                        if (ar.succeeded()) {
                            ar.result().close(); // a newer attempt took over, or the run is over
                        }
                        return;
                    }
                    if (ar.failed()) {
                        vertx.setTimer(RETRY_MS, t -> lane.runOnContext(x -> reconnect()));
                        return;
                    }
                    connection = ar.result();
                    connecting = false;
                    reconnects.increment();
                    onConnected.handle(null);
                }));
    }

    public Future<Void> close() {
        return Lanes.on(lane, () -> {
            closing = true;
            if (watch >= 0) {
                vertx.cancelTimer(watch);
            }
            return connection == null ? Future.succeededFuture() : connection.close();
        });
    }
}
