package vn.onedesk.gateway.reports;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.protocol.ErrorCode;

/**
 * {@code GET /api/v1/centres/{c}/reports/daily?date=YYYY-MM-DD[&format=json|csv]}: the day's report,
 * read from the stored events (so it is the same after a restart and on any node), as JSON by
 * default or as CSV when asked by {@code format=csv} or {@code Accept: text/csv}.
 */
public final class DailyReportApi {
    public static final String PATH = "/api/v1/centres/:centre/reports/daily";
    private static final Logger LOG = Logger.getLogger(DailyReportApi.class.getName());
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private enum Format { JSON, CSV }

    private final Vertx vertx;
    private final StoredEvents events;
    private final Map<String, CentreDefinition> centres;
    private final Clock clock;

    public DailyReportApi(Vertx vertx, Pool pool, List<CentreDefinition> centres, Clock clock) {
        this.vertx = vertx;
        this.events = new StoredEvents(pool);
        this.centres = centres.stream().collect(Collectors.toUnmodifiableMap(CentreDefinition::id, Function.identity()));
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        CentreDefinition centre = centres.get(ctx.pathParam("centre"));
        if (centre == null) {
            error(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + ctx.pathParam("centre") + "'");
            return;
        }
        List<String> dates = ctx.queryParam("date");
        List<String> formats = ctx.queryParam("format");
        if (dates.size() > 1 || formats.size() > 1) {
            error(ctx, 400, ErrorCode.INVALID_REQUEST, "give 'date' and 'format' at most once each");
            return;
        }
        Optional<Format> format = formats.isEmpty() ? Optional.of(negotiated(ctx)) : named(formats.get(0));
        if (format.isEmpty()) {
            error(ctx, 400, ErrorCode.INVALID_REQUEST, "'format' must be json or csv, not '" + formats.get(0) + "'");
            return;
        }
        Instant now = clock.instant();
        Optional<LocalDate> date = dates.isEmpty() ? Optional.of(centre.serviceDay(now)) : date(dates.get(0));
        if (date.isEmpty()) {
            error(ctx, 400, ErrorCode.INVALID_REQUEST,
                    "'date' must be a calendar date written YYYY-MM-DD, not '" + dates.get(0) + "'");
            return;
        }
        events.ofDay(centre.id(), date.get(), centre.timezone())
                // Aggregating and rendering grow with the day's tickets: a worker, not the event loop.
                .compose(list -> vertx.executeBlocking(() -> {
                    DailyReport report = DayAggregator.aggregate(centre, date.get(), list, now);
                    return format.get() == Format.CSV ? csv(report) : json(report);
                }, false))
                .onSuccess(body -> ctx.response().setStatusCode(200)
                        .putHeader("content-type", body.contentType())
                        .putHeader("cache-control", "no-store")
                        .putHeader("content-disposition", body.disposition())
                        .end(io.vertx.core.buffer.Buffer.buffer(body.bytes())))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "daily report of " + centre.id() + " for " + date.get() + " failed", e);
                    error(ctx, 503, ErrorCode.UNAVAILABLE, "the events could not be read; try again");
                });
    }

    private record Body(String contentType, String disposition, byte[] bytes) {
    }

    private static Body json(DailyReport report) {
        return new Body("application/json; charset=utf-8",
                "inline; filename=\"" + ReportCsv.fileName(report).replaceFirst("\\.csv$", ".json") + "\"",
                ReportJson.render(report).encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    private static Body csv(DailyReport report) {
        return new Body("text/csv; charset=utf-8", "attachment; filename=\"" + ReportCsv.fileName(report) + "\"",
                ReportCsv.render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The first acceptable type we can give, in the client's order of preference; JSON otherwise. */
    private static Format negotiated(RoutingContext ctx) {
        for (MIMEHeader accepted : ctx.parsedHeaders().accept()) {
            if (!accepted.isPermitted()) {
                continue;
            }
            String type = accepted.component() + "/" + accepted.subComponent();
            if (type.equalsIgnoreCase("text/csv")) {
                return Format.CSV;
            }
            if (type.equalsIgnoreCase("application/json") || type.startsWith("*/") || type.equals("application/*")) {
                return Format.JSON;
            }
        }
        return Format.JSON;
    }

    private static Optional<Format> named(String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> Optional.of(Format.JSON);
            case "csv" -> Optional.of(Format.CSV);
            default -> Optional.empty();
        };
    }

    private static Optional<LocalDate> date(String text) {
        if (!DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text)); // ISO_LOCAL_DATE is strict: 2025-02-30 is refused
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Errors as elsewhere on the wire: a stable code, its Vietnamese text, and what exactly was wrong. */
    private static void error(RoutingContext ctx, int status, ErrorCode code, String detail) {
        JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code.name())
                .put("message", code.vietnameseMessage()).put("detail", detail));
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body.encodePrettily());
    }
}
