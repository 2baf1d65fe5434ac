package vn.onedesk.loadtest.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Opens many connections with a bounded number of CONNECTs in flight, so that a connect storm does not
 * overflow the server's accept backlog, and subscribes each one. Fails with the first failure.
 */
public final class Connector {
    private Connector() {
    }

    /** What connection {@code i} is: its lane, its device and handlers, and what it subscribes to. */
    public record Plan(Context lane, MqttConnection.Spec spec, Map<String, Integer> subscriptions) {
    }

    /** How often one connection is tried again after "server unavailable" before the run fails. */
    private static final int BUSY_RETRIES = 50;

    /**
     * Opens one connection; a CONNACK "server unavailable" (the gateway's password checks are all taken: a connect
     * storm) is tried again after a short random pause, as the protocol asks devices to do.
     */
    private static Future<MqttConnection> openRetryingBusy(Vertx vertx, Endpoint endpoint, int i, Plan plan, int left) {
        return MqttConnection.open(vertx, plan.lane(), endpoint, i, plan.spec()).recover(e -> {
            Throwable cause = e instanceof io.vertx.mqtt.MqttConnectionException ? e : e.getCause();
            io.netty.handler.codec.mqtt.MqttConnectReturnCode code = cause instanceof io.vertx.mqtt.MqttConnectionException
                    refused ? refused.code() : null;
            boolean busy = code == io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            // Many connections of one benchmark device id log in at once: the gateway counts the id's logins in
            // flight against its throttle and refuses the sixth until one is verified (then the password is
            // remembered and skips the throttle). The lock lasts 1 s: try again after it, a few times only.
            boolean locked = code == io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    && left > BUSY_RETRIES - 10;
            if (!(busy || locked) || left == 0) {
                return Future.failedFuture(e);
            }
            long pause = locked ? 1100 + java.util.concurrent.ThreadLocalRandom.current().nextLong(400)
                    : 50 + java.util.concurrent.ThreadLocalRandom.current().nextLong(200);
            return vertx.timer(pause).compose(t -> openRetryingBusy(vertx, endpoint, i, plan, left - 1));
        });
    }

    public static Future<List<MqttConnection>> openAll(Vertx vertx, Endpoint endpoint, int count, int parallel,
                                                       IntFunction<Plan> plans) {
        Promise<List<MqttConnection>> done = Promise.promise();
        List<MqttConnection> opened = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, null)));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        if (count == 0) {
            return Future.succeededFuture(List.of());
        }
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count || done.future().isComplete()) {
                return;
            }
            Plan plan = plans.apply(i);
            openRetryingBusy(vertx, endpoint, i, plan, BUSY_RETRIES)
                    .compose(c -> plan.subscriptions().isEmpty() ? Future.succeededFuture(c)
                            : c.subscribe(plan.subscriptions()).map(c))
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            done.tryFail(new IllegalStateException("connection " + i + " (" + plan.spec().clientId()
                                    + " as " + plan.spec().username() + "): " + ar.cause().getMessage(), ar.cause()));
                            return;
                        }
                        opened.set(i, ar.result());
                        if (finished.incrementAndGet() == count) {
                            done.tryComplete(List.copyOf(opened));
                        } else {
                            startNext[0].run();
                        }
                    });
        };
        for (int i = 0; i < Math.min(parallel, count); i++) {
            startNext[0].run();
        }
        return done.future();
    }
}
