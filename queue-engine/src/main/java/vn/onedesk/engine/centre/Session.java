package vn.onedesk.engine.centre;

import java.time.LocalTime;
import java.util.Objects;

/** An opening period in local time, [from, to). */
public record Session(LocalTime from, LocalTime to) {
    public Session {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("session must end after it starts: " + from + "-" + to);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(to);
    }
}
