package vn.onedesk.gateway.monitoring;

import io.micrometer.core.instrument.config.MeterFilter;
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
import vn.onedesk.monitoring.MicrometerMetrics;
import vn.onedesk.monitoring.OneDeskMetrics;

/**
 * One Prometheus registry per gateway, shared by OneDesk's own metrics and Vert.x's: event loops,
 * the PostgreSQL pool, the HTTP and MQTT listeners and the JVM. Vert.x records into it only if the
 * Vert.x instance was built by {@link #newVertx()}, because its metrics are chosen when it is built.
 */
public final class GatewayMonitoring {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PrometheusMeterRegistry registry;
    private final MicrometerMetrics metrics;
    /** Vert.x keeps registries by name in a JVM-wide map: each gateway (tests run several) needs its own. */
    private final String registryName = "onedesk-" + INSTANCES.incrementAndGet();

    private GatewayMonitoring(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.metrics = new MicrometerMetrics(registry);
    }

    public static GatewayMonitoring create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Vert.x registers this gauge once per PostgreSQL connection, all under one id (our labels leave out the
        // remote address), so Micrometer warned "Gauge already registered" on every start. The pool's own
        // vertx_pool_in_use and vertx_pool_queue_pending say the same for the pool as a whole.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("vertx.sql.processing.pending")));
        return new GatewayMonitoring(registry);
    }

    /** A Vert.x instance that records its internals and the JVM's into this registry. */
    public Vertx newVertx() {
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
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
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
