package vn.onedesk.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, forward only, so that waits and service times have exact, known lengths and
 * each event is stamped with the minute the test's script says.
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        set(now.plus(by));
    }

    public void set(Instant at) {
        if (at.isBefore(now)) {
            throw new IllegalArgumentException("the test clock runs forward only: " + at + " is before " + now);
        }
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
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
