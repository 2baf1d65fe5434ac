package vn.onedesk.gateway.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated day's clock, read against a monotonic real clock (nanoseconds): it runs at
 * {@code speed} times real time, except while it catches up to a target instant at a faster
 * {@code catchUpRate}. {@link #jump} restarts it somewhere else. Pure arithmetic, so that the
 * mapping between both clocks can be tested without waiting.
 */
final class SimClock {
    private final double speed;
    private long anchorNanos;
    private Instant anchor;
    private Instant fastUntil;
    private double fastRate;

    SimClock(double speed, long nowNanos, Instant start) {
        this.speed = speed;
        this.anchorNanos = nowNanos;
        this.anchor = start;
        this.fastUntil = start;
        this.fastRate = speed;
    }

    double speed() {
        return speed;
    }

    /**
     * From now on the clock shows {@code from}, runs at {@code catchUpRate} (or {@code speed}, if faster)
     * until it shows {@code until}, then at {@code speed}.
     */
    void jump(long nowNanos, Instant from, Instant until, double catchUpRate) {
        anchorNanos = nowNanos;
        anchor = from;
        fastUntil = until.isBefore(from) ? from : until;
        fastRate = Math.max(catchUpRate, speed);
    }

    /** The simulated instant at this real moment. */
    Instant at(long nowNanos) {
        double elapsed = Math.max(0, nowNanos - anchorNanos);
        double fastNanos = nanosOf(Duration.between(anchor, fastUntil)) / fastRate;
        if (elapsed <= fastNanos) {
            return anchor.plusNanos(Math.round(elapsed * fastRate));
        }
        return fastUntil.plusNanos(Math.round((elapsed - fastNanos) * speed));
    }

    /** The real moment (monotonic nanoseconds) at which the clock shows {@code simulated}. */
    long nanosAt(Instant simulated) {
        if (!simulated.isAfter(anchor)) {
            return anchorNanos;
        }
        if (!simulated.isAfter(fastUntil)) {
            return anchorNanos + Math.round(nanosOf(Duration.between(anchor, simulated)) / fastRate);
        }
        double fastNanos = nanosOf(Duration.between(anchor, fastUntil)) / fastRate;
        return anchorNanos + Math.round(fastNanos + nanosOf(Duration.between(fastUntil, simulated)) / speed);
    }

    /** Whether the clock is still catching up at this real moment. */
    boolean catchingUp(long nowNanos) {
        return at(nowNanos).isBefore(fastUntil);
    }

    private static double nanosOf(Duration d) {
        return d.getSeconds() * 1e9 + d.getNano();
    }
}
