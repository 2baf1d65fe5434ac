package vn.onedesk.gateway.monitoring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import vn.onedesk.monitoring.MicrometerMetrics;
import vn.onedesk.monitoring.OneDeskMetrics;

/**
 * One Prometheus registry per gateway, shared by OneDesk's own metrics and Vert.x's: event loops,
 * the PostgreSQL pool, the HTTP and MQTT listeners and the JVM. Vert.x records into it only if the
 * Vert.x instance was built by {@link #newVertx()}, because its metrics are chosen when it is built.
 */
public final class GatewayMonitoring {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /**
     * Held here because java.util.logging keeps loggers weakly. Vert.x registers a gauge again for each new
     * connection (to the MQTT and HTTP servers, from the PostgreSQL pool) under the same id, and keeps one
     * counter per id behind it, so the values are right; but Micrometer warned "This Gauge has been already
     * registered" once per run, at the second device or the second database connection. Only that message is
     * dropped; any other warning of Micrometer's still shows.
     */
    private static final Logger MICROMETER_LOG = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

    private final PrometheusMeterRegistry registry;
    private final MicrometerMetrics metrics;
    /** Vert.x keeps registries by name in a JVM-wide map: each gateway (tests run several) needs its own. */
    private final String registryName = "onedesk-" + INSTANCES.incrementAndGet();

    private GatewayMonitoring(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.metrics = new MicrometerMetrics(registry);
    }

    public static GatewayMonitoring create() {
        MICROMETER_LOG.setFilter(GatewayMonitoring::notARepeatedVertxGauge);
        return new GatewayMonitoring(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static boolean notARepeatedVertxGauge(LogRecord record) {
        String message = record.getMessage();
        return message == null || !(message.startsWith("This Gauge has been already registered")
                && message.contains("name='vertx."));
    }

    /** A Vert.x instance that records its internals and the JVM's into this registry. */
    public Vertx newVertx() {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(metricsOptions()))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** A clustered Vert.x with the same metrics, on this cluster manager and event-bus options. */
    public io.vertx.core.Future<Vertx> newClusteredVertx(io.vertx.core.spi.cluster.ClusterManager manager,
                                                         io.vertx.core.eventbus.EventBusOptions eventBus) {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(metricsOptions()).setEventBusOptions(eventBus))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .withClusterManager(manager)
                .buildClustered();
    }

    private MicrometerMetricsOptions metricsOptions() {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setRegistryName(registryName)
                // PostgreSQL connections are covered by the pool and SQL client metrics; the raw TCP client
                // metrics add nothing but a duplicate-gauge warning from its two clients (pool, WebSocket bridge).
                .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                // Bounded labels only: never the request path or the remote address.
                .setLabels(EnumSet.of(Label.POOL_TYPE, Label.POOL_NAME, Label.HTTP_METHOD, Label.HTTP_CODE,
                        Label.HTTP_ROUTE, Label.LOCAL));
        return options;
    }

    public OneDeskMetrics metrics() {
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Everything in the registry, in the Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }
}
