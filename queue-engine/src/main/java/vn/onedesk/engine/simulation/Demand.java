package vn.onedesk.engine.simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A weekday's demand at a centre.
 *
 * @param visitsPerDay       expected arrivals; a day's number is Poisson around it
 * @param arrivalShareByHour share of the day's arrivals in each clock hour (7 = 07:00–07:59), summing to 1
 * @param serviceMix         share of arrivals per service, summing to 1
 * @param priorityShare      share of arrivals in a legal priority group
 * @param appointmentShare   share of arrivals checking in for a booked slot
 * @param noShowShare        share of arrivals not present when called
 * @param transfers          after completing {@code from}, this share moves on to {@code to}
 * @param seed               the default random seed
 */
public record Demand(double visitsPerDay, Map<Integer, Double> arrivalShareByHour, Map<String, Double> serviceMix,
                     double priorityShare, double appointmentShare, double noShowShare, List<Transfer> transfers,
                     long seed) {
    /** How far a list of shares may sum away from 1 (the scenario files give two decimals). */
    static final double SUM_TOLERANCE = 0.005;

    public Demand {
        arrivalShareByHour = new TreeMap<>(arrivalShareByHour);
        serviceMix = new TreeMap<>(serviceMix);
        transfers = List.copyOf(transfers);
        List<String> problems = new ArrayList<>();
        if (!(visitsPerDay > 0) || Double.isInfinite(visitsPerDay)) {
            problems.add("demand.visitsPerDay must be positive, got " + visitsPerDay);
        }
        arrivalShareByHour.keySet().stream().filter(h -> h < 0 || h > 23)
                .forEach(h -> problems.add("demand.arrivalShareByHour: hour " + h + " is not between 0 and 23"));
        checkShares("demand.arrivalShareByHour", arrivalShareByHour, problems);
        checkShares("demand.serviceMix", serviceMix, problems);
        checkShare("demand.priorityShare", priorityShare, problems);
        checkShare("demand.appointmentShare", appointmentShare, problems);
        checkShare("demand.noShowShare", noShowShare, problems);
        Map<String, Double> leaving = new TreeMap<>();
        for (Transfer t : transfers) {
            leaving.merge(t.from(), t.share(), Double::sum);
        }
        leaving.forEach((from, share) -> {
            if (share > 1 + 1e-9) {
                problems.add("demand.transfers from " + from + " add up to " + share + ", more than 1");
            }
        });
        if (!problems.isEmpty()) {
            throw new Scenario.InvalidScenarioException(problems);
        }
        // sorted and unmodifiable: sampling walks these maps, and their order must not vary between JVMs
        arrivalShareByHour = Collections.unmodifiableSortedMap((TreeMap<Integer, Double>) arrivalShareByHour);
        serviceMix = Collections.unmodifiableSortedMap((TreeMap<String, Double>) serviceMix);
    }

    private static void checkShares(String field, Map<?, Double> shares, List<String> problems) {
        if (shares.isEmpty()) {
            problems.add(field + " is empty");
            return;
        }
        shares.forEach((key, share) -> checkShare(field + "." + key, share, problems));
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            problems.add(field + " must sum to 1, sums to " + Math.round(sum * 10_000) / 10_000.0);
        }
    }

    private static void checkShare(String field, double share, List<String> problems) {
        if (!(share >= 0 && share <= 1)) {
            problems.add(field + " must be a share between 0 and 1, got " + share);
        }
    }

    /** After completing {@code from}, this share of tickets moves on to {@code to}, keeping its arrival. */
    public record Transfer(String from, String to, double share) {
        public Transfer {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("a transfer must go to another service, got " + from + " → " + to);
            }
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("transfer " + from + " → " + to
                        + " share must be between 0 and 1, got " + share);
            }
        }
    }
}
