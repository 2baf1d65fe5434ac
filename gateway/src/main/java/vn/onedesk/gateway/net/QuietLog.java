package vn.onedesk.gateway.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A log line that anyone on the network can cause, written at most once per interval for each kind: the
 * rest are counted and the next line says how many were left out. An unauthenticated client can then cost
 * the log a line every interval, never a line (or a stack trace) per packet. Shared by the MQTT and HTTP listeners
 * (and their connection caps), which is why it lives here and not in either.
 */
public final class QuietLog {
    public static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final LongSupplier nanoTime;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private static final class Kind {
        final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong left = new AtomicLong();
    }

    public QuietLog(Logger log) {
        this(log, System::nanoTime);
    }

    QuietLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** Logs the message unless a line of this kind was written less than the interval ago. */
    public void log(Level level, String kind, Supplier<String> message) {
        if (!log.isLoggable(level)) {
            return;
        }
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        long now = nanoTime.getAsLong();
        long next = k.next.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !k.next.compareAndSet(next, now + INTERVAL_NANOS)) {
            k.left.incrementAndGet();
            return;
        }
        long left = k.left.getAndSet(0);
        log.log(level, () -> message.get() + (left == 0 ? "" : " (and " + left + " more like it left out)"));
    }
}
