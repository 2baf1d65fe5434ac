package vn.onedesk.engine.centre;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a centre's counters may handle a citizen beyond calling and serving: how often a ticket may be called again,
 * how long a parked citizen is held, how long a no-show may still come back, and how long after COMPLETE the
 * counter's rating pad takes a rating. Part of the centre's definition, so it changes through the centre's writer
 * like the rest of it. Construction refuses values outside the bounds below, naming each problem.
 *
 * @param recallLimit  how many times RECALL may call a ticket again at one counter; once reached, RECALL is refused
 *                     (the counter marks it NO_SHOW instead)
 * @param parkTimeout  how long a parked ticket is held before it expires to NO_SHOW
 * @param requeueGrace how long after a NO_SHOW the ticket may still be put back in line (REQUEUE)
 * @param requeueAfter where a requeued ticket goes: back in its service's line behind this many of the tickets
 *                     waiting (or at the end, when fewer wait)
 * @param ratingWindow how long after COMPLETE the counter's rating pad takes the citizen's rating
 */
public record CounterRules(int recallLimit, Duration parkTimeout, Duration requeueGrace, int requeueAfter,
                           Duration ratingWindow) {
    public static final int MAX_RECALL_LIMIT = 20;
    public static final Duration MIN_PARK_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MAX_PARK_TIMEOUT = Duration.ofHours(4);
    public static final Duration MAX_REQUEUE_GRACE = Duration.ofHours(4);
    public static final int MAX_REQUEUE_AFTER = 100;
    public static final Duration MIN_RATING_WINDOW = Duration.ofSeconds(30);
    public static final Duration MAX_RATING_WINDOW = Duration.ofMinutes(30);

    /** After the bounds: static fields initialise in order, and construction checks against them. */
    public static final CounterRules DEFAULT = new CounterRules(3, Duration.ofMinutes(15), Duration.ofMinutes(30), 3,
            Duration.ofMinutes(2));

    public CounterRules {
        Objects.requireNonNull(parkTimeout, "parkTimeout");
        Objects.requireNonNull(requeueGrace, "requeueGrace");
        Objects.requireNonNull(ratingWindow, "ratingWindow");
        List<String> problems = problems(recallLimit, parkTimeout, requeueGrace, requeueAfter, ratingWindow);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every value outside its bounds, as a configuration reader reports it; empty when all are fine. */
    public static List<String> problems(int recallLimit, Duration parkTimeout, Duration requeueGrace, int requeueAfter,
                                        Duration ratingWindow) {
        List<String> problems = new ArrayList<>();
        if (recallLimit < 0 || recallLimit > MAX_RECALL_LIMIT) {
            problems.add("recallLimit must be from 0 to " + MAX_RECALL_LIMIT + ", not " + recallLimit);
        }
        if (parkTimeout.compareTo(MIN_PARK_TIMEOUT) < 0 || parkTimeout.compareTo(MAX_PARK_TIMEOUT) > 0) {
            problems.add("parkTimeout must be from " + MIN_PARK_TIMEOUT.toMinutes() + " to "
                    + MAX_PARK_TIMEOUT.toMinutes() + " minutes, not " + parkTimeout.toMinutes());
        }
        if (requeueGrace.isNegative() || requeueGrace.compareTo(MAX_REQUEUE_GRACE) > 0) {
            problems.add("requeueGrace must be from 0 to " + MAX_REQUEUE_GRACE.toMinutes() + " minutes, not "
                    + requeueGrace.toMinutes());
        }
        if (requeueAfter < 0 || requeueAfter > MAX_REQUEUE_AFTER) {
            problems.add("requeueAfter must be from 0 to " + MAX_REQUEUE_AFTER + ", not " + requeueAfter);
        }
        if (ratingWindow.compareTo(MIN_RATING_WINDOW) < 0 || ratingWindow.compareTo(MAX_RATING_WINDOW) > 0) {
            problems.add("ratingWindowSeconds must be from " + MIN_RATING_WINDOW.toSeconds() + " to "
                    + MAX_RATING_WINDOW.toSeconds() + ", not " + ratingWindow.toSeconds());
        }
        return problems;
    }
}
