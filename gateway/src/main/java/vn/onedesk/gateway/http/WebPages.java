package vn.onedesk.gateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Language;

/**
 * The screens: hall display, counter display, kiosk, counter console, the citizen's ticket page and the
 * administration (whose data comes from the administration API, behind a staff login),
 * as static files from the classpath ({@code web/}), plus {@code GET /api/v1/pages/config}, which tells
 * a page its centre, services and counters (and, in the demo only, the demo devices' credentials).
 *
 * <p>The pages are plain ES modules with no build step, so their URLs carry no content hash: everything
 * is served {@code no-cache} and revalidated by Last-Modified, so a deployed change shows on the next load
 * while an unchanged file costs a 304.
 */
public final class WebPages {
    static final String ROOT = "web";
    private static final String HTML = "text/html; charset=utf-8";

    private final GatewayConfig config;
    private final Clock clock;
    /** The centres running now: the administration adds and changes them while the gateway runs. */
    private final java.util.function.Supplier<java.util.List<CentreDefinition>> centres;

    public WebPages(GatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock the gateway's clock, which screens follow rather than their own (see serverTime) */
    public WebPages(GatewayConfig config, Clock clock) {
        this(config, clock, config::centres);
    }

    public WebPages(GatewayConfig config, Clock clock,
                    java.util.function.Supplier<java.util.List<CentreDefinition>> centres) {
        this.config = config;
        this.clock = clock;
        this.centres = centres;
    }

    public void mount(Router router) {
        page(router, "/", "index.html");
        page(router, "/display/hall", "hall.html");
        page(router, "/display/counter/:counterId", "counter-display.html");
        page(router, "/kiosk", "kiosk.html");
        page(router, "/counter", "counter.html");
        // The counter's rating pad, facing the citizen: /rating?counter=Q05
        page(router, "/rating", "rating.html");
        // The citizen's page: the path holds the ticket's public token from the QR code, never its internal id.
        page(router, "/ticket/:token", "ticket.html");
        // The citizen's phone takes a ticket from afar (README "Remote tickets"): /lay-so?c=hcc-tinh
        page(router, "/lay-so", "remote.html");
        page(router, "/admin", "admin.html");
        // The citizen books a slot from their phone, and cancels it (README "Booked slots"): /booking?c=hcc-tinh
        page(router, "/booking", "booking.html");
        router.get("/api/v1/pages/config").handler(this::pagesConfig);
        router.get("/assets/*").handler(WebPages::revalidate).handler(StaticHandler.create(ROOT + "/assets")
                .setDefaultContentEncoding("UTF-8")
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setCachingEnabled(true));
    }

    private static void page(Router router, String path, String file) {
        router.get(path).handler(ctx -> {
            // Its Content-Security-Policy, nosniff and no Referer (the ticket page's URL holds the ticket's token)
            // come from SecurityHeaders, as every answer's.
            ctx.response().putHeader("content-type", HTML).putHeader("cache-control", "no-cache");
            ctx.response().sendFile(ROOT + "/" + file).onFailure(ctx::fail);
        });
    }

    /** Replaces StaticHandler's day-long max-age: the file names are not versioned. */
    private static void revalidate(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() < 400) {
                ctx.response().headers().set("cache-control", "no-cache");
            }
        });
        ctx.next();
    }

    private void pagesConfig(RoutingContext ctx) {
        String wanted = ctx.queryParams().get("c");
        Optional<CentreDefinition> centre = wanted == null || wanted.isBlank()
                ? centres.get().stream().findFirst()
                : centres.get().stream().filter(c -> c.id().equals(wanted)).findFirst();
        if (centre.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "no centre " + wanted);
            return;
        }
        json(ctx, 200, describe(centre.get()));
    }

    JsonObject describe(CentreDefinition centre) {
        JsonArray services = new JsonArray();
        for (ServiceField s : centre.services()) {
            services.add(new JsonObject().put("code", s.code()).put("name", s.name()).put("prefix", s.prefix()));
        }
        JsonArray counters = new JsonArray();
        for (CounterDefinition c : centre.counters()) {
            counters.add(new JsonObject().put("id", c.id()).put("number", c.number())
                    .put("operator", c.operator().code()));
        }
        // Error texts are defined once, in ErrorCode; the pages show them by code.
        JsonObject errors = new JsonObject();
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code.name(), new JsonObject().put("vi", code.message(Language.VI)).put("en", code.message(Language.EN)));
        }
        JsonObject body = new JsonObject()
                .put("centre", centre.id())
                .put("centreName", centre.name())
                // Pages show every time in the centre's zone, not in whatever zone the device is set to.
                .put("timeZone", centre.timezone().getId())
                // A TV box or kiosk in a centre without internet often has no network time and a wrong clock:
                // screens show the gateway's time, from the offset between this and their own clock.
                .put("serverTime", clock.instant().toString())
                .put("demo", config.demo())
                // Whether the counters' public feed names the officer at each: the console knows it from its own
                // replies when the centre hides it there.
                .put("showOfficerName", centre.showOfficerName())
                // The console disables RECALL once the centre's limit is reached (the gateway refuses it anyway).
                .put("recallLimit", centre.rules().recallLimit())
                .put("services", services)
                .put("counters", counters)
                .put("mqttPath", "/mqtt")
                .put("errors", errors);
        if (config.demo()) {
            body.put("credentials", demoCredentials(centre));
        }
        return body;
    }

    /**
     * The first demo device of each role. Only the built-in demo holds plain-text passwords (and they are
     * published in the README); a real configuration holds hashes, and this is never called for it.
     */
    private JsonObject demoCredentials(CentreDefinition centre) {
        JsonObject credentials = new JsonObject();
        credential(centre, DeviceRole.DISPLAY).ifPresent(c -> credentials.put("hall", c));
        credential(centre, DeviceRole.KIOSK).ifPresent(c -> credentials.put("kiosk", c));
        credential(centre, DeviceRole.COUNTER).ifPresent(c -> credentials.put("counter", c));
        credential(centre, DeviceRole.RATING_PAD).ifPresent(c -> credentials.put("rating", c));
        return credentials;
    }

    private Optional<JsonObject> credential(CentreDefinition centre, DeviceRole role) {
        return config.devices().stream()
                .filter(d -> d.centre().equals(centre.id()) && d.role() == role)
                .filter(d -> d.password() instanceof PasswordHash.DemoPlainText)
                .findFirst()
                .map(WebPages::credential);
    }

    private static JsonObject credential(Device device) {
        JsonObject json = new JsonObject().put("device", device.id())
                .put("password", ((PasswordHash.DemoPlainText) device.password()).password());
        if (device.counter() != null) {
            json.put("counter", device.counter());
        }
        return json;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().headWritten()) {
            return; // already answered: 503 at the database deadline (DatabaseDeadline)
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body.encode());
    }
}
