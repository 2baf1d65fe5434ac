package vn.onedesk.gateway.reports;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.staff.Authentication;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.protocol.ErrorCode;

/**
 * {@code GET /api/v1/centres/{c}/reports/daily?date=YYYY-MM-DD[&format=json|csv]}: the day's report,
 * read from the stored events (so it is the same after a restart and on any node), as JSON by
 * default or as CSV when asked by {@code format=csv} or {@code Accept: text/csv}. Only the centre's
 * managers and administrators may read it: 401 without a login, 403 for anyone else.
 */
public final class DailyReportApi {
    public static final String PATH = "/api/v1/centres/:centre/reports/daily";
    private static final Logger LOG = Logger.getLogger(DailyReportApi.class.getName());
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    enum Format { JSON, CSV }

    private final Vertx vertx;
    private final StoredEvents events;
    private final Map<String, CentreDefinition> centres;
    private final Clock clock;
    private final Authentication authentication;

    public DailyReportApi(Vertx vertx, Pool pool, List<CentreDefinition> centres, Clock clock,
                          Authentication authentication) {
        this.vertx = vertx;
        this.authentication = authentication;
        this.events = new StoredEvents(pool);
        this.centres = centres.stream().collect(Collectors.toUnmodifiableMap(CentreDefinition::id, Function.identity()));
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH)
                .handler(authentication)
                .handler(Authentication.requireRole("centre", Role.CENTRE_MANAGER))
                .handler(this::handle);
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
        Optional<Format> format = formats.isEmpty()
                ? Optional.of(negotiated(ctx.request().getHeader("accept")))
                : named(formats.get(0));
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
                        .end(Buffer.buffer(body.bytes())))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "daily report of " + centre.id() + " for " + date.get() + " failed", e);
                    error(ctx, 503, ErrorCode.UNAVAILABLE, "the events could not be read; try again");
                });
    }

    private record Body(String contentType, String disposition, byte[] bytes) {
    }

    private static Body json(DailyReport report) {
        return new Body("application/json; charset=utf-8", "inline; filename=\"" + fileName(report, "json") + "\"",
                ReportJson.render(report).encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    private static Body csv(DailyReport report) {
        return new Body("text/csv; charset=utf-8", "attachment; filename=\"" + fileName(report, "csv") + "\"",
                ReportCsv.render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** "bao-cao-ngay_hcc-tinh_2025-03-03.csv": ASCII only, so every browser and Excel keep it as it is. */
    static String fileName(DailyReport report, String extension) {
        return "bao-cao-ngay_" + report.centre().replaceAll("[^A-Za-z0-9_-]", "-") + "_" + report.date() + "."
                + extension;
    }

    /**
     * CSV when the Accept header prefers text/csv to JSON (by q, then by order); JSON otherwise,
     * including without an Accept header or with only types we do not make.
     */
    static Format negotiated(String accept) {
        if (accept == null) {
            return Format.JSON;
        }
        Format best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] param = parts[i].trim().split("=", 2);
                if (param.length == 2 && param[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(param[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Format format = switch (type) {
                case "text/csv" -> Format.CSV;
                case "application/json", "application/*", "*/*" -> Format.JSON;
                default -> null;
            };
            if (format != null && q > bestQ) {
                best = format;
                bestQ = q;
            }
        }
        return best == null ? Format.JSON : best;
    }

    private static Optional<Format> named(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
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
        HttpErrors.send(ctx, status, code, detail);
    }
}
