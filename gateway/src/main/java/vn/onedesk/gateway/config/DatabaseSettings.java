package vn.onedesk.gateway.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How the gateway uses its database, beyond where it is.
 *
 * @param timeout    how long a device's request, an HTTP answer that reads the database, or a wait for a pooled
 *                   connection may wait on PostgreSQL before the gateway gives up and answers {@code UNAVAILABLE}
 *                   (503 over HTTP): a database that does not answer must not leave a kiosk without a reply
 * @param migrateUrl an external PostgreSQL's URL for the role that owns the schema, used only to run migrations at
 *                   start; empty = migrations use {@code pgUrl} too. Ignored with the embedded database, which has
 *                   its own owner role.
 */
public record DatabaseSettings(Duration timeout, Optional<String> migrateUrl) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final DatabaseSettings DEFAULT = new DatabaseSettings(DEFAULT_TIMEOUT, Optional.empty());

    public DatabaseSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        migrateUrl = migrateUrl == null ? Optional.empty() : migrateUrl;
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the database timeout must be from " + MIN_TIMEOUT.toMillis() + " to "
                    + MAX_TIMEOUT.toMillis() + " ms, got " + timeout.toMillis());
        }
    }

    public DatabaseSettings withTimeout(Duration t) {
        return new DatabaseSettings(t, migrateUrl);
    }

    /** Never the URL's password. */
    @Override
    public String toString() {
        return "DatabaseSettings[timeout=" + timeout.toMillis() + " ms, migrateUrl=" + (migrateUrl.isPresent() ? "set" : "none") + "]";
    }
}
