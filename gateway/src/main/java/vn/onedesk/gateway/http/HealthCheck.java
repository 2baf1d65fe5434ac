package vn.onedesk.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.BooleanSupplier;
import vn.onedesk.gateway.persistence.Migrations;
import vn.onedesk.gateway.queue.Centres;

/**
 * Readiness: PostgreSQL answers, the schema is at this build's version, the MQTT listener is
 * bound and every centre's queue is loaded. The body says which of these is wrong.
 */
public final class HealthCheck {
    private final Pool pool;
    private final Centres centres;
    private final BooleanSupplier mqttBound;

    public HealthCheck(Pool pool, Centres centres, BooleanSupplier mqttBound) {
        this.pool = pool;
        this.centres = centres;
        this.mqttBound = mqttBound;
    }

    public Future<JsonObject> ready() {
        return pool.query("SELECT coalesce(max(version), 0) FROM schema_migrations").execute()
                .map(rows -> rows.iterator().next().getInteger(0))
                .map(version -> new JsonObject().put("database", "UP")
                        .put("migrations", version >= Migrations.latestVersion() ? "UP" : "PENDING (at V" + version + ")"))
                .otherwise(e -> new JsonObject().put("database", "DOWN: " + e.getMessage()).put("migrations", "UNKNOWN"))
                .map(checks -> {
                    checks.put("mqtt", mqttBound.getAsBoolean() ? "UP" : "DOWN");
                    checks.put("centres", centres.allReady() ? "UP" : "LOADING");
                    boolean up = checks.stream().allMatch(e -> "UP".equals(e.getValue()));
                    return new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks);
                });
    }
}
