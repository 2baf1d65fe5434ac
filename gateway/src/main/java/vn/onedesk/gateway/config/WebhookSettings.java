package vn.onedesk.gateway.config;

import java.time.Duration;

/**
 * How webhooks are delivered: a delivery is tried {@code maxAttempts} times in all, waiting between attempts
 * {@code retryBase × 2^(attempt − 1)} with jitter, at most {@code retryMax}; each attempt waits {@code timeout} for
 * the receiver's answer. With the defaults a receiver may be down for about 9 hours before a delivery becomes a dead
 * letter.
 */
public record WebhookSettings(int maxAttempts, Duration retryBase, Duration retryMax, Duration timeout) {
    public static final WebhookSettings DEFAULT = new WebhookSettings(12, Duration.ofSeconds(5), Duration.ofHours(2),
            Duration.ofSeconds(10));
}
