package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A lognormal service time given by its mean and coefficient of variation, as scenarios state it:
 * sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2, so that the samples have exactly that mean and cv.
 */
public record ServiceTime(double meanSeconds, double cv) {
    public ServiceTime {
        if (!(meanSeconds > 0) || Double.isInfinite(meanSeconds)) {
            throw new IllegalArgumentException("mean service time must be positive, got " + meanSeconds);
        }
        if (!(cv >= 0) || Double.isInfinite(cv)) {
            throw new IllegalArgumentException("cv must be zero or positive, got " + cv);
        }
    }

    public double sigma() {
        return Math.sqrt(Math.log1p(cv * cv));
    }

    public double mu() {
        double sigma = sigma();
        return Math.log(meanSeconds) - sigma * sigma / 2;
    }

    /** One service time, in whole seconds and at least one. */
    public Duration sample(RandomGenerator random) {
        double seconds = Math.exp(mu() + sigma() * random.nextGaussian());
        return Duration.ofSeconds(Math.max(1, Math.round(seconds)));
    }

    public Duration mean() {
        return Duration.ofSeconds(Math.round(meanSeconds));
    }
}
