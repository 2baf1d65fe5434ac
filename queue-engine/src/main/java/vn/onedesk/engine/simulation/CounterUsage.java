package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.util.Objects;
import vn.onedesk.engine.centre.Operator;

/**
 * How a counter spent its day.
 *
 * @param open  time between opening and closing, summed over sessions (a counter that was busy at
 *              the end of a session closed when that citizen was done)
 * @param busy  time with a citizen called to it: from the call to completion, transfer or no-show
 * @param calls first calls of tickets (recalls not counted)
 */
public record CounterUsage(String id, Operator operator, Duration open, Duration busy, int calls) {
    public CounterUsage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(busy, "busy");
    }

    /** Busy time over open time; NaN for a counter that never opened. */
    public double utilisation() {
        return open.isZero() ? Double.NaN : (double) busy.toSeconds() / open.toSeconds();
    }
}
