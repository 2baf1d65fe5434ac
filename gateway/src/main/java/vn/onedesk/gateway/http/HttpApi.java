package vn.onedesk.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;
import vn.onedesk.gateway.monitoring.MetricsEndpoint;
import vn.onedesk.gateway.mqtt.WebSocketBridge;
import vn.onedesk.gateway.tls.ServerTls;
import vn.onedesk.protocol.ErrorCode;

/**
 * The HTTP side: health endpoints, Prometheus metrics at /metrics (behind {@link MetricsAccess}) and MQTT over
 * WebSocket at /mqtt, plus each feature's routes (the screens, the live feeds, login, reports) mounted through
 * {@link #mount}. Every answer carries the {@link SecurityHeaders}; a WebSocket upgrade is accepted only at /mqtt and
 * only from the pages {@link WebSocketOrigins} allows (403 before the upgrade otherwise).
 */
public final class HttpApi {
    private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
    /** At most one line per this many milliseconds about refused origins: a hostile page may retry in a loop. */
    private static final long REFUSAL_LOG_INTERVAL_MS = 60_000;
    private final Vertx vertx;
    private final HealthCheck health;
    private final WebSocketBridge bridge;
    private final MetricsEndpoint metrics;
    private final MetricsAccess metricsAccess;
    private final WebSocketOrigins origins;
    private final AtomicLong lastRefusalLogged = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong refusedSinceLogged = new AtomicLong();
    private final List<Consumer<Router>> features = new ArrayList<>();
    private HttpServer server;
    private java.time.Duration databaseTimeout = vn.onedesk.gateway.config.DatabaseSettings.DEFAULT_TIMEOUT;

    public HttpApi(Vertx vertx, HealthCheck health, WebSocketBridge bridge, MetricsEndpoint metrics,
                   MetricsAccess metricsAccess, WebSocketOrigins origins) {
        this.vertx = vertx;
        this.origins = origins;
        this.health = health;
        this.bridge = bridge;
        this.metrics = metrics;
        this.metricsAccess = metricsAccess;
    }

    /** How long an answer that reads the database may wait on it before it is 503 (see {@link DatabaseDeadline}). */
    public HttpApi databaseTimeout(java.time.Duration timeout) {
        this.databaseTimeout = timeout;
        return this;
    }

    /** Adds a feature's own routes (reports, ...); call before {@link #listen}. */
    public HttpApi mount(Consumer<Router> routes) {
        features.add(routes);
        return this;
    }

    public Future<Integer> listen(String host, int port) {
        return listen(host, port, null);
    }

    /** Listens over TLS (HTTPS, and WSS at /mqtt) when {@code secure} is given, else in plain HTTP. */
    public Future<Integer> listen(String host, int port, ServerTls secure) {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.route().handler(new DatabaseDeadline(vertx, databaseTimeout));
        features.forEach(feature -> feature.accept(router));
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/health").handler(this::ready);
        router.get("/metrics").handler(metricsAccess).handler(metrics::handle);
        router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, ErrorCode.NOT_FOUND,
                "no such resource: " + ctx.request().path()));
        router.route().failureHandler(ctx -> HttpErrors.send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                ErrorCode.INTERNAL, "the request failed"));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setWebSocketSubProtocols(List.of("mqtt", "mqttv3.1"))
                .setMaxWebSocketFrameSize(64 * 1024);
        if (secure != null) {
            secure.secure(options, false); // a browser asked for a client certificate would show a picker
        }
        server = vertx.createHttpServer(options).requestHandler(router)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(bridge::accept);
        return server.listen().map(HttpServer::actualPort);
    }

    /** Decides before the upgrade: a refused page gets an HTTP status, never a socket. */
    private void handshake(ServerWebSocketHandshake handshake) {
        if (!WebSocketBridge.PATH.equals(handshake.path())) {
            handshake.reject(404);
            return;
        }
        String origin = handshake.headers().get("origin");
        if (!origins.allows(origin, handshake.authority())) {
            logRefusal(origin, handshake);
            handshake.reject(403);
            return;
        }
        handshake.accept();
    }

    private void logRefusal(String origin, ServerWebSocketHandshake handshake) {
        long refused = refusedSinceLogged.incrementAndGet();
        long now = System.nanoTime() / 1_000_000;
        long last = lastRefusalLogged.get();
        if (now - last >= REFUSAL_LOG_INTERVAL_MS && lastRefusalLogged.compareAndSet(last, now)) {
            refusedSinceLogged.addAndGet(-refused);
            String shown = origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
            LOG.info("MQTT over WebSocket refused (403) for a page from " + shown.replaceAll("\\p{Cntrl}", "?")
                    + " at " + handshake.remoteAddress() + (refused > 1 ? " (" + refused + " refused since the last"
                    + " such line)" : "") + "; other origins are allowed by gateway.allowedOrigins");
        }
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void ready(RoutingContext ctx) {
        health.ready().onComplete(ar -> {
            if (ar.failed()) {
                json(ctx, 503, new JsonObject().put("status", "DOWN").put("error", "health check failed"));
            } else {
                json(ctx, "UP".equals(ar.result().getString("status")) ? 200 : 503, ar.result());
            }
        });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body.encodePrettily());
    }
}
