package vn.onedesk.engine.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * Draws a day's visits from a scenario's demand with one seeded generator: a Poisson number of
 * visits around {@code visitsPerDay}; for each, the clock hour by {@code arrivalShareByHour} and a
 * uniform second within it, the service by {@code serviceMix}, a legal priority group (one of the
 * five, equally likely) with {@code priorityShare}, an appointment with {@code appointmentShare}
 * (its slot on the five-minute grid, 2–12 minutes after the arrival), absence with
 * {@code noShowShare}, a lognormal service time, and the transfers that will follow.
 */
public final class DemandGenerator {
    /** A chain of transfers longer than this is cut, so that transfers in a loop cannot go on forever. */
    static final int MAX_LEGS = 5;
    private static final List<PriorityGroup> GROUPS = List.of(PriorityGroup.values()).stream()
            .filter(g -> g.isPriority() && g.isIssuable()).toList();

    private DemandGenerator() {
    }

    /** The visits of one day, in arrival order (ties in the order drawn). */
    public static List<Visit> day(Scenario scenario, LocalDate day, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Demand demand = scenario.demand();
        int count = poisson(random, demand.visitsPerDay());
        List<Visit> visits = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int hour = pick(random, demand.arrivalShareByHour());
            Instant arrival = day.atTime(LocalTime.of(hour, 0)).atZone(scenario.centre().timezone()).toInstant()
                    .plusSeconds(random.nextInt(3600));
            String service = pick(random, demand.serviceMix());
            PriorityGroup priority = random.nextDouble() < demand.priorityShare()
                    ? GROUPS.get(random.nextInt(GROUPS.size()))
                    : PriorityGroup.NONE;
            Instant appointmentAt = random.nextDouble() < demand.appointmentShare()
                    ? slotAfter(arrival.plusSeconds(120 + random.nextInt(300)))
                    : null;
            boolean absent = random.nextDouble() < demand.noShowShare();
            visits.add(new Visit(i, arrival, priority, appointmentAt, absent, legs(random, scenario, service)));
        }
        visits.sort(Comparator.comparing(Visit::arrival).thenComparingInt(Visit::index));
        return visits;
    }

    private static List<Visit.Leg> legs(SplittableRandom random, Scenario scenario, String first) {
        List<Visit.Leg> legs = new ArrayList<>();
        String service = first;
        while (service != null && legs.size() < MAX_LEGS) {
            legs.add(new Visit.Leg(service, scenario.serviceTimes().get(service).sample(random)));
            service = transferAfter(random, scenario.demand(), service);
        }
        return legs;
    }

    private static String transferAfter(SplittableRandom random, Demand demand, String from) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (Demand.Transfer t : demand.transfers()) {
            if (t.from().equals(from)) {
                cumulative += t.share();
                if (u < cumulative) {
                    return t.to();
                }
            }
        }
        return null;
    }

    private static Instant slotAfter(Instant at) {
        long step = 300;
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond() + step - 1, step) * step);
    }

    /** The number of unit-rate exponential gaps that fit in the mean: exactly Poisson, for any mean. */
    static int poisson(SplittableRandom random, double mean) {
        int n = 0;
        double t = -Math.log(1 - random.nextDouble());
        while (t <= mean) {
            n++;
            t -= Math.log(1 - random.nextDouble());
        }
        return n;
    }

    /** A key drawn with probability proportional to its share; the map iterates in sorted order. */
    private static <K> K pick(SplittableRandom random, Map<K, Double> shares) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        double u = random.nextDouble() * total;
        K last = null;
        for (Map.Entry<K, Double> e : shares.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            last = e.getKey();
            u -= e.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last;
    }
}
