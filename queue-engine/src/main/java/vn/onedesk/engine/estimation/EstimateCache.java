package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A centre's line estimates, kept while they still hold, so that a busy centre projects each line at most
 * about once a second instead of once per ticket (one projection costs milliseconds in a long line, and
 * every ticket's reply carries an estimate).
 *
 * <p>A line's estimates are dropped when anything changes the queue, except a ticket joining the end of a
 * line the projection never reached to the end of: that ticket would not have been called before the last
 * place projected, so the estimates stand. What such a kept estimate misses is the new ticket's small
 * effect on the arrival rate and the time passing, which is why it is kept for {@link #MAX_AGE} of the
 * queue's own time at most. Used on the queue's own thread only.
 */
public final class EstimateCache {
    public static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Kept(Instant at, LineEstimate line) {
    }

    private final Map<String, Kept> lines = new HashMap<>();

    /** The service's line estimates as of now, computed unless kept ones are recent enough. */
    public LineEstimate get(String service, Instant now, Supplier<LineEstimate> compute) {
        Kept kept = lines.get(service);
        if (kept != null && !now.isBefore(kept.at()) && Duration.between(kept.at(), now).compareTo(MAX_AGE) < 0) {
            return kept.line();
        }
        LineEstimate line = compute.get();
        lines.put(service, new Kept(now, line));
        return line;
    }

    /**
     * The kept lines that {@link #get} would still return at {@code now} and that read nothing of the queue any more
     * ({@link LineEstimate#detached()}), by service: a snapshot of the queue shows the same estimates as the queue's
     * own replies, without projecting the lines again.
     */
    public Map<String, LineEstimate> detached(Instant now) {
        Map<String, LineEstimate> fresh = new HashMap<>();
        lines.forEach((service, kept) -> {
            if (kept.line().detached() && !now.isBefore(kept.at())
                    && Duration.between(kept.at(), now).compareTo(MAX_AGE) < 0) {
                fresh.put(service, kept.line());
            }
        });
        return fresh;
    }

    /** A ticket joined a service's line: at its end ({@code last}), or somewhere before (priority, appointment). */
    public void joined(String service, boolean last) {
        if (!last) {
            lines.clear();
            return;
        }
        lines.values().removeIf(kept -> !kept.line().unchangedByNewLast(service));
    }

    /** Anything else changed the queue. */
    public void clear() {
        lines.clear();
    }
}
