package vn.onedesk.gateway.monitoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics} in the Prometheus text format. Before each scrape it refreshes the gauges
 * that are read rather than recorded (queue state, readiness), each within a time limit: a centre
 * stuck on a long commit delays nothing, its gauges just keep their last values.
 */
public final class MetricsEndpoint {
    private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());
    /** Prometheus' default scrape timeout is 10 s; refreshing must leave time to render. */
    static final long REFRESH_LIMIT_MS = 2_000;
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final GatewayMonitoring monitoring;
    private final List<Supplier<Future<?>>> refreshers;

    public MetricsEndpoint(Vertx vertx, GatewayMonitoring monitoring, List<Supplier<Future<?>>> refreshers) {
        this.vertx = vertx;
        this.monitoring = monitoring;
        this.refreshers = List.copyOf(refreshers);
    }

    public void handle(RoutingContext ctx) {
        List<Future<?>> refreshed = new java.util.ArrayList<>();
        refreshers.forEach(r -> refreshed.add(refresh(r)));
        Future.join(refreshed)
                .transform(ignored -> vertx.executeBlocking(monitoring::scrape, false))
                .onSuccess(text -> ctx.response().putHeader("content-type", CONTENT_TYPE).end(text))
                .onFailure(ctx::fail);
    }

    private static Future<?> refresh(Supplier<Future<?>> refresher) {
        try {
            return refresher.get().timeout(REFRESH_LIMIT_MS, TimeUnit.MILLISECONDS)
                    .onFailure(e -> LOG.log(Level.FINE, "a gauge refresh did not finish before the scrape", e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a gauge refresh failed", e);
            return Future.failedFuture(e);
        }
    }
}
