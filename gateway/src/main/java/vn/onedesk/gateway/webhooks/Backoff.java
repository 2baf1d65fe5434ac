package vn.onedesk.gateway.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential ({@code base × 2^(attempts − 1)}, at most {@code max}) with
 * jitter (a random point in the upper half of that), so the deliveries that failed together while a receiver was
 * down do not all come back at the same instant.
 */
public record Backoff(Duration base, Duration max) {
    public Duration after(int attempts, DoubleSupplier random) {
        double exponential = base.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (0.5 + 0.5 * random.getAsDouble())));
    }
}
