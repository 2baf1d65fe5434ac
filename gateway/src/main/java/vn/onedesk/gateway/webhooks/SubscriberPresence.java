package vn.onedesk.gateway.webhooks;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether any webhook subscription is active, so that writers add outbox rows only then: a gateway nobody subscribes
 * to never names the outbox in its commits. Read from PostgreSQL every second (a subscription made on another node
 * is seen within that) and set at once when this node creates one.
 */
public final class SubscriberPresence {
    private static final Logger LOG = Logger.getLogger(SubscriberPresence.class.getName());
    static final long REFRESH_MS = 1_000;

    private final AtomicBoolean any = new AtomicBoolean();
    private final Pool pool;
    private boolean warned;
    private Vertx vertx;
    private long timer = -1;

    public SubscriberPresence(Pool pool) {
        this.pool = pool;
    }

    public boolean any() {
        return any.get();
    }

    /** A subscription was just created here: write outbox rows from the next batch on. */
    public void subscribed() {
        any.set(true);
    }

    /**
     * Reads now, then every second until {@link #stop}; the future completes with the first read (even a failed one:
     * the gateway starts without webhooks' outbox rather than not at all, and the next read corrects it).
     */
    public io.vertx.core.Future<Void> watch(Vertx vertx) {
        this.vertx = vertx;
        timer = vertx.setPeriodic(REFRESH_MS, t -> refresh());
        return refresh().otherwiseEmpty().mapEmpty();
    }

    public void stop() {
        if (vertx != null) {
            vertx.cancelTimer(timer);
        }
    }

    io.vertx.core.Future<?> refresh() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active)").execute()
                .onSuccess(rows -> {
                    any.set(rows.iterator().next().getBoolean(0));
                    warned = false;
                })
                .onFailure(e -> {
                    if (!warned) { // the database is down: the commits fail anyway; say it once, keep the last answer
                        warned = true;
                        LOG.log(Level.WARNING, "reading whether webhooks have subscribers failed: " + e.getMessage());
                    }
                });
    }
}
