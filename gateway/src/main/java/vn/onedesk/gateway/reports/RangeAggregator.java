package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * Counts a centre's tickets numbered in a period on one line per day, service, counter, operator or officer,
 * and on the centre's totals. {@link TicketLegs} follows the tickets, as for the daily report, so the figures
 * mean the same; this class only chooses each step's line. Feed it the centre's events in the order they
 * happened ({@link #read}), then make the {@link #report}; one thread at a time.
 *
 * <p>Lines: every day of the period, every configured service and counter and every operator of the centre's
 * counters, busy or not; and an officer line for each officer the events name, plus one for what counters did
 * with nobody bound to them, if they did anything. An operator's line counts what its counters did, as the
 * centre's definition has them now; a counter the definition no longer has counts on its own line and the
 * totals, on no operator's, as in the daily report.
 */
final class RangeAggregator {
    private final CentreDefinition centre;
    private final Period period;
    private final Dimension by;
    private final TicketLegs legs;
    private final Map<String, Operator> operatorOfCounter = new HashMap<>();
    private final Tally totals = new Tally();
    /** Keyed by the subject's code: a date, a service, counter or operator code, an officer (null: nobody bound). */
    private final Map<String, Tally> lines = new LinkedHashMap<>();

    RangeAggregator(CentreDefinition centre, Period period, Dimension by) {
        if (!Dimension.OF_A_CENTRE.contains(by)) {
            throw new IllegalArgumentException("a centre's report is by " + Dimension.names(Dimension.OF_A_CENTRE));
        }
        this.centre = centre;
        this.period = period;
        this.by = by;
        centre.counters().forEach(c -> operatorOfCounter.put(c.id(), c.operator()));
        switch (by) {
            case DAY -> period.dates().forEach(d -> lines.put(d.toString(), new Tally()));
            case SERVICE -> centre.services().forEach(s -> lines.put(s.code(), new Tally()));
            case COUNTER -> centre.counters().forEach(c -> lines.put(c.id(), new Tally()));
            case OPERATOR -> centre.counters().stream().map(CounterDefinition::operator).distinct()
                    .sorted(DayAggregator.POSTAL_FIRST).forEach(o -> lines.put(o.code(), new Tally()));
            default -> { // officers: only those the events name
            }
        }
        this.legs = new TicketLegs(centre, period.from(), period.to(), new Lines() {
            @Override
            public void queue(LocalDate day, String service, Consumer<Tally> count) {
                count.accept(totals);
                if (by == Dimension.DAY) {
                    count.accept(line(day.toString()));
                } else if (by == Dimension.SERVICE) {
                    count.accept(line(service));
                }
            }

            @Override
            public void counter(LocalDate day, String service, String counter, String officer,
                                Consumer<Tally> count) {
                count.accept(totals);
                if (by == Dimension.OPERATOR) {
                    Operator operator = operatorOfCounter.get(counter); // null: a counter the definition no longer has
                    if (operator != null) {
                        count.accept(line(operator.code()));
                    }
                    return;
                }
                count.accept(line(switch (by) {
                    case DAY -> day.toString();
                    case SERVICE -> service;
                    case COUNTER -> counter;
                    default -> officer; // null: nobody was bound, a line of its own
                }));
            }
        });
    }

    void read(Event event) {
        legs.read(event);
    }

    /** Where the period's tickets are followed: for {@link DaySummaries#readInto}. */
    TicketLegs legs() {
        return legs;
    }

    /** The officers the events read so far name: whose names the report needs. */
    Set<String> officers() {
        Set<String> ids = new TreeSet<>();
        if (by == Dimension.OFFICER) {
            lines.keySet().stream().filter(Objects::nonNull).forEach(ids::add);
        }
        return ids;
    }

    /**
     * The report, once the last event was read; call once.
     *
     * @param officerNames officers' full names by username; an officer without an account is absent
     */
    RangeReport report(Instant now, Map<String, String> officerNames) {
        legs.end();
        List<Line> out = new ArrayList<>();
        lines.forEach((key, tally) -> out.add(new Line(subject(key, officerNames), tally.figures(by.queues()))));
        if (by == Dimension.OFFICER) {
            // By username, and the counters nobody was bound to last.
            out.sort(Comparator.comparing((Line l) -> l.subject().code(),
                    Comparator.nullsLast(Comparator.naturalOrder())));
        }
        boolean periodOver = !now.isBefore(period.end(centre.timezone()));
        return new RangeReport(centre.id(), centre.name(), centre.timezone(), period, by, now, periodOver,
                totals.figures(true), out);
    }

    private Tally line(String key) {
        return lines.computeIfAbsent(key, k -> new Tally());
    }

    private Subject subject(String key, Map<String, String> officerNames) {
        return switch (by) {
            case DAY -> new Subject.Day(LocalDate.parse(key));
            case SERVICE -> {
                Optional<ServiceField> field = centre.service(key);
                yield new Subject.Service(key, field.map(ServiceField::name).orElse(key),
                        field.map(ServiceField::targetWait).orElse(null));
            }
            case COUNTER -> {
                Optional<CounterDefinition> counter = centre.counter(key);
                yield new Subject.Counter(key, counter.map(CounterDefinition::number).orElse(0),
                        counter.map(CounterDefinition::operator).orElse(null));
            }
            case OPERATOR -> new Subject.OperatorOf(new Operator(key),
                    (int) centre.counters().stream().filter(c -> c.operator().code().equals(key)).count());
            default -> key == null ? Subject.Officer.nobody() : new Subject.Officer(key, officerNames.get(key));
        };
    }
}
