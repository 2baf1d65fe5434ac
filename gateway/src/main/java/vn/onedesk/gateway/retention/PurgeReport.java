package vn.onedesk.gateway.retention;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.onedesk.monitoring.RetentionMetrics;

/**
 * What one purge did: rows deleted and priority groups erased per table, days summarised, and the days it had to
 * keep (a ticket of theirs still in the queue). Filled in by one run, one step after the other.
 */
public final class PurgeReport {
    private final Instant at;
    private final Map<String, Long> deleted = new LinkedHashMap<>();
    private final Map<String, Long> erased = new LinkedHashMap<>();
    private final Map<String, Long> largestBatch = new LinkedHashMap<>();
    private final List<String> kept = new ArrayList<>();
    private int summarised;
    private Duration slowestStatement = Duration.ZERO;
    private Duration took = Duration.ZERO;

    PurgeReport(Instant at) {
        this.at = at;
        RetentionMetrics.PURGED_TABLES.forEach(table -> deleted.put(table, 0L));
        RetentionMetrics.ERASED_TABLES.forEach(table -> erased.put(table, 0L));
    }

    public Instant at() {
        return at;
    }

    /** Rows deleted, by table. */
    public Map<String, Long> deleted() {
        return Map.copyOf(deleted);
    }

    /** Priority groups erased, by table. */
    public Map<String, Long> erased() {
        return Map.copyOf(erased);
    }

    /** The most rows one statement deleted or updated, by table: never more than the batch size. */
    public long largestBatch(String table) {
        return largestBatch.getOrDefault(table, 0L);
    }

    /** Days whose report figures were summarised by this run. */
    public int summarised() {
        return summarised;
    }

    /** Days past retention kept because a ticket of theirs is still in the queue, as "centre day (n tickets)". */
    public List<String> kept() {
        return List.copyOf(kept);
    }

    void deleted(String table, long rows) {
        deleted.merge(table, rows, Long::sum);
        largestBatch.merge(table, rows, Math::max);
    }

    void erased(String table, long rows) {
        erased.merge(table, rows, Long::sum);
        largestBatch.merge(table, rows, Math::max);
    }

    void summarisedOne() {
        summarised++;
    }

    void kept(String centre, java.time.LocalDate day, long activeTickets) {
        kept.add(centre + " " + day + " (" + activeTickets + " ticket(s) still in the queue)");
    }

    /** The longest one statement of the run took: how long a centre's write may have waited behind the purge. */
    public Duration slowestStatement() {
        return slowestStatement;
    }

    void statementTook(Duration d) {
        if (d.compareTo(slowestStatement) > 0) {
            slowestStatement = d;
        }
    }

    void took(Duration d) {
        took = d;
    }

    JsonObject json() {
        return new JsonObject().put("deleted", new JsonObject(new LinkedHashMap<>(deleted)))
                .put("erased", new JsonObject(new LinkedHashMap<>(erased))).put("summarisedDays", summarised)
                .put("kept", kept);
    }

    /** The run's one log line. */
    String line() {
        String rows = deleted.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String groups = erased.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return "retention: deleted " + rows + "; erased the priority group in " + groups + "; summarised "
                + summarised + " day(s) for reports"
                + (kept.isEmpty() ? "" : "; kept past retention: " + String.join(", ", kept))
                + " (" + took.toMillis() + " ms, the slowest statement " + slowestStatement.toMillis() + " ms)";
    }
}
