package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Runs an action at most once per window, on one Vert.x context: at once when the last run is a
 * window or more ago (leading edge), otherwise once at the end of the window, however many requests
 * came meanwhile (trailing edge). A request is never lost: the run that follows it sees its change.
 *
 * <p>Not thread-safe: call it only on its context (timers set there fire there).
 */
final class Debouncer {
    private final Context context;
    private final LongSupplier windowNanos;
    private final Runnable action;
    private boolean ran;
    private long lastRun;
    private long timer = -1;
    private boolean held;
    private boolean owed;

    Debouncer(Context context, Duration window, Runnable action) {
        this(context, fixed(window), action);
    }

    /** With a window that may change between runs (read at each request), e.g. a {@link StretchingWindow}. */
    Debouncer(Context context, LongSupplier windowNanos, Runnable action) {
        this.context = context;
        this.windowNanos = windowNanos;
        this.action = action;
    }

    private static LongSupplier fixed(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
        long nanos = window.toNanos();
        return () -> nanos;
    }

    /** Something changed: run now if idle, else make sure a run follows within the window. */
    void request() {
        if (owed && !held) {
            owed = false;
            run();
            return;
        }
        if (timer >= 0 || owed) {
            return;
        }
        long window = windowNanos.getAsLong();
        long sinceLast = System.nanoTime() - lastRun;
        if (!ran || sinceLast >= window) {
            runOrOwe();
        } else {
            long delayMs = Math.max(1, (window - sinceLast + 999_999) / 1_000_000);
            timer = context.owner().setTimer(delayMs, id -> {
                timer = -1;
                runOrOwe();
            });
        }
    }

    /** Runs now, whatever the window (a reload must publish at once); a pending run is folded in. */
    void runNow() {
        cancel();
        owed = false;
        run();
    }

    /**
     * Holds runs back while the state is not fit to be read (a commit in flight); a run that falls due
     * meanwhile is owed, and the next {@link #request} after {@link #release} makes it at once.
     */
    void hold() {
        held = true;
    }

    void release() {
        held = false;
    }

    void cancel() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    private void runOrOwe() {
        if (held) {
            owed = true;
        } else {
            run();
        }
    }

    private void run() {
        ran = true;
        lastRun = System.nanoTime();
        action.run();
    }
}
