package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.util.Objects;

/** An estimated wait: the point value and the band shown to citizens ("10–20 phút"). */
public record EstimatedWait(Duration value, Duration low, Duration high) {
    public EstimatedWait {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (low.compareTo(value) > 0 || value.compareTo(high) > 0 || low.isNegative()) {
            throw new IllegalArgumentException("estimate must satisfy 0 <= low <= value <= high");
        }
    }

    public static final EstimatedWait NONE = new EstimatedWait(Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
