package vn.onedesk.engine.simulation;

import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tickets waiting in each service's queue, sampled at fixed local times over the day (after
 * everything that happened at that instant).
 *
 * @param waiting per service, in the centre's service order, one count per sample time
 */
public record WaitingSeries(List<LocalTime> at, Map<String, List<Integer>> waiting) {
    public WaitingSeries {
        at = List.copyOf(at);
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : waiting.entrySet()) {
            if (e.getValue().size() != at.size()) {
                throw new IllegalArgumentException("service " + e.getKey() + " has " + e.getValue().size()
                        + " samples for " + at.size() + " times");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        waiting = Collections.unmodifiableMap(copy);
    }
}
