package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import vn.onedesk.engine.centre.CentreDefinition;

/**
 * The report figures of a centre's closed days whose events retention deletes ({@code report_days},
 * {@code report_day_steps}). Before a day's events go, {@link #summarise} follows its tickets once more with
 * {@link TicketLegs} and keeps every step it counts, grouped by kind, service, counter and officer, with each wait
 * and service time: nothing that names a ticket or a citizen. Every report then reads a summarised day from here
 * ({@link #read}), so the daily report, a report over a period that holds the day (by day, service, counter,
 * operator or officer) and the province's give the same figures as before: the same steps on the same lines,
 * the p90 over the same waits, each wait judged against its service's target as the definition has it now.
 */
public final class DaySummaries {
    private static final String READ = "SELECT d.day, s.step, s.service, s.counter_id, s.officer_id, s.count,"
            + " s.durations FROM report_days d LEFT JOIN report_day_steps s"
            + " ON s.centre_id = d.centre_id AND s.day = d.day"
            + " WHERE d.centre_id = $1 AND d.day >= $2 AND d.day <= $3 ORDER BY d.day, s.seq";

    private final Vertx vertx;
    private final Pool pool;
    private final StoredEvents events;

    public DaySummaries(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
        this.events = new StoredEvents(vertx, pool);
    }

    /**
     * A kept group of steps of one day.
     *
     * @param counter   null for a step of a service's queue
     * @param officer   null when nobody was bound to the counter
     * @param durations each wait, or each known service time, in nanoseconds; empty for the other kinds
     */
    record Group(Step.Kind kind, String service, String counter, String officer, int count, long[] durations) {
    }

    /** The summaries of the period's summarised days, in day order, each day's groups in the order they happened. */
    record Summaries(Map<LocalDate, List<Group>> days) {
    }

    /**
     * Keeps the report figures of the centre's local day, read from its events as a report reads them, unless the day
     * is summarised already. Call only for a closed day none of whose tickets is still in the queue: its figures can
     * no longer change. Succeeds with whether it summarised the day now.
     */
    public Future<Boolean> summarise(CentreDefinition centre, LocalDate day, Instant now) {
        Recorder recorder = new Recorder();
        TicketLegs legs = new TicketLegs(centre, day, day, recorder);
        return pool.preparedQuery("SELECT 1 FROM report_days WHERE centre_id = $1 AND day = $2")
                .execute(Tuple.of(centre.id(), day))
                .compose(found -> found.size() > 0 ? Future.succeededFuture(false)
                        : events.read(centre.id(), Period.day(day), centre.timezone(),
                                        (StoredRow row) -> legs.read(row))
                                .compose(v -> vertx.executeBlocking(() -> {
                                    legs.end();
                                    return recorder.rows(centre.id(), day);
                                }, false))
                                .compose(rows -> store(centre.id(), day, now, rows)));
    }

    private Future<Boolean> store(String centre, LocalDate day, Instant now, List<Tuple> rows) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO report_days (centre_id, day, summarised_at)"
                        + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(centre, day, now.atOffset(ZoneOffset.UTC)))
                .compose(inserted -> inserted.rowCount() == 0 || rows.isEmpty()
                        ? Future.succeededFuture(inserted.rowCount() == 1)
                        : conn.preparedQuery("INSERT INTO report_day_steps (centre_id, day, seq, step, service,"
                                        + " counter_id, officer_id, count, durations) VALUES ($1, $2, $3, $4, $5, $6,"
                                        + " $7, $8, $9)")
                                .executeBatch(rows).map(true)));
    }

    /** The summaries of the centre's summarised days in the period (none: an empty map). */
    Future<Summaries> read(String centre, Period period) {
        return pool.preparedQuery(READ).execute(Tuple.of(centre, period.from(), period.to())).map(rows -> {
            Map<LocalDate, List<Group>> days = new TreeMap<>();
            for (Row r : rows) {
                List<Group> groups = days.computeIfAbsent(r.getLocalDate(0), d -> new ArrayList<>());
                if (r.getString(1) != null) {
                    Long[] durations = r.getArrayOfLongs(6);
                    long[] nanos = new long[durations.length];
                    for (int i = 0; i < nanos.length; i++) {
                        nanos[i] = durations[i];
                    }
                    groups.add(new Group(Step.Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3),
                            r.getString(4), r.getInteger(5), nanos));
                }
            }
            return new Summaries(days);
        });
    }

    /**
     * Reads a centre's period into {@code legs}: the summarised days from their summaries, then the events of the
     * others (the events of a summarised day's tickets that are still stored are passed over). The counting runs on
     * worker threads, one step after the other.
     */
    Future<Void> readInto(CentreDefinition centre, Period period, TicketLegs legs) {
        return read(centre.id(), period).compose(summaries -> {
            legs.summarised(summaries.days().keySet());
            Future<Void> replayed = summaries.days().isEmpty() ? Future.succeededFuture()
                    : vertx.executeBlocking(() -> {
                        summaries.days().forEach((day, groups) -> groups.forEach(g -> legs.replay(day, g)));
                        return null;
                    }, false);
            if (summaries.days().size() == period.days()) {
                return replayed;
            }
            Consumer<StoredRow> reader = legs::read;
            return replayed.compose(v -> events.read(centre.id(), period, centre.timezone(), reader));
        });
    }

    /** The steps of one day as TicketLegs counts them, grouped, in the order each group first happened. */
    private static final class Recorder implements Lines {
        private record Key(Step.Kind kind, String service, String counter, String officer) {
        }

        private static final class Counted {
            int count;
            final List<Long> durations = new ArrayList<>();
        }

        private final Map<Key, Counted> groups = new LinkedHashMap<>();

        @Override
        public void queue(LocalDate day, String service, Consumer<Tally> count) {
            record(service, null, null, count);
        }

        @Override
        public void counter(LocalDate day, String service, String counter, String officer, Consumer<Tally> count) {
            record(service, counter, officer, count);
        }

        private void record(String service, String counter, String officer, Consumer<Tally> count) {
            Step step = (Step) Objects.requireNonNull(count);
            Counted c = groups.computeIfAbsent(new Key(step.kind(), service, counter, officer), k -> new Counted());
            c.count++;
            if (step.duration() != null) {
                c.durations.add(step.duration().toNanos());
            }
        }

        List<Tuple> rows(String centre, LocalDate day) {
            List<Tuple> rows = new ArrayList<>();
            int seq = 0;
            for (Map.Entry<Key, Counted> e : groups.entrySet()) {
                Key k = e.getKey();
                rows.add(Tuple.from(new Object[] {centre, day, ++seq, k.kind().name(), k.service(), k.counter(),
                        k.officer(), e.getValue().count, e.getValue().durations.toArray(new Long[0])}));
            }
            return rows;
        }
    }
}
