package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a centre's estimates have learnt from the day so far (service times, arrival rates, the last delays), as
 * values: persisted with each commit that changes it and given back on restore, so a restart or a reload does not
 * start the estimates again from the configured priors.
 *
 * @param serviceTimes  per service, the learnt mean and variance of its service time (see {@link ServiceTimes})
 * @param arrivals      per service, the times of its last arrivals and how many it has seen (see {@link ArrivalRates})
 * @param priorityShare the share of arrivals in legal priority groups
 * @param lastDelays    per service, how long the last ticket called in line order had waited
 */
public record LearntEstimates(Map<String, ServiceTime> serviceTimes, Map<String, Arrivals> arrivals,
                              double priorityShare, Map<String, Duration> lastDelays) {

    public LearntEstimates {
        serviceTimes = Map.copyOf(serviceTimes);
        arrivals = Map.copyOf(arrivals);
        lastDelays = Map.copyOf(lastDelays);
    }

    /**
     * @param expected    the configured expectation the mean started from; null when the service had none. A restore
     *                    under a different expectation starts the service again from the new one, as a reconfiguration
     *                    does, since what was learnt under the old one no longer says what to expect
     * @param meanSeconds the exponentially weighted mean service time, in seconds
     * @param variance    the exponentially weighted variance around it, in seconds²
     */
    public record ServiceTime(Duration expected, double meanSeconds, double variance) {
    }

    /**
     * @param seen   how many arrivals the service has had
     * @param recent the times of its last {@code min(seen, window)} arrivals, oldest first (to the second)
     */
    public record Arrivals(int seen, List<Instant> recent) {
        public Arrivals {
            recent = List.copyOf(recent);
        }
    }
}
