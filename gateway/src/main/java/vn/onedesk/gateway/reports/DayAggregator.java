package vn.onedesk.gateway.reports;

import java.time.Duration;
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
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.ServiceStarted;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.reports.DailyReport.CounterLine;
import vn.onedesk.gateway.reports.DailyReport.OperatorLine;
import vn.onedesk.gateway.reports.DailyReport.ServiceLine;

/**
 * Reads a centre's stored events and tells what happened to the tickets numbered on one local day.
 * A pure function: no clock, no database, the same events always give the same report.
 *
 * <p>A ticket goes through one or more <em>legs</em>: its issue opens a leg in the service chosen at
 * the kiosk, and each transfer ends the current leg and opens one in the new service. A leg ends
 * served (completed), no-show or transferred out, or is still open (unfinished). The wait of a
 * ticket is counted once, at its first call: from issue to the first call that is not a recall, for
 * the service it was issued for and the counter that called it. Recalls do not change it; time spent
 * queueing again after a transfer is not a wait (the citizen already reached a counter). Service time
 * runs from START to COMPLETE, or from the leg's call when the terminal skipped START, and is counted
 * for the service and counter that completed it.
 */
public final class DayAggregator {
    private static final Comparator<Operator> POSTAL_FIRST = Comparator
            .comparing((Operator o) -> !o.isPostal()).thenComparing(Operator::code);

    private final CentreDefinition centre;
    private final LocalDate date;
    private final Map<String, Ticket> tickets = new HashMap<>();
    private final Map<String, Tally> services = new LinkedHashMap<>();
    private final Map<String, Map<Operator, Tally>> serviceOperators = new HashMap<>();
    private final Map<String, Tally> counters = new LinkedHashMap<>();
    private final Map<Operator, Tally> operators = new TreeMap<>(POSTAL_FIRST);
    private final Tally totals = new Tally();

    /** A ticket of the day as the events tell it, with its current leg. */
    private static final class Ticket {
        final Instant issuedAt;
        final String issuedFor;
        boolean everCalled;
        String service;
        boolean legOpen = true;
        String counter;
        Instant calledAt;
        Instant startedAt;

        Ticket(Instant issuedAt, String service) {
            this.issuedAt = issuedAt;
            this.issuedFor = service;
            this.service = service;
        }
    }

    private DayAggregator(CentreDefinition centre, LocalDate date) {
        this.centre = centre;
        this.date = date;
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
        DayAggregator day = new DayAggregator(centre, date);
        events.forEach(day::read);
        return day.report(now);
    }

    private void read(Event event) {
        if (event instanceof TicketIssued issued) {
            if (issued.ticket().serviceDay().equals(date)) {
                Ticket t = new Ticket(issued.at(), issued.ticket().service());
                tickets.put(issued.ticketId(), t);
                service(t.service).issued++;
                totals.issued++;
            }
            return;
        }
        Ticket t = event.ticketId() == null ? null : tickets.get(event.ticketId());
        if (t == null || !t.legOpen) {
            return;
        }
        if (event instanceof TicketCalled called) {
            if (called.recall()) {
                atCounter(t.service, called.counter(), x -> x.recalls++);
                return;
            }
            t.counter = called.counter();
            t.calledAt = called.at();
            t.startedAt = null;
            atCounter(t.service, t.counter, x -> x.calls++);
            if (!t.everCalled) {
                t.everCalled = true;
                Duration wait = Duration.between(t.issuedAt, called.at());
                boolean over = target(t.issuedFor).map(target -> wait.compareTo(target) > 0).orElse(false);
                atCounter(t.issuedFor, t.counter, x -> x.waited(wait, over));
            }
        } else if (event instanceof ServiceStarted started) {
            t.startedAt = started.at();
        } else if (event instanceof ServiceCompleted completed) {
            Instant from = t.startedAt != null ? t.startedAt : t.calledAt;
            Duration serviceTime = from == null ? null : Duration.between(from, completed.at());
            atCounter(t.service, completed.counter(), x -> x.served(serviceTime));
            t.legOpen = false;
        } else if (event instanceof TicketNoShow noShow) {
            atCounter(t.service, noShow.counter(), x -> x.noShows++);
            t.legOpen = false;
        } else if (event instanceof TicketTransferred transferred) {
            atCounter(t.service, transferred.counter(), x -> x.transferredOut++);
            t.service = transferred.toService();
            t.counter = null;
            t.calledAt = null;
            t.startedAt = null;
            service(t.service).transferredIn++;
            totals.transferredIn++;
        }
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

    /** A service the definition no longer has has no target: its waits are never over it. */
    private Optional<Duration> target(String service) {
        return centre.service(service).map(ServiceField::targetWait);
    }

    private DailyReport report(Instant now) {
        for (Ticket t : tickets.values()) {
            if (t.legOpen) {
                service(t.service).unfinished++;
                totals.unfinished++;
            }
        }
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
