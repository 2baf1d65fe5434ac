package vn.onedesk.gateway.persistence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One change made through the administration, as the {@code admin_audit} table keeps it: who, when, what, and the
 * resource before and after (null when created or removed; never a secret). Written in the same transaction as the
 * change itself, so there is no change without its entry and no entry without its change.
 */
public record AuditRecord(String username, String action, String resource, String centre, JsonObject before,
                          JsonObject after, Instant at) {
    public AuditRecord {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(at, "at");
    }
}
