package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Recent mean service time per service: an exponentially weighted mean of observed services,
 * starting from the configured expectation so that the first tickets of the day get an estimate,
 * and the exponentially weighted variance around it, starting from a coefficient of variation of
 * {@value #PRIOR_CV}.
 */
public final class ServiceTimes {
    private static final double WEIGHT_OF_NEWEST = 0.2;
    /** Weight of the newest observation in the variance: slower than the mean, a variance needs more samples. */
    private static final double VARIANCE_WEIGHT_OF_NEWEST = 0.05;
    static final double PRIOR_CV = 0.6;
    private static final double DEFAULT_SECONDS = 480.0;
    private final Map<String, Double> meanSeconds = new HashMap<>();
    private final Map<String, Double> variance = new HashMap<>();
    /** The expectation each service's mean started from, stored with what was learnt (see {@link #restore}). */
    private final Map<String, Duration> expected = new HashMap<>();

    public ServiceTimes(Map<String, Duration> priors) {
        priors.forEach(this::expect);
    }

    /**
     * Starts the service's mean again from this expectation: the administration set a new expected service time (or
     * added the service), and what was learnt under the old one no longer says what to expect.
     */
    public void expect(String service, Duration prior) {
        expected.put(service, prior);
        meanSeconds.put(service, (double) prior.toSeconds());
        variance.put(service, Math.pow(PRIOR_CV * prior.toSeconds(), 2));
    }

    public void observe(String service, Duration took) {
        if (took.isNegative()) {
            return;
        }
        double x = took.toSeconds();
        double mean = meanSeconds.getOrDefault(service, DEFAULT_SECONDS);
        double var = variance.getOrDefault(service, Math.pow(PRIOR_CV * mean, 2));
        double diff = x - mean;
        meanSeconds.put(service, mean + WEIGHT_OF_NEWEST * diff);
        variance.put(service, (1 - VARIANCE_WEIGHT_OF_NEWEST) * (var + VARIANCE_WEIGHT_OF_NEWEST * diff * diff));
    }

    public Duration mean(String service) {
        return Duration.ofSeconds(Math.round(meanSeconds.getOrDefault(service, DEFAULT_SECONDS)));
    }

    /** Standard deviation ÷ mean of recent service times; {@value #PRIOR_CV} until observed. */
    public double cv(String service) {
        double mean = meanSeconds.getOrDefault(service, DEFAULT_SECONDS);
        Double var = variance.get(service);
        return var == null || mean <= 0 ? PRIOR_CV : Math.sqrt(var) / mean;
    }

    /** What has been learnt per service, as values. */
    public Map<String, LearntEstimates.ServiceTime> export() {
        Map<String, LearntEstimates.ServiceTime> out = new HashMap<>();
        meanSeconds.forEach((service, mean) -> out.put(service,
                new LearntEstimates.ServiceTime(expected.get(service), mean, variance.get(service))));
        return out;
    }

    /**
     * Takes back what was learnt, service by service, where it was learnt from the expectation configured now (or the
     * service is configured no more: kept as it was, as a queue that learnt it keeps it); a service whose expectation
     * changed since keeps starting from the new one, as {@link #expect} makes it.
     */
    public void restore(Map<String, LearntEstimates.ServiceTime> learnt) {
        learnt.forEach((service, t) -> {
            Duration now = expected.get(service);
            if (now == null || now.equals(t.expected())) {
                if (t.expected() != null) {
                    expected.put(service, t.expected());
                }
                meanSeconds.put(service, t.meanSeconds());
                variance.put(service, t.variance());
            }
        });
    }
}
