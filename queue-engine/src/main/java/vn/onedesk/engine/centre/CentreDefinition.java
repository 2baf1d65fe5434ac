package vn.onedesk.engine.centre;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A one-stop centre as configured. Construction checks that the configuration makes sense as a
 * whole and reports every problem at once, so an operator can fix a file in one pass.
 *
 * @param ticketsOnlyInSessions when true, kiosks get SERVICE_CLOSED outside the opening sessions
 */
public record CentreDefinition(String id, String name, ZoneId timezone, List<Session> sessions,
                               List<ServiceField> services, List<CounterDefinition> counters,
                               boolean ticketsOnlyInSessions) {

    public CentreDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timezone, "timezone");
        sessions = List.copyOf(sessions);
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        List<String> problems = problems(id, services, counters);
        if (!problems.isEmpty()) {
            throw new InvalidCentreException(id, problems);
        }
    }

    private static List<String> problems(String id, List<ServiceField> services, List<CounterDefinition> counters) {
        List<String> problems = new ArrayList<>();
        if (services.isEmpty()) {
            problems.add("it has no services");
        }
        if (counters.isEmpty()) {
            problems.add("it has no counters");
        }
        Map<String, ServiceField> byCode = new LinkedHashMap<>();
        Set<String> prefixes = new HashSet<>();
        for (ServiceField s : services) {
            if (byCode.put(s.code(), s) != null) {
                problems.add("service " + s.code() + " is defined twice");
            }
            if (!prefixes.add(s.prefix())) {
                problems.add("ticket prefix " + s.prefix() + " is used by more than one service");
            }
        }
        Set<String> counterIds = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        Set<String> served = new HashSet<>();
        for (CounterDefinition c : counters) {
            if (!counterIds.add(c.id())) {
                problems.add("counter " + c.id() + " is defined twice");
            }
            if (!numbers.add(c.number())) {
                problems.add("counter number " + c.number() + " is used twice");
            }
            for (String skill : c.skills()) {
                ServiceField s = byCode.get(skill);
                if (s == null) {
                    problems.add("counter " + c.id() + " lists unknown service " + skill);
                } else if (!s.mayBeServedBy(c.operator())) {
                    problems.add("counter " + c.id() + " (" + c.operator() + ") may not serve " + skill
                            + ", which is served by " + s.servedBy());
                } else {
                    served.add(skill);
                }
            }
        }
        for (String code : byCode.keySet()) {
            if (!served.contains(code)) {
                problems.add("no counter can serve service " + code);
            }
        }
        return problems;
    }

    public Optional<ServiceField> service(String code) {
        return services.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<CounterDefinition> counter(String counterId) {
        return counters.stream().filter(c -> c.id().equals(counterId)).findFirst();
    }

    public LocalDate serviceDay(Instant at) {
        return at.atZone(timezone).toLocalDate();
    }

    /** Whether the centre is in one of its opening sessions at this instant. */
    public boolean inSession(Instant at) {
        LocalTime local = at.atZone(timezone).toLocalTime();
        return sessions.stream().anyMatch(s -> s.contains(local));
    }

    /**
     * Whether the centre is closed at this instant: it keeps its opening hours ({@code ticketsOnlyInSessions})
     * and this is outside them. A closed centre issues no tickets. A centre that issues tickets at any hour is
     * never closed by the clock; only its counters tell whether anyone serves.
     */
    public boolean closedAt(Instant at) {
        return ticketsOnlyInSessions && !inSession(at);
    }

    /** The start of the first session after this instant (a later day's if today's have begun); empty without sessions. */
    public Optional<Instant> nextOpening(Instant at) {
        return next(at, sessions.stream().map(Session::from).toList());
    }

    /** The next instant after this one at which a session starts or ends; empty without sessions. */
    public Optional<Instant> nextSessionChange(Instant at) {
        List<LocalTime> changes = new ArrayList<>();
        sessions.forEach(s -> {
            changes.add(s.from());
            changes.add(s.to());
        });
        return next(at, changes);
    }

    /**
     * The earliest of these local times of day strictly after {@code at}. Sessions repeat every day, so today
     * and tomorrow hold the answer; the day after is looked at too, in case a time-zone change skips one.
     */
    private Optional<Instant> next(Instant at, List<LocalTime> times) {
        LocalDate today = serviceDay(at);
        for (int day = 0; day <= 2; day++) {
            LocalDate date = today.plusDays(day);
            Optional<Instant> first = times.stream()
                    .map(time -> date.atTime(time).atZone(timezone).toInstant())
                    .filter(instant -> instant.isAfter(at))
                    .min(Instant::compareTo);
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    /** Raised when a centre's configuration contradicts itself. */
    public static final class InvalidCentreException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidCentreException(String centre, List<String> problems) {
            super("centre " + centre + " is misconfigured: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
