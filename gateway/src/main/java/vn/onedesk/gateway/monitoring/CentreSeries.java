package vn.onedesk.gateway.monitoring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.monitoring.CentreLabels;

/** The label values of a configured centre, so its series exist from the start. */
public final class CentreSeries {
    private CentreSeries() {
    }

    public static CentreLabels of(CentreDefinition centre) {
        Map<String, Set<String>> operatorsByService = new LinkedHashMap<>();
        for (ServiceField service : centre.services()) {
            operatorsByService.put(service.code(), centre.counters().stream()
                    .filter(c -> c.canServe(service.code()))
                    .map(c -> c.operator().code())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        Set<String> operators = centre.counters().stream().map(CounterDefinition::operator).map(o -> o.code())
                .collect(Collectors.toCollection(TreeSet::new));
        return new CentreLabels(centre.id(), operatorsByService, operators,
                Arrays.stream(Channel.values()).map(Enum::name).toList(),
                Arrays.stream(PriorityGroup.values()).filter(PriorityGroup::isIssuable).map(Enum::name).toList());
    }
}
