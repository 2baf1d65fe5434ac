package vn.onedesk.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import vn.onedesk.gateway.config.ConnectionLimits;
import vn.onedesk.gateway.net.ConnectionGate;
import vn.onedesk.gateway.net.QuietLog;
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
    private ConnectionLimits limits = ConnectionLimits.DEFAULTS;
    private ConnectionGate gate;
    private final QuietLog quiet = new QuietLog(LOG);

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

    /**
     * The listener's timeouts and its cap on open connections (a connection over a cap is closed as it is accepted);
     * call before {@link #listen}.
     */
    public HttpApi connectionLimits(ConnectionLimits timeouts, ConnectionGate connections) {
        this.limits = timeouts;
        this.gate = connections;
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
        // A request not answered in time gets 503 UNAVAILABLE; an event stream lasts as long as its client reads it.
        Handler<RoutingContext> timeout = TimeoutHandler.create(limits.httpRequestTimeout().toMillis(), 503);
        router.route().handler(ctx -> {
            if (isEventStream(ctx)) {
                ctx.next();
            } else {
                timeout.handle(ctx);
            }
        });
        router.route().handler(new DatabaseDeadline(vertx, databaseTimeout));
        features.forEach(feature -> feature.accept(router));
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/health").handler(this::ready);
        router.get("/metrics").handler(metricsAccess).handler(metrics::handle);
        router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, ErrorCode.NOT_FOUND,
                "no such resource: " + ctx.request().path()));
        router.route().failureHandler(ctx -> {
            if (ctx.statusCode() == 503 && ctx.failure() == null) {
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "no answer within "
                        + limits.httpRequestTimeout().toSeconds() + " s; retry");
            } else {
                HttpErrors.send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, ErrorCode.INTERNAL,
                        "the request failed");
            }
        });
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setWebSocketSubProtocols(List.of("mqtt", "mqttv3.1"))
                .setMaxWebSocketFrameSize(64 * 1024)
                // Reset by every byte read or written: it ends a connection stalled in the middle of a request or
                // an answer. Waiting for headers is timed by HeaderDeadline; a WebSocket is exempt (see there).
                .setIdleTimeout((int) limits.httpIdleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // No browser speaks HTTP/2 without TLS; an h2c upgrade (101) would leave the header deadline behind.
                .setHttp2ClearTextEnabled(false);
        if (secure != null) {
            secure.secure(options, false); // a browser asked for a client certificate would show a picker
        }
        server = vertx.createHttpServer(options).requestHandler(router)
                .connectionHandler(this::opened)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(bridge::accept);
        return server.listen().map(HttpServer::actualPort);
    }

    /** The two event streams (the waits, a ticket's), which the request timeout leaves alone. */
    static boolean isEventStream(RoutingContext ctx) {
        return ctx.request().path().endsWith("/stream");
    }

    /**
     * A new connection, the first thing Vert.x tells of it: over a cap it is closed at once, before a request is
     * read; otherwise its request headers are timed ({@link HeaderDeadline}). HTTP/2 (not offered without TLS) has no
     * HTTP/1.x decoder to follow and is left to the idle timeout.
     */
    private void opened(HttpConnection connection) {
        if (!(connection instanceof HttpServerConnection internal)) {
            return;
        }
        ChannelHandlerContext ctx = internal.channelHandlerContext();
        if (gate != null && !gate.admit(ctx.channel())) {
            ctx.channel().close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(HeaderDeadline.HTTP_DECODER) != null && pipeline.get(HeaderDeadline.VERTX_HANDLER) != null) {
            pipeline.addBefore(HeaderDeadline.VERTX_HANDLER, HeaderDeadline.NAME, new HeaderDeadline(
                    limits.httpHeaderTimeout().toNanos(), limits.httpIdleTimeout().toNanos(),
                    expired -> quiet.log(Level.INFO, "header-timeout", () -> "closed HTTP connections that sent no"
                            + " complete request headers in time (" + limits.httpHeaderTimeout().toSeconds()
                            + " s after connecting, " + limits.httpIdleTimeout().toSeconds()
                            + " s after an answer), the last from " + expired.channel().remoteAddress())));
        }
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
