package vn.onedesk.gateway.retention;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.config.RetentionSettings;
import vn.onedesk.gateway.reports.DaySummaries;
import vn.onedesk.monitoring.RetentionMetrics;

/**
 * The daily purge ({@link Purge}): every night at {@link RetentionSettings#purgeAt} in the centres' time zone, and
 * once {@link #CATCH_UP_DELAY} after start when no purge finished in the last day (a gateway that is off at night,
 * or was down for a while). One run at a time, and one gateway at a time on a shared database (an advisory lock:
 * another node finding it taken leaves the run to the holder). Each run is logged in one line, counted in the
 * retention metrics, and recorded in {@code retention_runs}. A failed run is logged and tried again the next night.
 */
public final class RetentionJob {
    /** Long enough for the centres to load and the demo's own start-up to finish before a catch-up purge. */
    public static final Duration CATCH_UP_DELAY = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    private static final long LOCK_KEY = 0x0_0D35_C000_0007L;

    private final Vertx vertx;
    private final Pool pool;
    private final RetentionSettings settings;
    private final Clock clock;
    private final RetentionMetrics metrics;
    private final Supplier<ZoneId> zone;
    private final DaySummaries summaries;
    private volatile boolean stopped;
    private long nightly = -1;
    private long catchUp = -1;
    private Future<PurgeReport> running;

    /** @param zone the centres' time zone, asked at each scheduling (the first running centre's) */
    public RetentionJob(Vertx vertx, Pool pool, RetentionSettings settings, Clock clock, RetentionMetrics metrics,
                        Supplier<ZoneId> zone) {
        this.vertx = vertx;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.zone = zone;
        this.summaries = new DaySummaries(vertx, pool);
    }

    /** Schedules the nightly purge, and a catch-up one if none finished in the last day. Never fails the start. */
    public Future<Void> start() {
        if (!settings.enabled()) {
            LOG.warning("retention is off (gateway.retention.enabled / ONEDESK_RETENTION): events, tickets, requests"
                    + " and priority groups are kept for ever");
            return Future.succeededFuture();
        }
        scheduleNight();
        return pool.query("SELECT max(run_at) FROM retention_runs").execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime(0))
                .onSuccess(last -> {
                    if (last == null || last.toInstant().isBefore(clock.instant().minus(Duration.ofDays(1)))) {
                        catchUp = vertx.setTimer(CATCH_UP_DELAY.toMillis(), id -> runLogged());
                    }
                    metrics.retentionRan(last == null ? Instant.EPOCH : last.toInstant());
                })
                .<Void>mapEmpty()
                .otherwise(e -> {
                    LOG.warning("retention: could not read when the last purge ran (" + e.getMessage() + ")");
                    return null;
                });
    }

    /** Cancels the timers; a run in progress stops after its current statement. */
    public void stop() {
        stopped = true;
        if (nightly >= 0) {
            vertx.cancelTimer(nightly);
        }
        if (catchUp >= 0) {
            vertx.cancelTimer(catchUp);
        }
    }

    /**
     * Purges now, as of the clock's instant; a run already in progress is returned instead of starting another.
     * Fails when the purge fails; succeeds with an empty report when another gateway holds the purge.
     */
    public synchronized Future<PurgeReport> runOnce() {
        if (running != null && !running.isComplete()) {
            return running;
        }
        Instant now = clock.instant();
        long started = System.nanoTime();
        running = pool.withConnection(conn -> conn.query("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")").execute()
                .compose(locked -> {
                    if (!locked.iterator().next().getBoolean(0)) {
                        LOG.info("retention: another gateway is purging this database; this one leaves it to it");
                        return Future.succeededFuture(new PurgeReport(now));
                    }
                    return new Purge(conn, summaries, settings, now, () -> stopped).run()
                            .compose(report -> record(report, started))
                            .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute());
                }));
        return running;
    }

    private Future<PurgeReport> record(PurgeReport report, long startedNanos) {
        report.took(Duration.ofNanos(System.nanoTime() - startedNanos));
        report.deleted().forEach(metrics::retentionPurged);
        report.erased().forEach(metrics::retentionErased);
        for (int i = 0; i < report.summarised(); i++) {
            metrics.retentionDaySummarised();
        }
        LOG.info(report.line());
        Instant finished = clock.instant();
        return pool.preparedQuery("INSERT INTO retention_runs (run_at, purged) VALUES ($1, $2) ON CONFLICT (run_at)"
                        + " DO UPDATE SET purged = EXCLUDED.purged")
                .execute(Tuple.of(finished.atOffset(ZoneOffset.UTC), report.json()))
                .compose(v -> pool.preparedQuery("DELETE FROM retention_runs WHERE run_at < $1")
                        .execute(Tuple.of(finished.minus(Duration.ofDays(settings.auditDays())).atOffset(ZoneOffset.UTC))))
                .map(v -> {
                    metrics.retentionRan(finished);
                    return report;
                });
    }

    private void runLogged() {
        if (stopped) {
            return;
        }
        runOnce().onFailure(e -> LOG.log(Level.WARNING, "retention: the purge failed; it runs again next night", e));
    }

    private void scheduleNight() {
        if (stopped) {
            return;
        }
        Duration wait = untilNext(clock.instant(), zone.get(), settings);
        nightly = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            runLogged();
            scheduleNight();
        });
    }

    /** How long from {@code now} until the next {@code purgeAt} in the zone (tomorrow's if today's has passed). */
    static Duration untilNext(Instant now, ZoneId zone, RetentionSettings settings) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime next = local.toLocalDate().atTime(settings.purgeAt()).atZone(zone);
        if (!next.isAfter(local)) {
            next = local.toLocalDate().plusDays(1).atTime(settings.purgeAt()).atZone(zone);
        }
        return Duration.between(now, next.toInstant());
    }

}
