package vn.onedesk.gateway.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets, so the gateway stamps each event with the minute the script says. */
final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
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
