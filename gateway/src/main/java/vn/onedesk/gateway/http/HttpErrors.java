package vn.onedesk.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import vn.onedesk.protocol.ErrorCode;

/**
 * The one shape of an HTTP error, the same as on MQTT: {@code {"error": {"code", "message", "detail"}}}. The
 * message is the code's Vietnamese text, which pages show as it is; the detail says in English what exactly was
 * wrong, for whoever reads the logs or calls the API by hand.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    public static JsonObject body(ErrorCode code, String detail) {
        JsonObject error = new JsonObject().put("code", code.name()).put("message", code.vietnameseMessage());
        if (detail != null) {
            error.put("detail", detail);
        }
        return new JsonObject().put("error", error);
    }

    public static void send(RoutingContext ctx, int status, ErrorCode code, String detail) {
        if (ctx.response().headWritten()) {
            if (!ctx.response().ended()) {
                ctx.response().end();
            }
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body(code, detail).encodePrettily());
    }
}
