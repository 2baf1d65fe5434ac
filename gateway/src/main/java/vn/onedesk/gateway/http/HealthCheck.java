package vn.onedesk.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import vn.onedesk.gateway.persistence.Migrations;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;

/**
 * Readiness: PostgreSQL answers, the schema is at this build's version, the MQTT listener is
 * bound and every centre's queue is loaded. Each check is "UP" or says what is wrong, e.g.
 * {@code "database": "DOWN: no answer within 3 s"}.
 */
public final class HealthCheck {
    public static final String UP = "UP";

    private final Pool pool;
    private final Centres centres;
    private java.util.Optional<ClusterState> cluster = java.util.Optional.empty();

    /** This node's view of its cluster, for the answer: its id, whether it is among the members, how many. */
    public interface ClusterState {
        String node();

        boolean joined();

        int members();
    }
    private final BooleanSupplier mqttBound;
    /** A database that takes longer than this to answer SELECT is not ready to take tickets. */
    private final long databaseLimitMs;

    public HealthCheck(Pool pool, Centres centres, BooleanSupplier mqttBound) {
        this(pool, centres, mqttBound, vn.onedesk.gateway.config.DatabaseSettings.DEFAULT_TIMEOUT);
    }

    /** @param databaseLimit the database timeout: the same bound a device's request has */
    public HealthCheck(Pool pool, Centres centres, BooleanSupplier mqttBound, java.time.Duration databaseLimit) {
        this.pool = pool;
        this.centres = centres;
        this.mqttBound = mqttBound;
        this.databaseLimitMs = databaseLimit.toMillis();
    }

    /** In a cluster: this node's view of it, for the answer's {@code cluster} check. */
    public HealthCheck inCluster(ClusterState state) {
        this.cluster = java.util.Optional.of(state);
        return this;
    }

    /**
     * UP when the database answers at the migrations this build needs, MQTT listens and every centre this node runs
     * is loaded; {@code ownedCentres} lists those centres (every centre alone; this node's share in a cluster).
     */
    public Future<JsonObject> ready() {
        return pool.query("SELECT coalesce(max(version), 0) FROM schema_migrations").execute()
                .timeout(databaseLimitMs, TimeUnit.MILLISECONDS)
                .map(rows -> rows.iterator().next().getInteger(0))
                .map(version -> new JsonObject().put("database", UP).put("migrations", migrations(version)))
                .otherwise(e -> new JsonObject().put("database", "DOWN: " + describe(e))
                        .put("migrations", "UNKNOWN: the database did not answer"))
                .map(checks -> {
                    checks.put("mqtt", mqttBound.getAsBoolean() ? UP : "DOWN: the MQTT listener is not bound");
                    checks.put("centres", centres());
                    cluster.ifPresent(c -> checks.put("cluster", c.joined() ? UP
                            : "DOWN: this node is not among the cluster's members"));
                    boolean up = checks.stream().allMatch(e -> UP.equals(e.getValue()));
                    JsonObject answer = new JsonObject().put("status", up ? UP : "DOWN").put("checks", checks)
                            .put("ownedCentres", new io.vertx.core.json.JsonArray(centres.all().stream()
                                    .map(CentreRuntime::centreId).sorted().toList()));
                    cluster.ifPresent(c -> answer.put("cluster", new JsonObject().put("node", c.node())
                            .put("joined", c.joined()).put("members", c.members())));
                    return answer;
                });
    }

    /** Each check of a {@link #ready()} answer, and whether it is up. */
    public static Map<String, Boolean> checks(JsonObject ready) {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        ready.getJsonObject("checks", new JsonObject()).forEach(e -> checks.put(e.getKey(), UP.equals(e.getValue())));
        return checks;
    }

    private static String migrations(int version) {
        int needed = Migrations.latestVersion();
        return version >= needed ? UP
                : "PENDING: the database is at V" + version + ", this build needs V" + needed;
    }

    private String centres() {
        String loading = centres.all().stream().filter(c -> !c.isReady()).map(CentreRuntime::centreId).sorted()
                .collect(Collectors.joining(", "));
        return loading.isEmpty() ? UP : "LOADING: " + loading;
    }

    private String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + databaseLimitMs + " ms";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
