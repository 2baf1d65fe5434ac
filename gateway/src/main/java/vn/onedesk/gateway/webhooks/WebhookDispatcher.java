package vn.onedesk.gateway.webhooks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.config.WebhookSettings;
import vn.onedesk.monitoring.WebhookMetrics;

/**
 * Delivers the outbox to the subscribers, at least once, on every node at the same time without two nodes sending
 * the same delivery at once:
 * <ol>
 * <li><b>Fan-out</b>: outbox rows not yet fanned out become one delivery per subscription that wants them, in one
 * transaction that holds an advisory lock, so one node at a time fans out and deliveries of one ticket are created
 * in the order of its events.</li>
 * <li><b>Claim</b>: due deliveries are taken with {@code FOR UPDATE SKIP LOCKED} and pushed into the future for the
 * time of an attempt (a node that dies mid-attempt leaves them to be tried again); a delivery is due only when no
 * earlier delivery of the same ticket to the same subscription is still pending, so a receiver gets a ticket's events
 * in order.</li>
 * <li><b>Deliver</b>: one POST per delivery with the stored body, signed ({@link WebhookSignature}); 2xx is delivered,
 * anything else (or no answer within the timeout) is tried again after {@link Backoff}, and becomes a dead letter
 * after the last attempt. Dead letters stay until an admin replays them.</li>
 * </ol>
 * Everything runs on one context; no statement or request blocks it.
 */
