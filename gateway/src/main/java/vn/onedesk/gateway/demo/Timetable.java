package vn.onedesk.gateway.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.Scenario;

/**
 * When the simulated counters are staffed: each counter's own sessions in the scenario, else the
 * centre's, every day alike (the scenario models one weekday). Answers the two questions the
 * simulated clock asks: is anyone at work now, and when does the next session begin.
 */
final class Timetable {
    /** How far ahead the next opening is looked for; sessions repeat daily, so two days suffice. */
    private static final int DAYS_AHEAD = 2;

    /** One counter's session on one date. */
    record Shift(CounterDefinition counter, Instant from, Instant to) {
    }

    private final Scenario scenario;
    private final List<CounterDefinition> counters;
    private final ZoneId zone;

    Timetable(Scenario scenario, List<CounterDefinition> counters) {
        this.scenario = scenario;
        this.counters = List.copyOf(counters);
        this.zone = scenario.centre().timezone();
    }

    ZoneId zone() {
        return zone;
    }

    /** The simulated counters' sessions on this local date. */
    List<Shift> shifts(LocalDate date) {
        return counters.stream()
                .flatMap(c -> scenario.sessionsOf(c).stream().map(s -> shift(c, date, s)))
                .toList();
    }

    /** Whether some simulated counter is in session at this instant. */
    boolean staffed(Instant at) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return shifts(date).stream().anyMatch(s -> !at.isBefore(s.from()) && at.isBefore(s.to()))
                || shifts(date.minusDays(1)).stream().anyMatch(s -> !at.isBefore(s.from()) && at.isBefore(s.to()));
    }

    /** The first session start after this instant, if the counters have any session at all. */
    Optional<Instant> nextOpening(Instant after) {
        LocalDate date = after.atZone(zone).toLocalDate();
        for (int day = 0; day <= DAYS_AHEAD; day++) {
            Optional<Instant> first = shifts(date.plusDays(day)).stream()
                    .map(Shift::from)
                    .filter(from -> from.isAfter(after))
                    .min(Instant::compareTo);
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    /**
     * Where the simulated day starts: now, if a counter is in session; else the next opening, so that
     * the demo never starts on an empty hall.
     */
    Instant startAt(Instant now) {
        return staffed(now) ? now : nextOpening(now).orElse(now);
    }

    private Shift shift(CounterDefinition counter, LocalDate date, Session session) {
        return new Shift(counter, date.atTime(session.from()).atZone(zone).toInstant(),
                date.atTime(session.to()).atZone(zone).toInstant());
    }
}
