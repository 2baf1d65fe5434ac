package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.simulation.TicketOutcome.End;
import vn.onedesk.engine.simulation.TicketOutcome.Leg;

/**
 * The figures a manager reads, for one day or, through {@link #mean}, the mean over several days.
 *
 * @param overall                waits to the first call of every ticket, each against its own service's target
 * @param services               per service, in the centre's order
 * @param utilisationByOperator  busy time over open time of the operator's counters together
 * @param utilisationByCounter   busy time over open time per counter (counters that opened)
 * @param estimators             per estimator name, in registry order
 * @param estimatorsWhileOpen    the same, scoring only the tickets taken while the centre was in one of its
 *                               sessions: a ticket taken before opening or over lunch waits for the counters
 *                               to open, which an estimator may not foresee, and such tickets weigh heavily
 *                               in the overall error
 */
public record Figures(WaitFigures overall, Counts counts, Map<String, ServiceFigures> services,
                      Map<String, Double> utilisationByOperator, Map<String, Double> utilisationByCounter,
                      Map<String, EstimatorScore> estimators, Map<String, EstimatorScore> estimatorsWhileOpen) {

    public Figures {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        utilisationByOperator = Collections.unmodifiableMap(new LinkedHashMap<>(utilisationByOperator));
        utilisationByCounter = Collections.unmodifiableMap(new LinkedHashMap<>(utilisationByCounter));
        estimators = Collections.unmodifiableMap(new LinkedHashMap<>(estimators));
        estimatorsWhileOpen = Collections.unmodifiableMap(new LinkedHashMap<>(estimatorsWhileOpen));
    }

    /**
     * One service's figures.
     *
     * @param waits         waits to the first call of the tickets taken for this service
     * @param afterTransfer time in this service's queue of the tickets transferred to it
     */
    public record ServiceFigures(WaitFigures waits, WaitFigures afterTransfer, Counts counts) {
        static ServiceFigures mean(List<ServiceFigures> days) {
            return new ServiceFigures(WaitFigures.mean(days.stream().map(ServiceFigures::waits).toList()),
                    WaitFigures.mean(days.stream().map(ServiceFigures::afterTransfer).toList()),
                    Counts.mean(days.stream().map(ServiceFigures::counts).toList()));
        }
    }

    /** The figures of one simulated day. */
    public static Figures of(CentreDefinition centre, List<TicketOutcome> tickets, List<CounterUsage> counters,
                             List<String> estimatorNames) {
        Map<String, ServiceFigures> services = new LinkedHashMap<>();
        for (ServiceField s : centre.services()) {
            services.put(s.code(), service(s, tickets));
        }
        List<TicketOutcome> called = tickets.stream().filter(t -> t.waitToFirstCall().isPresent()).toList();
        WaitFigures overall = WaitFigures.of(
                called.stream().mapToDouble(t -> minutes(t.waitToFirstCall().orElseThrow())).toArray(),
                called.stream().mapToDouble(t -> targetMinutes(centre, t.service())).toArray());
        Counts counts = new Counts(count(tickets, t -> t.end() != End.REFUSED),
                count(tickets, t -> t.end() == End.SERVED), count(tickets, t -> t.end() == End.NO_SHOW),
                count(tickets, t -> t.end() == End.WAITING_AT_CLOSE), count(tickets, t -> t.end() == End.REFUSED),
                tickets.stream().mapToInt(t -> Math.max(0, t.legs().size() - 1)).sum());

        Map<String, Double> byOperator = new LinkedHashMap<>();
        Set<String> operators = new LinkedHashSet<>();
        counters.forEach(c -> operators.add(c.operator().code()));
        for (String operator : operators) {
            List<CounterUsage> theirs = counters.stream().filter(c -> c.operator().code().equals(operator)).toList();
            long open = theirs.stream().mapToLong(c -> c.open().toSeconds()).sum();
            long busy = theirs.stream().mapToLong(c -> c.busy().toSeconds()).sum();
            byOperator.put(operator, open == 0 ? Double.NaN : (double) busy / open);
        }
        Map<String, Double> byCounter = new LinkedHashMap<>();
        counters.forEach(c -> byCounter.put(c.id(), c.utilisation()));

        Map<String, EstimatorScore> scores = new LinkedHashMap<>();
        Map<String, EstimatorScore> whileOpen = new LinkedHashMap<>();
        for (String name : estimatorNames) {
            EstimatorScore.Tally all = new EstimatorScore.Tally();
            EstimatorScore.Tally open = new EstimatorScore.Tally();
            for (TicketOutcome t : called) {
                EstimatedWait e = t.estimates().get(name);
                if (e == null) {
                    continue;
                }
                long actual = t.waitToFirstCall().orElseThrow().toSeconds();
                all.add(e.value().toSeconds(), e.low().toSeconds(), e.high().toSeconds(), actual);
                if (centre.inSession(t.arrival())) {
                    open.add(e.value().toSeconds(), e.low().toSeconds(), e.high().toSeconds(), actual);
                }
            }
            scores.put(name, all.score());
            whileOpen.put(name, open.score());
        }
        return new Figures(overall, counts, services, byOperator, byCounter, scores, whileOpen);
    }

    private static ServiceFigures service(ServiceField s, List<TicketOutcome> tickets) {
        double target = s.targetWait().toSeconds() / 60.0;
        List<TicketOutcome> taken = tickets.stream().filter(t -> t.service().equals(s.code())).toList();
        double[] waits = taken.stream().flatMap(t -> t.waitToFirstCall().stream()).mapToDouble(Figures::minutes)
                .toArray();
        List<Leg> transferredIn = new ArrayList<>();
        long served = 0;
        for (TicketOutcome t : tickets) {
            int last = t.legs().size() - 1;
            for (int i = 0; i <= last; i++) {
                Leg leg = t.legs().get(i);
                if (!leg.service().equals(s.code())) {
                    continue;
                }
                if (i > 0) {
                    transferredIn.add(leg);
                }
                // served: left the counter done or transferred on, not as a no-show
                if (leg.left() != null && !(i == last && t.end() == End.NO_SHOW)) {
                    served++;
                }
            }
        }
        double[] afterTransfer = transferredIn.stream().flatMap(l -> l.queued().stream())
                .mapToDouble(Figures::minutes).toArray();
        long waitingAtClose = tickets.stream().filter(t -> t.end() == End.WAITING_AT_CLOSE)
                .filter(t -> t.legs().get(t.legs().size() - 1).service().equals(s.code())).count();
        Counts counts = new Counts(count(taken, t -> t.end() != End.REFUSED), served,
                count(taken, t -> t.end() == End.NO_SHOW), waitingAtClose,
                count(taken, t -> t.end() == End.REFUSED), transferredIn.size());
        return new ServiceFigures(WaitFigures.of(waits, filled(waits.length, target)),
                WaitFigures.of(afterTransfer, filled(afterTransfer.length, target)), counts);
    }

    /** The mean of several days' figures; see {@link WaitFigures#mean} for how each figure combines. */
    public static Figures mean(List<Figures> days) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no days to average");
        }
        Figures first = days.get(0);
        Map<String, ServiceFigures> services = new LinkedHashMap<>();
        first.services().keySet().forEach(s -> services.put(s,
                ServiceFigures.mean(days.stream().map(d -> d.services().get(s)).toList())));
        return new Figures(WaitFigures.mean(days.stream().map(Figures::overall).toList()),
                Counts.mean(days.stream().map(Figures::counts).toList()), services,
                meanByKey(days, Figures::utilisationByOperator), meanByKey(days, Figures::utilisationByCounter),
                meanScores(days, Figures::estimators), meanScores(days, Figures::estimatorsWhileOpen));
    }

    private static Map<String, EstimatorScore> meanScores(List<Figures> days,
                                                          Function<Figures, Map<String, EstimatorScore>> scores) {
        Map<String, EstimatorScore> mean = new LinkedHashMap<>();
        scores.apply(days.get(0)).keySet().forEach(e -> mean.put(e,
                EstimatorScore.mean(days.stream().map(d -> scores.apply(d).get(e)).toList())));
        return mean;
    }

    private static Map<String, Double> meanByKey(List<Figures> days, Function<Figures, Map<String, Double>> map) {
        Map<String, Double> mean = new LinkedHashMap<>();
        map.apply(days.get(0)).keySet().forEach(k -> mean.put(k,
                WaitFigures.meanOf(days, d -> map.apply(d).getOrDefault(k, Double.NaN))));
        return mean;
    }

    static double minutes(Duration d) {
        return d.toSeconds() / 60.0;
    }

    private static double targetMinutes(CentreDefinition centre, String service) {
        return centre.service(service).orElseThrow().targetWait().toSeconds() / 60.0;
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
    }

    private static double count(List<TicketOutcome> tickets, Predicate<TicketOutcome> which) {
        return tickets.stream().filter(which).count();
    }
}
