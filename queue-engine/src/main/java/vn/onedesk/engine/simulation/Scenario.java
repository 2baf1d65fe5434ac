package vn.onedesk.engine.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Session;

/**
 * A centre and one weekday of demand at it, as the {@code onedesk-scenario/1} format describes them
 * (read by the gateway; the engine sees only these values).
 *
 * @param centre          the centre, with its opening sessions, services and counters
 * @param counterSessions the sessions of counters that keep their own hours (absent: the centre's)
 * @param serviceTimes    the distribution of service times per service
 */
public record Scenario(String name, String description, CentreDefinition centre,
                       Map<String, List<Session>> counterSessions, Demand demand,
                       Map<String, ServiceTime> serviceTimes) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(demand, "demand");
        counterSessions = copyOfSessions(counterSessions);
        serviceTimes = Collections.unmodifiableSortedMap(new TreeMap<>(serviceTimes));
        List<String> problems = problems(centre, counterSessions, demand, serviceTimes);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
    }

    private static Map<String, List<Session>> copyOfSessions(Map<String, List<Session>> sessions) {
        TreeMap<String, List<Session>> copy = new TreeMap<>();
        sessions.forEach((counter, list) -> copy.put(counter, List.copyOf(list)));
        return Collections.unmodifiableSortedMap(copy);
    }

    private static List<String> problems(CentreDefinition centre, Map<String, List<Session>> counterSessions,
                                         Demand demand, Map<String, ServiceTime> serviceTimes) {
        List<String> problems = new ArrayList<>();
        counterSessions.keySet().stream().sorted()
                .filter(counter -> centre.counter(counter).isEmpty())
                .forEach(counter -> problems.add("sessions are given for unknown counter " + counter));
        for (String service : demand.serviceMix().keySet()) {
            if (centre.service(service).isEmpty()) {
                problems.add("demand.serviceMix names unknown service " + service);
            } else if (demand.serviceMix().get(service) > 0 && !serviceTimes.containsKey(service)) {
                problems.add("service " + service + " is in demand.serviceMix but has no serviceTimeSeconds");
            }
        }
        for (Demand.Transfer t : demand.transfers()) {
            for (String service : List.of(t.from(), t.to())) {
                if (centre.service(service).isEmpty()) {
                    problems.add("demand.transfers names unknown service " + service);
                }
            }
            if (centre.service(t.to()).isPresent() && !serviceTimes.containsKey(t.to())) {
                problems.add("service " + t.to() + " receives transfers but has no serviceTimeSeconds");
            }
        }
        serviceTimes.keySet().stream().sorted()
                .filter(service -> centre.service(service).isEmpty())
                .forEach(service -> problems.add("serviceTimeSeconds names unknown service " + service));
        return problems;
    }

    /** The sessions in which the counter is staffed: its own, or else the centre's. */
    public List<Session> sessionsOf(CounterDefinition counter) {
        return counterSessions.getOrDefault(counter.id(), centre.sessions());
    }

    /** Raised when a scenario contradicts itself; lists every problem found. */
    public static final class InvalidScenarioException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidScenarioException(List<String> problems) {
            super("the scenario is inconsistent: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
