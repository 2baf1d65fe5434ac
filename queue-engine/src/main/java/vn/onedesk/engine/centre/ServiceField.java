package vn.onedesk.engine.centre;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A service field (lĩnh vực) citizens choose at the kiosk.
 *
 * @param prefix              the letter printed before the number, e.g. "A" for A001
 * @param servedBy            operators allowed by law or agreement to serve it
 * @param targetWait          the centre's service-level target for waiting
 * @param expectedServiceTime prior for the mean service time, until real ones are observed
 */
public record ServiceField(String code, String name, String prefix, Set<Operator> servedBy, Duration targetWait,
                           Duration expectedServiceTime) {
    public ServiceField {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        servedBy = Set.copyOf(servedBy);
        Objects.requireNonNull(targetWait, "targetWait");
        Objects.requireNonNull(expectedServiceTime, "expectedServiceTime");
        if (servedBy.isEmpty()) {
            throw new IllegalArgumentException("service " + code + " must be served by at least one operator");
        }
        if (targetWait.isNegative() || targetWait.isZero()) {
            throw new IllegalArgumentException("service " + code + " needs a positive target wait");
        }
        if (expectedServiceTime.isNegative() || expectedServiceTime.isZero()) {
            throw new IllegalArgumentException("service " + code + " needs a positive expected service time");
        }
    }

    public boolean mayBeServedBy(Operator operator) {
        return servedBy.contains(operator);
    }
}
