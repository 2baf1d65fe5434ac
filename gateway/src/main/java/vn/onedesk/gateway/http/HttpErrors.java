package vn.onedesk.gateway.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ErrorView;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;

/**
 * The one shape of an HTTP error, the same as on MQTT: {@code {"error": {"code", "message", "detail"}}}, plus
 * {@code "field"} where one field or parameter of the request is at fault. The
 * message is the code's Vietnamese text, which pages show as it is, or its English text for a request with
 * {@code ?lang=en}; the detail says in English what exactly was wrong, for whoever reads the logs or calls the
 * API by hand.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    public static JsonObject body(ErrorCode code, String detail, Language language) {
        return body(code, null, detail, language);
    }

    /** @param field the field or parameter at fault, put as {@code field}; null for none */
    public static JsonObject body(ErrorCode code, String field, String detail, Language language) {
        ErrorView view = ProtocolError.of(code, detail).view(language);
        JsonObject error = new JsonObject()
                .put("code", view.code().name())
                .put("message", view.message())
                .put("detail", view.detail());
        if (field != null) {
            error.put("field", field);
        }
        return new JsonObject().put("error", error);
    }

    /**
     * The language of a request's error message: English only when it asks with {@code ?lang=en}. Browsers'
     * Accept-Language is not followed: pages choose their language themselves and show errors by code.
     */
    public static Language language(RoutingContext ctx) {
        List<String> lang = ctx.queryParam("lang");
        return lang.size() == 1 ? Language.of(lang.get(0)).orElse(Language.DEFAULT) : Language.DEFAULT;
    }

    public static void send(RoutingContext ctx, int status, ErrorCode code, String detail) {
        send(ctx, status, code, null, detail);
    }

    /**
     * As {@link #send(RoutingContext, int, ErrorCode, String)}, naming the request's field or parameter at fault in
     * {@code field} (as the administration API does), so that a page can show the error next to its input.
     *
     * @param field null when no one field is at fault
     */
    public static void send(RoutingContext ctx, int status, ErrorCode code, String field, String detail) {
        if (ctx.response().headWritten()) {
            if (!ctx.response().ended()) {
                ctx.response().end();
            }
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body(code, field, detail, language(ctx)).encodePrettily());
    }
}
