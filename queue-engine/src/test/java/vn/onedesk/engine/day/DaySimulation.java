package vn.onedesk.engine.day;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * A small seeded day at a centre, driven through {@link CentreQueue} exactly as counters would drive
 * it: Poisson arrivals by hour, lognormal service times, priority, appointments, no-shows, transfers
 * to KQ, counters that open at each session, stop calling at its end (lunch) and work the line down
 * after the last one. It measures the waits and how well wait estimators predicted them at issue.
 * A calibration aid for the engine's own tests, not the product's simulator.
 */
public final class DaySimulation {
    /** How one estimator did on one day: errors in minutes, and the share of waits inside the band. */
    public record Accuracy(double absError, double squaredError, int inside, int n) {
        public double mae() {
            return absError / n;
        }

        public double rmse() {
            return Math.sqrt(squaredError / n);
        }

        public double insideShare() {
            return (double) inside / n;
        }

        Accuracy plus(Accuracy o) {
            return new Accuracy(absError + o.absError, squaredError + o.squaredError, inside + o.inside, n + o.n);
        }
    }

    /** Actual waits (minutes, first service of each ticket), by service too, and each estimator's accuracy. */
    public record Result(List<Double> waits, Map<String, List<Double>> waitsByService, Map<String, Accuracy> accuracy,
                         Map<String, Long> targets) {
        public Result plus(Result o) {
            List<Double> all = new ArrayList<>(waits);
            all.addAll(o.waits);
            Map<String, List<Double>> bySvc = new LinkedHashMap<>();
            waitsByService.forEach((k, v) -> bySvc.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            o.waitsByService.forEach((k, v) -> bySvc.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            Map<String, Accuracy> acc = new LinkedHashMap<>(accuracy);
            o.accuracy.forEach((k, v) -> acc.merge(k, v, Accuracy::plus));
            return new Result(all, bySvc, acc, targets);
        }

        public static double quantile(List<Double> values, double q) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
        }

        public double p90() {
            return quantile(waits, 0.9);
        }

        public double mean() {
            return waits.stream().mapToDouble(d -> d).average().orElse(0);
        }
    }

    private record Ev(long at, long seq, String kind, String ref) implements Comparable<Ev> {
        @Override
        public int compareTo(Ev o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    private record Arrival(String service, PriorityGroup priority, Channel channel, Instant booked) {
    }

    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);

    private final ProvincialCentre.Day day;
    private final CentreDefinition centre;
    private final CentreQueue queue;
    private final SplittableRandom random;
    private final List<WaitEstimator> estimators = new ArrayList<>();
    private final PriorityQueue<Ev> events = new PriorityQueue<>();
    private final Map<String, Arrival> arrivals = new HashMap<>();
    private final Map<String, Long> issuedAt = new HashMap<>();
    private final Map<String, String> serviceOf = new HashMap<>();
    private final Map<String, Map<String, EstimatedWait>> estimates = new HashMap<>();
    private final Map<String, Long> firstCalled = new HashMap<>();
    private final Map<String, String> pending = new HashMap<>(); // counter -> what ends its current ticket
    private final Map<String, Boolean> closing = new HashMap<>();
    private long seq;

    private DaySimulation(ProvincialCentre.Day day, String policy, List<String> estimatorNames, long seed) {
        this.day = day;
        this.centre = day.centre();
        this.queue = CentreQueue.empty(centre, RoutingPolicies.byName(policy).orElseThrow(), new QueueLengthEstimator());
        this.random = new SplittableRandom(seed);
        estimatorNames.forEach(n -> estimators.add(WaitEstimators.byName(n).orElseThrow()));
    }

    public static Result run(ProvincialCentre.Day day, String policy, List<String> estimators, long seed) {
        DaySimulation sim = new DaySimulation(day, policy, estimators, seed);
        sim.schedule();
        sim.loop();
        return sim.result();
    }

    private long at(LocalTime time) {
        return ZonedDateTime.of(DAY, time, centre.timezone()).toEpochSecond();
    }

    private void add(long at, String kind, String ref) {
        events.add(new Ev(at, seq++, kind, ref));
    }

    private void schedule() {
        List<String> services = new ArrayList<>(day.mix().keySet());
        int ticket = 0;
        for (int h = 0; h < day.shareByHour().length; h++) {
            long hourStart = at(LocalTime.of(ProvincialCentre.Day.FIRST_HOUR + h, 0));
            int n = poisson(day.visitsPerDay() * day.shareByHour()[h]);
            for (int i = 0; i < n; i++) {
                long t = hourStart + random.nextInt(3600);
                double u = random.nextDouble();
                String service = services.get(services.size() - 1);
                for (String s : services) {
                    u -= day.mix().get(s);
                    if (u < 0) {
                        service = s;
                        break;
                    }
                }
                PriorityGroup p = random.nextDouble() < day.priorityShare() ? PriorityGroup.ELDERLY : PriorityGroup.NONE;
                boolean booked = random.nextDouble() < day.appointmentShare();
                String id = "c" + (++ticket);
                arrivals.put(id, new Arrival(service, p, booked ? Channel.APPOINTMENT : Channel.WALK_IN,
                        booked ? Instant.ofEpochSecond(t + random.nextInt(20 * 60)) : null));
                add(t, "arrive", id);
            }
        }
        for (Session s : centre.sessions()) {
            add(at(s.from()), "open", null);
            add(at(s.to()), "close", null);
        }
    }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private boolean lastSessionOver(long t) {
        return centre.sessions().stream().allMatch(s -> t >= at(s.to()));
    }

    private void loop() {
        while (!events.isEmpty()) {
            Ev e = events.poll();
            Instant now = Instant.ofEpochSecond(e.at());
            switch (e.kind()) {
                case "arrive" -> {
                    Arrival a = arrivals.get(e.ref());
                    handle(new Command.IssueTicket(e.ref(), a.service(), a.priority(), a.channel(), a.booked()), now);
                    issuedAt.put(e.ref(), e.at());
                    serviceOf.put(e.ref(), a.service());
                    Map<String, EstimatedWait> byName = new LinkedHashMap<>();
                    int ahead = queue.ahead(e.ref());
                    for (WaitEstimator est : estimators) {
                        byName.put(est.name(), est.estimate(queue, a.service(), ahead, now));
                    }
                    estimates.put(e.ref(), byName);
                    callAll(now);
                }
                case "open" -> {
                    LocalTime local = now.atZone(centre.timezone()).toLocalTime();
                    for (CounterDefinition c : centre.counters()) {
                        LocalTime opens = day.counterOpensAt().get(c.id());
                        if (opens == null || !local.isBefore(opens)) {
                            closing.put(c.id(), false);
                            handle(new Command.OpenCounter(c.id()), now);
                        }
                    }
                    callAll(now);
                }
                case "close" -> {
                    if (!lastSessionOver(e.at())) {
                        for (CounterDefinition c : centre.counters()) {
                            closing.put(c.id(), true);
                            if (!pending.containsKey(c.id())) {
                                handle(new Command.CloseCounter(c.id()), now);
                            }
                        }
                    }
                }
                default -> { // a counter finishes its ticket
                    String counter = e.ref();
                    String how = pending.remove(counter);
                    Command done = switch (how) {
                        case "noshow" -> new Command.MarkNoShow(counter);
                        case "transfer" -> new Command.Transfer(counter, "KQ");
                        default -> new Command.CompleteService(counter);
                    };
                    handle(done, now);
                    if (Boolean.TRUE.equals(closing.get(counter))) {
                        handle(new Command.CloseCounter(counter), now);
                    }
                    callAll(now);
                }
            }
        }
    }

    private void callAll(Instant now) {
        for (CounterDefinition c : centre.counters()) {
            boolean open = queue.counter(c.id()).orElseThrow().open();
            if (open && !pending.containsKey(c.id()) && !Boolean.TRUE.equals(closing.get(c.id()))) {
                Decision d = queue.handle(new Command.CallNext(c.id()), now);
                if (d instanceof Decision.Accepted ok) {
                    Event.TicketCalled call = (Event.TicketCalled) ok.events().get(0);
                    firstCalled.putIfAbsent(call.ticketId(), now.getEpochSecond());
                    String service = queue.ticket(call.ticketId()).orElseThrow().service();
                    boolean transferred = !service.equals(serviceOf.get(call.ticketId()));
                    long end;
                    if (random.nextDouble() < day.noShowShare()) {
                        pending.put(c.id(), "noshow");
                        end = 60;
                    } else {
                        double[] st = day.serviceSeconds().get(service);
                        double sigma2 = Math.log(1 + st[1] * st[1]);
                        double z = random.nextGaussian();
                        end = Math.max(30, Math.round(Math.exp(Math.log(st[0]) - sigma2 / 2 + Math.sqrt(sigma2) * z)));
                        boolean transfer = !transferred
                                && random.nextDouble() < day.transferToKq().getOrDefault(service, 0.0);
                        pending.put(c.id(), transfer ? "transfer" : "complete");
                    }
                    add(now.getEpochSecond() + end, "free", c.id());
                }
            }
        }
    }

    private void handle(Command command, Instant now) {
        Decision d = queue.handle(command, now);
        if (d instanceof Decision.Rejected r && !(command instanceof Command.CallNext)) {
            throw new IllegalStateException(command + " refused: " + r);
        }
    }

    private Result result() {
        List<Double> waits = new ArrayList<>();
        Map<String, List<Double>> byService = new LinkedHashMap<>();
        Map<String, Accuracy> accuracy = new LinkedHashMap<>();
        for (var e : estimates.entrySet()) {
            Long called = firstCalled.get(e.getKey());
            if (called == null) {
                continue;
            }
            double actual = (called - issuedAt.get(e.getKey())) / 60.0;
            waits.add(actual);
            byService.computeIfAbsent(serviceOf.get(e.getKey()), k -> new ArrayList<>()).add(actual);
            e.getValue().forEach((name, est) -> {
                double error = est.value().toSeconds() / 60.0 - actual;
                boolean inside = est.low().toSeconds() / 60.0 <= actual + 1e-9
                        && actual <= est.high().toSeconds() / 60.0 + 1e-9;
                accuracy.merge(name, new Accuracy(Math.abs(error), error * error, inside ? 1 : 0, 1), Accuracy::plus);
            });
        }
        Map<String, Long> targets = new LinkedHashMap<>();
        centre.services().forEach(s -> targets.put(s.code(), s.targetWait().toMinutes()));
        return new Result(waits, byService, accuracy, targets);
    }
}
