package vn.onedesk.gateway.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many remote tickets each address asked for in the current hour, on this node: a fixed window per address,
 * enough to keep one client from filling a centre's lines from a script, without remembering addresses for longer
 * than the window (windows that ended are dropped as the map is used). Behind a proxy every citizen has the proxy's
 * address, so the proxy is where to limit then (HAProxy's per-address caps, docs/security.md).
 */
final class AddressRate {
    static final Duration WINDOW = Duration.ofHours(1);
    /** Past this many addresses, the ended windows are swept on the next request. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(Instant start, int count) {
    }

    private final int perWindow;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AddressRate(int perWindow) {
        this.perWindow = perWindow;
    }

    /** Counts a request from {@code address}; empty when it is allowed, else how long until it would be. */
    java.util.Optional<Duration> take(String address, Instant now) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(WINDOW)));
        }
        Window w = windows.compute(address, (a, was) -> was == null || !now.isBefore(was.start().plus(WINDOW))
                ? new Window(now, 1) : new Window(was.start(), was.count() + 1));
        if (w.count() <= perWindow) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.between(now, w.start().plus(WINDOW)));
    }
}
