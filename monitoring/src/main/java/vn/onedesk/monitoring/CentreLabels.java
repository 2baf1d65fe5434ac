package vn.onedesk.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label values a centre will use, known from its configuration, so that its series exist
 * (at zero) from the start: {@code increase()} and {@code rate()} then see the first event too,
 * and dashboards show zero rather than nothing.
 *
 * @param operatorsByService for each service code, the operators whose counters can serve it
 * @param operators          every operator staffing a counter of the centre
 * @param channels           the ticket channels (WALK_IN...)
 * @param priorities         the priority groups (NONE, ELDERLY...)
 */
public record CentreLabels(String centre, Map<String, Set<String>> operatorsByService, Set<String> operators,
                           List<String> channels, List<String> priorities) {
    public CentreLabels {
        operatorsByService = Map.copyOf(operatorsByService);
        operators = Set.copyOf(operators);
        channels = List.copyOf(channels);
        priorities = List.copyOf(priorities);
    }
}
