package vn.onedesk.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real clock moved to a chosen instant, running on from there, which a test may move forward again: for pages in
 * a real browser (whose timers, keep-alives and retries need time that runs) on a day the test chooses, e.g. a Monday
 * morning before a booked slot, then inside its check-in window.
 */
public final class ShiftedClock extends Clock {
    private volatile Duration shift;

    private ShiftedClock(Duration shift) {
        this.shift = shift;
    }

    /** The clock reads {@code start} now, and time runs from there. */
    public static ShiftedClock startingAt(Instant start) {
        return new ShiftedClock(Duration.between(Instant.now(), start));
    }

    /** Jumps forward to {@code at} (time runs on from there). */
    public void jumpTo(Instant at) {
        Duration by = Duration.between(instant(), at);
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock runs forward only: " + at + " is before " + instant());
        }
        shift = shift.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the gateway reads instants only");
    }
}
