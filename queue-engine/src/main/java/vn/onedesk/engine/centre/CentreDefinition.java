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
 * A one-stop centre as configured. Construction refuses a centre that contradicts itself (a service or
 * counter twice, a prefix or number used twice, a counter serving what it may not) and reports every
 * problem at once, so an operator can fix a file in one pass.
 *
 * <p>A centre may be incomplete: being built from the administration screens one service and one counter
 * at a time, it has for a while no counters, or a service no counter serves yet (its status is then
 * NO_COUNTER). {@link #gaps()} names what is missing; a configuration file must have none
 * ({@link #checked}).
 *
 * @param ticketsOnlyInSessions when true, kiosks get SERVICE_CLOSED outside the opening sessions
 * @param showOfficerName       whether the counter's display shows the name of the officer at it; the
 *                              centre decides (some officers' names are not for the public), and the
 *                              setting changes through the centre's writer like the rest of its definition
 * @param rules                 recall limit, parking, requeue and rating windows of its counters
 * @param booking               the services citizens may book slots of, and how ({@link BookingRules#NONE}: none)
 */
public record CentreDefinition(String id, String name, ZoneId timezone, List<Session> sessions,
                               List<ServiceField> services, List<CounterDefinition> counters,
                               boolean ticketsOnlyInSessions, boolean showOfficerName, CounterRules rules,
                               BookingRules booking) {

    public CentreDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timezone, "timezone");
        sessions = List.copyOf(sessions);
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        rules = rules == null ? CounterRules.DEFAULT : rules;
        booking = booking == null ? BookingRules.NONE : booking;
        List<String> problems = contradictions(services, counters);
        for (BookingRules.ServiceBooking b : booking.services()) {
            if (services.stream().noneMatch(s -> s.code().equals(b.service()))) {
                problems.add("booking lists unknown service " + b.service());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCentreException(id, problems);
        }
    }

    /** A centre that offers no booked slots. */
    public CentreDefinition(String id, String name, ZoneId timezone, List<Session> sessions,
                            List<ServiceField> services, List<CounterDefinition> counters,
                            boolean ticketsOnlyInSessions, boolean showOfficerName, CounterRules rules) {
        this(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions, showOfficerName, rules,
                BookingRules.NONE);
    }

    /** A centre whose counters follow the default {@link CounterRules}. */
    public CentreDefinition(String id, String name, ZoneId timezone, List<Session> sessions,
                            List<ServiceField> services, List<CounterDefinition> counters,
                            boolean ticketsOnlyInSessions, boolean showOfficerName) {
        this(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions, showOfficerName,
                CounterRules.DEFAULT);
    }

    /** A centre whose counters' displays show the officer's name. */
    public CentreDefinition(String id, String name, ZoneId timezone, List<Session> sessions,
                            List<ServiceField> services, List<CounterDefinition> counters,
                            boolean ticketsOnlyInSessions) {
        this(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions, true);
    }

    /**
     * A complete centre, as a configuration file must describe one: every problem, contradictions and gaps
     * together, in one exception.
     */
    public static CentreDefinition checked(String id, String name, ZoneId timezone, List<Session> sessions,
                                           List<ServiceField> services, List<CounterDefinition> counters,
                                           boolean ticketsOnlyInSessions, boolean showOfficerName) {
        List<String> problems = new ArrayList<>(gaps(services, counters).stream()
                .filter(g -> !g.startsWith("no counter")).toList());
        problems.addAll(contradictions(services, counters));
        problems.addAll(gaps(services, counters).stream().filter(g -> g.startsWith("no counter")).toList());
        if (!problems.isEmpty()) {
            throw new InvalidCentreException(id, problems);
        }
        return new CentreDefinition(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions,
                showOfficerName);
    }

    /** As {@link #checked(String, String, ZoneId, List, List, List, boolean, boolean)}, with the counters' rules. */
    public static CentreDefinition checked(String id, String name, ZoneId timezone, List<Session> sessions,
                                           List<ServiceField> services, List<CounterDefinition> counters,
                                           boolean ticketsOnlyInSessions, boolean showOfficerName,
                                           CounterRules rules) {
        return checked(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions, showOfficerName)
                .withRules(rules);
    }

    /** What the centre lacks to serve every citizen who takes a ticket; empty for a complete centre. */
    public List<String> gaps() {
        return gaps(services, counters);
    }

    private static List<String> gaps(List<ServiceField> services, List<CounterDefinition> counters) {
        List<String> gaps = new ArrayList<>();
        if (services.isEmpty()) {
            gaps.add("it has no services");
        }
        if (counters.isEmpty()) {
            gaps.add("it has no counters");
        }
        for (ServiceField s : services) {
            boolean served = counters.stream().anyMatch(c -> c.canServe(s.code()) && s.mayBeServedBy(c.operator()));
            if (!served) {
                gaps.add("no counter can serve service " + s.code());
            }
        }
        return gaps;
    }

    /** With these services; the booking of a service no longer there goes with it. */
    public CentreDefinition withServices(List<ServiceField> next) {
        Set<String> codes = new HashSet<>();
        next.forEach(s -> codes.add(s.code()));
        return new CentreDefinition(id, name, timezone, sessions, next, counters, ticketsOnlyInSessions, showOfficerName,
                rules, booking.keeping(codes));
    }

    public CentreDefinition withCounters(List<CounterDefinition> next) {
        return new CentreDefinition(id, name, timezone, sessions, services, next, ticketsOnlyInSessions, showOfficerName,
                rules, booking);
    }

    public CentreDefinition withRules(CounterRules next) {
        return new CentreDefinition(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions,
                showOfficerName, next, booking);
    }

    public CentreDefinition withBooking(BookingRules next) {
        return new CentreDefinition(id, name, timezone, sessions, services, counters, ticketsOnlyInSessions,
                showOfficerName, rules, next);
    }

    private static List<String> contradictions(List<ServiceField> services, List<CounterDefinition> counters) {
        List<String> problems = new ArrayList<>();
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
                }
            }
        }
        return problems;
    }

    // Looked up several times by every command: loops over the few services and counters, without a stream's objects.
    public Optional<ServiceField> service(String code) {
        for (ServiceField service : services) {
            if (service.code().equals(code)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    public Optional<CounterDefinition> counter(String counterId) {
        for (CounterDefinition counter : counters) {
            if (counter.id().equals(counterId)) {
                return Optional.of(counter);
            }
        }
        return Optional.empty();
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
