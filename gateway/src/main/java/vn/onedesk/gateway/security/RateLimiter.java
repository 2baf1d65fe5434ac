package vn.onedesk.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code limit} requests per key (a client's address) in each window of {@code window}: a fixed window that
 * starts at a key's first request. Over the limit, a request is refused with how long until the window ends (for
 * Retry-After). Unlike {@link LoginThrottle}, which counts failures, this counts every request: for what a citizen
 * may do without logging in (booking a slot), where each request costs a row.
 *
 * <p>The counts live in this gateway's memory: a restart forgets them, and each node of a cluster counts for itself.
 * At most {@link #MAX_KEYS} keys are held; beyond that, the key used longest ago is forgotten. Thread-safe.
 */
public final class RateLimiter {
    static final int MAX_KEYS = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_KEYS;
        }
    };

    private static final class Window {
        Instant start;
        int count;
    }

    public RateLimiter(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive count and window");
        }
        this.limit = limit;
        this.window = window;
    }

    /** Counts a request of this key: empty if it may go on, else how long until it may. */
    public synchronized Optional<Duration> acquire(String key, Instant now) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (w.start == null || !now.isBefore(w.start.plus(window))) {
            w.start = now;
            w.count = 0;
        }
        if (w.count >= limit) {
            Duration left = Duration.between(now, w.start.plus(window));
            return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
        }
        w.count++;
        return Optional.empty();
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }
}