public final class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    /** How often the outbox is looked at when the last look found nothing to do. */
    static final long POLL_MS = 200;
    private static final int BATCH = 200;
    private static final long FAN_OUT_LOCK = 0x0de5_0017L;
    private static final long BACKLOG_MS = 5_000;
    private static final long PURGE_MS = 3_600_000;
    /** Delivered events are kept this long (for an admin's questions), then deleted with their deliveries. */
    static final int KEEP_DELIVERED_DAYS = 7;
    private static final int MAX_ERROR = 500;

    private static final String FAN_OUT = "WITH o AS (SELECT outbox_id, centre_id, type, ticket_key FROM webhook_outbox"
            + " WHERE NOT fanned_out ORDER BY outbox_id LIMIT " + BATCH * 5 + " FOR UPDATE),"
            + " d AS (INSERT INTO webhook_deliveries (subscription_id, outbox_id, ticket_key, status, next_attempt_at)"
            + " SELECT s.subscription_id, o.outbox_id, o.ticket_key, 'PENDING', now() FROM o JOIN webhook_subscriptions s"
            + " ON s.active AND o.type = ANY (s.events) AND (s.centre_id IS NULL OR s.centre_id = o.centre_id)"
            + " ON CONFLICT DO NOTHING)"
            + " UPDATE webhook_outbox w SET fanned_out = true FROM o WHERE w.outbox_id = o.outbox_id";
    private static final String CLAIM = "WITH due AS (SELECT d.subscription_id, d.outbox_id FROM webhook_deliveries d"
            + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.subscription_id = d.subscription_id"
            + " AND p.ticket_key = d.ticket_key AND p.status = 'PENDING' AND p.outbox_id < d.outbox_id)"
            + " ORDER BY d.outbox_id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED),"
            + " claimed AS (UPDATE webhook_deliveries d SET attempts = d.attempts + 1,"
            + " next_attempt_at = now() + make_interval(secs => $1)"
            + " FROM due WHERE d.subscription_id = due.subscription_id AND d.outbox_id = due.outbox_id"
            + " RETURNING d.subscription_id, d.outbox_id, d.attempts)"
            + " SELECT c.subscription_id, c.outbox_id, c.attempts, s.url, s.secret, o.event_id, o.type, o.payload"
            + " FROM claimed c JOIN webhook_subscriptions s USING (subscription_id) JOIN webhook_outbox o USING (outbox_id)"
            + " ORDER BY c.outbox_id";
    private static final String DELIVERED = "UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = now(),"
            + " last_status = $3, last_error = NULL WHERE subscription_id = $1 AND outbox_id = $2";
    private static final String FAILED = "UPDATE webhook_deliveries SET"
            + " status = CASE WHEN attempts >= $3 THEN 'DEAD' ELSE 'PENDING' END,"
            + " next_attempt_at = now() + make_interval(secs => $4), last_status = $5, last_error = $6"
            + " WHERE subscription_id = $1 AND outbox_id = $2 RETURNING status";
    private static final String BACKLOG = "SELECT count(*) FILTER (WHERE d.status = 'PENDING'),"
            + " count(*) FILTER (WHERE d.status = 'DEAD'),"
            + " COALESCE(EXTRACT(EPOCH FROM now() - LEAST(min(o.occurred_at) FILTER (WHERE d.status = 'PENDING'),"
            + " (SELECT min(occurred_at) FROM webhook_outbox WHERE NOT fanned_out)))::float8, 0)"
            + " FROM webhook_deliveries d JOIN webhook_outbox o USING (outbox_id) WHERE d.status <> 'DELIVERED'";
    private static final String PURGE = "DELETE FROM webhook_outbox w WHERE w.fanned_out"
            + " AND w.occurred_at < now() - make_interval(days => " + KEEP_DELIVERED_DAYS + ")"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = w.outbox_id"
            + " AND d.status <> 'DELIVERED')";

    /** One delivery taken for an attempt. */
    record Claimed(String subscription, long outbox, int attempts, String url, String secret, String eventId,
                   String type, String payload) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Backoff backoff;
    private final HttpClient http;
    private final SubscriberPresence subscribers;
    private Context context;
    private boolean stopped;
    private boolean running;
    private long timer = -1;
    private long backlogTimer = -1;
    private long purgeTimer = -1;
    private boolean warned;

    /** @param subscribers while nobody subscribes, a round asks the database nothing */
    public WebhookDispatcher(Vertx vertx, Pool pool, WebhookSettings settings, WebhookMetrics metrics, Clock clock,
                             SubscriberPresence subscribers) {
        this.subscribers = subscribers;
        this.vertx = vertx;
        this.pool = pool;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = new Backoff(settings.retryBase(), settings.retryMax());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis())
                .setIdleTimeout(30).setMaxRedirects(0));
    }

    public void start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            schedule(0);
            backlogTimer = vertx.setPeriodic(BACKLOG_MS, t -> backlog());
            purgeTimer = vertx.setPeriodic(PURGE_MS, t -> pool.query(PURGE).execute()
                    .onFailure(e -> LOG.fine("purging delivered webhook events failed: " + e.getMessage())));
        });
    }

    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        if (context == null) {
            return http.close();
        }
        context.runOnContext(v -> {
            stopped = true;
            vertx.cancelTimer(timer);
            vertx.cancelTimer(backlogTimer);
            vertx.cancelTimer(purgeTimer);
            http.close().onComplete(done);
        });
        return done.future();
    }

    private void schedule(long delayMs) {
        if (stopped || running) {
            return;
        }
        if (delayMs == 0) {
            context.runOnContext(v -> round());
        } else {
            timer = vertx.setTimer(delayMs, t -> round());
        }
    }

    /** One round: fan out, claim, deliver; at once again if it was busy, else after {@link #POLL_MS}. */
    private void round() {
        if (stopped || running) {
            return;
        }
        if (!subscribers.any()) {
            schedule(POLL_MS);
            return;
        }
        running = true;
        fanOut().compose(fanned -> claim().compose(claimed -> deliverAll(claimed)
                        .map(v -> fanned + claimed.size())))
                .onComplete(ar -> {
                    running = false;
                    if (ar.failed()) {
                        if (!warned) {
                            warned = true;
                            LOG.log(Level.WARNING, "webhook deliveries paused: " + ar.cause().getMessage()
                                    + " (tried again every second; said once until it works)");
                        }
                        schedule(1_000);
                        return;
                    }
                    warned = false;
                    schedule(ar.result() > 0 ? 0 : POLL_MS);
                });
    }

    /** Fans out in a transaction holding the fan-out lock; another node holding it means nothing to do here. */
    private Future<Integer> fanOut() {
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + FAN_OUT_LOCK + ")")
                .execute().compose(rows -> rows.iterator().next().getBoolean(0)
                        ? conn.query(FAN_OUT).execute().map(r -> r.rowCount())
                        : Future.succeededFuture(0)));
    }

    private Future<List<Claimed>> claim() {
        // while an attempt runs its delivery is not due: twice the timeout, so a slow answer is never sent twice
        double lease = settings.timeout().toMillis() * 2 / 1000.0 + 5;
        return pool.preparedQuery(CLAIM).execute(Tuple.of(lease)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Row r : rows) {
                claimed.add(new Claimed(r.getString(0), r.getLong(1), r.getInteger(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
            }
            return claimed;
        });
    }

    private Future<Void> deliverAll(List<Claimed> claimed) {
        List<Future<Void>> all = new ArrayList<>(claimed.size());
        for (Claimed c : claimed) {
            all.add(deliver(c).compose(outcome -> record(c, outcome)));
        }
        return Future.join(all).mapEmpty();
    }

    /** What one attempt came to: the receiver's status (0 when none came) and, when it failed, why. */
    record Outcome(int status, String error, long nanos) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    Future<Outcome> deliver(Claimed c) {
        long started = System.nanoTime();
        byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(c.url())
                    .setTimeout(settings.timeout().toMillis()).setFollowRedirects(false)
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("user-agent", "OneDesk-Webhooks/1")
                    .putHeader("x-onedesk-event", c.type())
                    .putHeader("x-onedesk-event-id", c.eventId())
                    .putHeader("x-onedesk-delivery-attempt", String.valueOf(c.attempts()))
                    .putHeader(WebhookSignature.HEADER,
                            WebhookSignature.header(c.secret(), clock.instant().getEpochSecond(), body));
        } catch (RuntimeException e) {
            return Future.succeededFuture(new Outcome(0, "invalid URL: " + e.getMessage(), 0));
        }
        return http.request(options)
                .compose(req -> req.send(Buffer.buffer(body)))
                // the answer's body is read and dropped: the status is the answer; reading frees the connection
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .map(status -> new Outcome(status, status >= 200 && status < 300 ? null : "HTTP " + status,
                        System.nanoTime() - started))
                .recover(e -> Future.succeededFuture(new Outcome(0, String.valueOf(e.getMessage()),
                        System.nanoTime() - started)));
    }

    private Future<Void> record(Claimed c, Outcome outcome) {
        if (outcome.delivered()) {
            metrics.webhookAttempt("delivered", outcome.nanos());
            return pool.preparedQuery(DELIVERED).execute(Tuple.of(c.subscription(), c.outbox(), outcome.status()))
                    .mapEmpty();
        }
        double wait = backoff.after(c.attempts(), ThreadLocalRandom.current()::nextDouble).toMillis() / 1000.0;
        String error = outcome.error() == null ? null
                : outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) : outcome.error();
        return pool.preparedQuery(FAILED).execute(Tuple.of(c.subscription(), c.outbox(), settings.maxAttempts(), wait,
                        outcome.status() == 0 ? null : outcome.status(), error))
                .map(rows -> {
                    boolean dead = rows.size() == 1 && "DEAD".equals(rows.iterator().next().getString(0));
                    metrics.webhookAttempt(dead ? "dead" : "failed", outcome.nanos());
                    return null;
                });
    }

    private void backlog() {
        if (!subscribers.any()) {
            metrics.webhookBacklog(0, 0, 0);
            return;
        }
        pool.query(BACKLOG).execute().onSuccess(rows -> {
            Row r = rows.iterator().next();
            metrics.webhookBacklog(r.getLong(0), r.getLong(1), r.getDouble(2));
        });
    }
}
