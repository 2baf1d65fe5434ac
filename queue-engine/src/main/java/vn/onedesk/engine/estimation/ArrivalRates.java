package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent arrival rates per service, from the times of the last few arrivals, and the share of
 * arrivals in legal priority groups. Fed from the events, so a replay rebuilds it exactly.
 */
public final class ArrivalRates {
    /** How many recent arrivals per service the rate is measured over. */
    static final int WINDOW = 12;
    /** The shortest span a rate is measured over, so that a burst of three tickets is not read as 100 an hour. */
    static final Duration MIN_SPAN = Duration.ofMinutes(20);
    private static final double PRIORITY_WEIGHT_OF_NEWEST = 0.02;
    private static final double PRIOR_PRIORITY_SHARE = 0.07;

    private final Map<String, long[]> recent = new HashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();
    private double priorityShare = PRIOR_PRIORITY_SHARE;

    public void arrived(String service, boolean priority, Instant at) {
        long[] ring = recent.computeIfAbsent(service, s -> new long[WINDOW]);
        int n = seen.merge(service, 1, Integer::sum);
        ring[(n - 1) % WINDOW] = at.getEpochSecond();
        priorityShare += PRIORITY_WEIGHT_OF_NEWEST * ((priority ? 1 : 0) - priorityShare);
    }

    /** Arrivals per hour over the last {@link #WINDOW} arrivals of the service, measured up to {@code now}. */
    public double perHour(String service, Instant now) {
        int n = Math.min(WINDOW, seen.getOrDefault(service, 0));
        if (n == 0) {
            return 0;
        }
        long[] ring = recent.get(service);
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            oldest = Math.min(oldest, ring[i]);
        }
        double span = Math.max(MIN_SPAN.toSeconds(), now.getEpochSecond() - oldest);
        return n * 3600.0 / span;
    }

    public double priorityShare() {
        return priorityShare;
    }

    /** The last arrivals per service, oldest first, and how many each has seen. */
    public Map<String, LearntEstimates.Arrivals> export() {
        Map<String, LearntEstimates.Arrivals> out = new HashMap<>();
        seen.forEach((service, n) -> {
            long[] ring = recent.get(service);
            int kept = Math.min(WINDOW, n);
            java.util.List<Instant> times = new java.util.ArrayList<>(kept);
            for (int i = n - kept; i < n; i++) {
                times.add(Instant.ofEpochSecond(ring[i % WINDOW]));
            }
            out.put(service, new LearntEstimates.Arrivals(n, times));
        });
        return out;
    }

    /** Takes back what {@link #export} and {@link #priorityShare} gave: the next arrival replaces the oldest. */
    public void restore(Map<String, LearntEstimates.Arrivals> arrivals, double share) {
        arrivals.forEach((service, a) -> {
            // fewer times than the count claims (a hand-edited row): count only the times there are
            int n = a.recent().size() < Math.min(WINDOW, a.seen()) ? a.recent().size() : a.seen();
            if (n <= 0) {
                return;
            }
            int kept = Math.min(WINDOW, n);
            List<Instant> times = a.recent().subList(a.recent().size() - kept, a.recent().size());
            long[] ring = new long[WINDOW];
            // where arrived() put them: the i-th of the last `kept` of `n` arrivals at (n - kept + i) mod WINDOW
            for (int i = 0; i < kept; i++) {
                ring[(n - kept + i) % WINDOW] = times.get(i).getEpochSecond();
            }
            recent.put(service, ring);
            seen.put(service, n);
        });
        priorityShare = share;
    }
}
