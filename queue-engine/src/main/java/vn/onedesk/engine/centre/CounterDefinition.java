package vn.onedesk.engine.centre;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A counter (quầy) as configured: who staffs it and what it can serve.
 *
 * @param primary   services this counter is staffed for
 * @param secondary services it may take when they need help
 */
public record CounterDefinition(String id, int number, Operator operator, List<String> primary, List<String> secondary) {
    public CounterDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operator, "operator");
        primary = List.copyOf(primary);
        secondary = List.copyOf(secondary);
        if (number <= 0) {
            throw new IllegalArgumentException("counter " + id + " needs a positive number");
        }
        if (primary.isEmpty()) {
            throw new IllegalArgumentException("counter " + id + " needs at least one primary service");
        }
        for (String s : secondary) {
            if (primary.contains(s)) {
                throw new IllegalArgumentException("counter " + id + " lists " + s + " as both primary and secondary");
            }
        }
    }

    /** Primary skills first, then secondary, each in configured order. */
    public List<String> skills() {
        List<String> all = new ArrayList<>(primary);
        all.addAll(secondary);
        return all;
    }

    public boolean canServe(String service) {
        return primary.contains(service) || secondary.contains(service);
    }

    public boolean isPrimaryFor(String service) {
        return primary.contains(service);
    }
}
