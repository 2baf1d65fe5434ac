package vn.onedesk.gateway.displays;

import java.time.Duration;

/**
 * The debounce window of one centre's display refresh, stretched under load and shrunk back when quiet, so that the
 * refresh never takes more than a small share of a core per centre however long its lines get, and a busy centre's
 * displays are refreshed less often rather than late.
 *
 * <p>The rule, applied after each refresh: it was <em>busy</em> when its projection took at least a tenth of the
 * window ({@link #BUSY_SHARE}; measured from the snapshot to the result, so time spent waiting for a worker while
 * other centres project counts too: a gateway short of CPU stretches every centre's window), or when {@link #BUSY_REQUESTS} or more commits asked for a refresh since the previous
 * one; then the window doubles, up to {@code max}. It was <em>quiet</em> when the projection took under a fortieth of
 * the window and at most {@link #QUIET_REQUESTS} commits asked; then the window halves, down to {@code base}.
 * Otherwise it stays. A waiting-time display that is a few seconds old says the same thing to a citizen (estimates
 * are in five-minute steps); calls and now-serving are never debounced.
 *
 * <p>Not thread-safe: used on the centre's context only.
 */
final class StretchingWindow {
    static final Duration DEFAULT_MAX = Duration.ofSeconds(4);
    static final int BUSY_SHARE = 10;
    static final int QUIET_SHARE = 40;
    static final int BUSY_REQUESTS = 20;
    static final int QUIET_REQUESTS = 2;

    private final long baseNanos;
    private final long maxNanos;
    private long nanos;
    private int requests;

    /** A window that never stretches: {@code base} always. */
    static StretchingWindow fixed(Duration base) {
        return new StretchingWindow(base, base);
    }

    StretchingWindow(Duration base, Duration max) {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max, got " + base + " and " + max);
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.nanos = baseNanos;
    }

    /** The window now. */
    long nanos() {
        return nanos;
    }

    /** A commit asked for a refresh. */
    void requested() {
        requests++;
    }

    /** A refresh finished; its projection took this long. */
    void refreshed(long tookNanos) {
        boolean busy = tookNanos * BUSY_SHARE >= nanos || requests >= BUSY_REQUESTS;
        boolean quiet = tookNanos * QUIET_SHARE < nanos && requests <= QUIET_REQUESTS;
        if (busy) {
            // at least doubled, and at once long enough for the projection to take a tenth of it
            nanos = Math.min(maxNanos, Math.max(nanos * 2, tookNanos * BUSY_SHARE));
        } else if (quiet) {
            nanos = Math.max(baseNanos, nanos / 2);
        }
        requests = 0;
    }
}
