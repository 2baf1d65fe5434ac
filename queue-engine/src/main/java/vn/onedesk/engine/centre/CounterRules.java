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
 * @param remotePerPhone how many remote tickets (taken from a phone, not yet called) one phone number may hold at the
 *                     centre at once; 0: the centre takes no remote tickets
 * @param remoteGrace  how long an unconfirmed remote ticket is passed over after a call first reached it, before the
 *                     next call that reaches it ends it as an expired NO_SHOW; 0: it is passed over once, and expires
 *                     at its second turn
 * @param turnNearAhead the citizen's page says "your turn is near" once this many tickets or fewer are ahead
 */
public record CounterRules(int recallLimit, Duration parkTimeout, Duration requeueGrace, int requeueAfter,
                           Duration ratingWindow, int remotePerPhone, Duration remoteGrace, int turnNearAhead) {
    public static final int MAX_RECALL_LIMIT = 20;
    public static final Duration MIN_PARK_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MAX_PARK_TIMEOUT = Duration.ofHours(4);
    public static final Duration MAX_REQUEUE_GRACE = Duration.ofHours(4);
    public static final int MAX_REQUEUE_AFTER = 100;
    public static final Duration MIN_RATING_WINDOW = Duration.ofSeconds(30);
    public static final Duration MAX_RATING_WINDOW = Duration.ofMinutes(30);
    public static final int MAX_REMOTE_PER_PHONE = 10;
    public static final Duration MAX_REMOTE_GRACE = Duration.ofMinutes(60);
    public static final int MAX_TURN_NEAR_AHEAD = 50;

    /** After the bounds: static fields initialise in order, and construction checks against them. */
    public static final int DEFAULT_REMOTE_PER_PHONE = 2;
    public static final Duration DEFAULT_REMOTE_GRACE = Duration.ofMinutes(5);
    public static final int DEFAULT_TURN_NEAR_AHEAD = 3;
    public static final CounterRules DEFAULT = new CounterRules(3, Duration.ofMinutes(15), Duration.ofMinutes(30), 3,
            Duration.ofMinutes(2));

    public CounterRules {
        Objects.requireNonNull(parkTimeout, "parkTimeout");
        Objects.requireNonNull(requeueGrace, "requeueGrace");
        Objects.requireNonNull(ratingWindow, "ratingWindow");
        Objects.requireNonNull(remoteGrace, "remoteGrace");
        List<String> problems = problems(recallLimit, parkTimeout, requeueGrace, requeueAfter, ratingWindow);
        problems.addAll(remoteProblems(remotePerPhone, remoteGrace, turnNearAhead));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** With the default rules of remote tickets and of the "turn is near" notice. */
    public CounterRules(int recallLimit, Duration parkTimeout, Duration requeueGrace, int requeueAfter,
                        Duration ratingWindow) {
        this(recallLimit, parkTimeout, requeueGrace, requeueAfter, ratingWindow, DEFAULT_REMOTE_PER_PHONE,
                DEFAULT_REMOTE_GRACE, DEFAULT_TURN_NEAR_AHEAD);
    }

    /** The same rules with these for remote tickets and the "turn is near" notice. */
    public CounterRules withRemote(int perPhone, Duration grace, int nearAhead) {
        return new CounterRules(recallLimit, parkTimeout, requeueGrace, requeueAfter, ratingWindow, perPhone, grace,
                nearAhead);
    }

    /** Every value of the remote tickets' rules outside its bounds; empty when all are fine. */
    public static List<String> remoteProblems(int remotePerPhone, Duration remoteGrace, int turnNearAhead) {
        List<String> problems = new ArrayList<>();
        if (remotePerPhone < 0 || remotePerPhone > MAX_REMOTE_PER_PHONE) {
            problems.add("remotePerPhone must be from 0 to " + MAX_REMOTE_PER_PHONE + ", not " + remotePerPhone);
        }
        if (remoteGrace.isNegative() || remoteGrace.compareTo(MAX_REMOTE_GRACE) > 0) {
            problems.add("remoteGraceMinutes must be from 0 to " + MAX_REMOTE_GRACE.toMinutes() + ", not "
                    + remoteGrace.toMinutes());
        }
        if (turnNearAhead < 1 || turnNearAhead > MAX_TURN_NEAR_AHEAD) {
            problems.add("turnNearAhead must be from 1 to " + MAX_TURN_NEAR_AHEAD + ", not " + turnNearAhead);
        }
        return problems;
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
