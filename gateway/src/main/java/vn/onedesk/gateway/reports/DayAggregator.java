package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.reports.DailyReport.CounterLine;
import vn.onedesk.gateway.reports.DailyReport.OperatorLine;
import vn.onedesk.gateway.reports.DailyReport.ServiceLine;

/**
 * Tells what happened to a centre's tickets numbered on one local day, per service, per operator and per
 * counter: {@link TicketLegs} follows the tickets (and defines wait and service time), this class keeps the
 * day's lines. A pure function of the events: no clock, no database, the same events always give the same
 * report. Use {@link #aggregate} on a list, or {@link #of} then {@link #read} each event as it streams in.
 */
public final class DayAggregator {
    /** The order of operators in every report: Vietnam Post first, then the agencies by code. */
    static final Comparator<Operator> POSTAL_FIRST = Comparator
            .comparing((Operator o) -> !o.isPostal()).thenComparing(Operator::code);

    private final CentreDefinition centre;
    private final LocalDate date;
    private final TicketLegs legs;
    private final Map<String, Tally> services = new LinkedHashMap<>();
    private final Map<String, Map<Operator, Tally>> serviceOperators = new HashMap<>();
    private final Map<String, Tally> counters = new LinkedHashMap<>();
    private final Map<Operator, Tally> operators = new TreeMap<>(POSTAL_FIRST);
    private final Tally totals = new Tally();

    private DayAggregator(CentreDefinition centre, LocalDate date) {
        this.centre = centre;
        this.date = date;
        this.legs = new TicketLegs(centre, date, date, new Lines() {
            @Override
            public void queue(LocalDate day, String service, Consumer<Tally> count) {
                inQueue(service, count);
            }

            @Override
            public void counter(LocalDate day, String service, String counter, String officer,
                                Consumer<Tally> count) {
                atCounter(service, counter, count);
            }
        });
        for (ServiceField s : centre.services()) {
            services.put(s.code(), new Tally());
        }
        for (CounterDefinition c : centre.counters()) {
            counters.put(c.id(), new Tally());
            operators.computeIfAbsent(c.operator(), o -> new Tally());
        }
    }

    /**
     * The report of {@code date} from the centre's events in the order they happened. Events of
     * tickets numbered on other days, and counter events, are ignored, so the caller may pass more
     * than the day's own.
     *
     * @param now when the report is made: only to say whether the day is over
     */
    public static DailyReport aggregate(CentreDefinition centre, LocalDate date, List<Event> events, Instant now) {
        DayAggregator day = of(centre, date);
        events.forEach(day::read);
        return day.report(now);
    }

    /** An empty day, to {@link #read} events into one at a time, in the order they happened. */
    static DayAggregator of(CentreDefinition centre, LocalDate date) {
        return new DayAggregator(centre, date);
    }

    void read(Event event) {
        legs.read(event);
    }

    /** Where the day's tickets are followed: for {@link DaySummaries#readInto}. */
    TicketLegs legs() {
        return legs;
    }

    /** Counts something that happened to a service's queue, on the service's line and the centre's. */
    private void inQueue(String service, Consumer<Tally> count) {
        count.accept(service(service));
        count.accept(totals);
    }

    /** Counts something a counter did for a ticket of a service, on every line it belongs to. */
    private void atCounter(String service, String counter, Consumer<Tally> count) {
        count.accept(service(service));
        count.accept(totals);
        count.accept(counters.computeIfAbsent(counter, c -> new Tally()));
        Optional<Operator> operator = centre.counter(counter).map(CounterDefinition::operator);
        if (operator.isPresent()) {
            count.accept(operators.computeIfAbsent(operator.get(), o -> new Tally()));
            count.accept(serviceOperators.computeIfAbsent(service, s -> new TreeMap<>(POSTAL_FIRST))
                    .computeIfAbsent(operator.get(), o -> new Tally()));
        }
    }

    private Tally service(String code) {
        return services.computeIfAbsent(code, c -> new Tally());
    }

    /** The day's report, once its last event was read; call once. */
    DailyReport report(Instant now) {
        legs.end();
        List<ServiceLine> serviceLines = new ArrayList<>();
        services.forEach((code, tally) -> {
            Optional<ServiceField> field = centre.service(code);
            Set<Operator> mayServe = new LinkedHashSet<>();
            field.ifPresent(f -> f.servedBy().stream().sorted(POSTAL_FIRST).forEach(mayServe::add));
            Map<Operator, Tally> byOperator = serviceOperators.getOrDefault(code, Map.of());
            mayServe.addAll(byOperator.keySet());
            List<OperatorLine> split = mayServe.stream()
                    .map(o -> new OperatorLine(o, counterCount(o, code),
                            byOperator.getOrDefault(o, new Tally()).figures(false)))
                    .toList();
            serviceLines.add(new ServiceLine(code, field.map(ServiceField::name).orElse(code),
                    field.map(ServiceField::targetWait).orElse(null), tally.figures(true), split));
        });
        List<OperatorLine> operatorLines = new ArrayList<>();
        operators.forEach((o, tally) -> operatorLines.add(new OperatorLine(o, counterCount(o, null),
                tally.figures(false))));
        List<CounterLine> counterLines = new ArrayList<>();
        counters.forEach((id, tally) -> {
            Optional<CounterDefinition> c = centre.counter(id);
            counterLines.add(new CounterLine(id, c.map(CounterDefinition::number).orElse(0),
                    c.map(CounterDefinition::operator).orElse(null), tally.figures(false)));
        });
        boolean dayOver = !now.isBefore(date.plusDays(1).atStartOfDay(centre.timezone()).toInstant());
        return new DailyReport(centre.id(), centre.name(), date, centre.timezone(), now, dayOver, totals.figures(true),
                serviceLines, operatorLines, counterLines);
    }

    /** The operator's counters, or those of them that can serve the service when one is given. */
    private int counterCount(Operator operator, String service) {
        return (int) centre.counters().stream()
                .filter(c -> c.operator().equals(operator) && (service == null || c.canServe(service))).count();
    }
}
