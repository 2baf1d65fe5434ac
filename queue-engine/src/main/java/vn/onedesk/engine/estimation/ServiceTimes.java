package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Recent mean service time per service: an exponentially weighted mean of observed services,
 * starting from the configured expectation so that the first tickets of the day get an estimate.
 */
public final class ServiceTimes {
    private static final double WEIGHT_OF_NEWEST = 0.2;
    private final Map<String, Double> meanSeconds = new HashMap<>();

    public ServiceTimes(Map<String, Duration> priors) {
        priors.forEach((service, d) -> meanSeconds.put(service, (double) d.toSeconds()));
    }

    public void observe(String service, Duration took) {
        if (took.isNegative()) {
            return;
        }
        meanSeconds.merge(service, (double) took.toSeconds(),
                (old, now) -> old + WEIGHT_OF_NEWEST * (now - old));
    }

    public Duration mean(String service) {
        return Duration.ofSeconds(Math.round(meanSeconds.getOrDefault(service, 480.0)));
    }
}
