package vn.onedesk.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.onedesk.gateway.mqtt.WebSocketBridge;

/**
 * The HTTP side: health endpoints, the screens ({@link WebPages}), the live feeds ({@link LiveApi}) and
 * MQTT over WebSocket at /mqtt.
 */
public final class HttpApi {
    private final Vertx vertx;
    private final HealthCheck health;
    private final WebSocketBridge bridge;
    private final WebPages pages;
    private final LiveApi live;
    private HttpServer server;

    public HttpApi(Vertx vertx, HealthCheck health, WebSocketBridge bridge, WebPages pages, LiveApi live) {
        this.vertx = vertx;
        this.health = health;
        this.bridge = bridge;
        this.pages = pages;
        this.live = live;
    }

    public Future<Integer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/health").handler(this::ready);
        pages.mount(router);
        live.mount(router);
        router.route().last().handler(ctx -> json(ctx, 404, new JsonObject().put("error", "NOT_FOUND")
                .put("message", "no such resource: " + ctx.request().path())));
        router.route().failureHandler(ctx -> json(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                new JsonObject().put("error", "INTERNAL").put("message", "the request failed")));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setWebSocketSubProtocols(List.of("mqtt", "mqttv3.1"))
                .setMaxWebSocketFrameSize(64 * 1024);
        server = vertx.createHttpServer(options).requestHandler(router).webSocketHandler(bridge::accept);
        return server.listen().map(HttpServer::actualPort);
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
