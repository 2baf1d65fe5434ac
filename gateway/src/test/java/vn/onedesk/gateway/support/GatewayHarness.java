package vn.onedesk.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.OneDeskGateway;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;

/**
 * The real gateway, started in this JVM on free ports against a real PostgreSQL: by default a fresh
 * database on the shared embedded test server, with the demo centre's configuration.
 */
public final class GatewayHarness implements AutoCloseable {
    public static final String CENTRE = "hcc-tinh";
    public static final String PREFIX = "onedesk/v1/" + CENTRE + "/";

    private final GatewayConfig config;
    private final Clock clock;
    private Vertx vertx;
    private OneDeskGateway gateway;

    private GatewayHarness(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The demo centre on a fresh database. */
    public static GatewayHarness startDemo() {
        return startDemo(Clock.systemUTC());
    }

    /** The demo centre on a fresh database, on this clock. */
    public static GatewayHarness startDemo(Clock clock) {
        return start(env(Map.of(ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl())), clock);
    }

    public static GatewayHarness start(Map<String, String> env, Clock clock) {
        return start(ConfigLoader.load(env), clock);
    }

    public static GatewayHarness start(GatewayConfig config, Clock clock) {
        GatewayHarness harness = new GatewayHarness(config, clock);
        harness.startGateway();
        return harness;
    }

    /**
     * The demo centre on a fresh database, but keeping its opening hours as a real centre does
     * ({@code ticketsOnlyInSessions}: outside 07:30–11:30 and 13:30–17:00 it is closed), with this clock. The
     * demo devices and their demo passwords stay, so pages still log in by themselves.
     */
    public static GatewayHarness startDemoKeepingOpeningHours(Clock clock) {
        return start(keepingOpeningHours(ConfigLoader.load(env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl())))), clock);
    }

    /** The configuration with every centre keeping its opening hours. */
    public static GatewayConfig keepingOpeningHours(GatewayConfig config) {
        return withCentres(config, c -> new CentreDefinition(c.id(), c.name(), c.timezone(), c.sessions(),
                c.services(), c.counters(), true, c.showOfficerName()));
    }

    /** The demo centre on a fresh database, on this clock, with its definition changed (a setting, say). */
    public static GatewayHarness startDemo(Clock clock, UnaryOperator<CentreDefinition> change) {
        return start(withCentres(ConfigLoader.load(env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl()))), change), clock);
    }

    /** The configuration with every centre's definition changed. */
    public static GatewayConfig withCentres(GatewayConfig config, UnaryOperator<CentreDefinition> change) {
        return config.withCentres(config.centres().stream().map(change).toList(), config.devices());
    }

    /**
     * The demo centre on a fresh database with its simulated traffic on, at {@code speed} times real
     * time (tests pass a high one so that the simulated day moves within their timeouts).
     */
    public static GatewayHarness startDemoWithTraffic(double speed) {
        return startDemoWithTraffic(speed, Clock.systemUTC());
    }

    /** As {@link #startDemoWithTraffic(double)}, with the gateway's clock (e.g. set to a time of the centre's day). */
    public static GatewayHarness startDemoWithTraffic(double speed, Clock clock) {
        return start(env(Map.of(ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(),
                ConfigLoader.ENV_DEMO_TRAFFIC, "on", ConfigLoader.ENV_DEMO_SPEED, String.valueOf(speed))), clock);
    }

    /**
     * Environment with random ports and demo traffic off (tests stay deterministic; pass
     * {@code ONEDESK_DEMO_TRAFFIC=on} to have it), plus the given overrides. A real configuration may run without
     * TLS ({@code ONEDESK_ALLOW_PLAINTEXT=true}: tests talk to it over loopback); a test of the TLS rules passes
     * {@code ONEDESK_ALLOW_PLAINTEXT} as "" (unset) or "false".
     */
    public static Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put(ConfigLoader.ENV_MQTT_PORT, "0");
        env.put(ConfigLoader.ENV_HTTP_PORT, "0");
        env.put(ConfigLoader.ENV_MQTTS_PORT, "0");
        env.put(ConfigLoader.ENV_ALLOW_PLAINTEXT, "true");
        env.put(ConfigLoader.ENV_HOST, "127.0.0.1");
        env.put(ConfigLoader.ENV_DEMO_TRAFFIC, "off");
        env.putAll(overrides);
        return env;
    }

    private void startGateway() {
        // As Main does: Vert.x records its internals into the gateway's registry, so /metrics is complete.
        GatewayMonitoring monitoring = GatewayMonitoring.create();
        vertx = monitoring.newVertx();
        gateway = await(OneDeskGateway.start(vertx, config, clock, monitoring));
    }

    /** Stops the gateway and starts a new one on the same database, as after a crash or deploy. */
    public void restart() {
        stop();
        startGateway();
    }

    public void stop() {
        if (gateway != null) {
            await(gateway.stop());
            gateway = null;
        }
        if (vertx != null) {
            await(vertx.close());
            vertx = null;
        }
    }

    /** Stops as {@code Main}'s shutdown hook does: the gateway, then Vert.x, in one chain. */
    public void stopAsTheProcessDoes() {
        Vertx v = vertx;
        await(gateway.stop().eventually(v::close));
        gateway = null;
        vertx = null;
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + gateway.mqttPort();
    }

    public String webSocketUri() {
        return "ws://127.0.0.1:" + gateway.httpPort() + "/mqtt";
    }

    public int httpPort() {
        return gateway.httpPort();
    }

    /** http://127.0.0.1:{port}{path} on the gateway's HTTP port. */
    public String httpUri(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + path;
    }

    public OneDeskGateway gateway() {
        return gateway;
    }

    /** The Vert.x instance the gateway runs on (null once stopped). */
    public Vertx vertx() {
        return vertx;
    }

    public TestDevice device(String deviceId) throws Exception {
        return TestDevice.connect(mqttUri(), deviceId, "demo");
    }

    /** One value from the database, e.g. {@code count("SELECT count(*) FROM tickets")}. */
    public long count(String sql, Object... params) {
        Row row = await(gateway.query(sql, params)).iterator().next();
        return row.getLong(0);
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
