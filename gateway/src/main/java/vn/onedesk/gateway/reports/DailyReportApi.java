package vn.onedesk.gateway.reports;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private final Vertx vertx;
    private final DaySummaries summaries;
    private final Supplier<? extends Collection<CentreDefinition>> centres;
    private final Clock clock;
    private final Authentication authentication;

    /**
     * @param centres the centres the gateway runs now, asked at each request: centres come and go while it runs
     */
    public DailyReportApi(Vertx vertx, Pool pool, Supplier<? extends Collection<CentreDefinition>> centres,
                          Clock clock, Authentication authentication) {
        this.vertx = vertx;
        this.authentication = authentication;
        this.summaries = new DaySummaries(vertx, pool);
        this.centres = centres;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH)
                .handler(authentication)
                .handler(Authentication.requireRole("centre", Role.CENTRE_MANAGER))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Optional<CentreDefinition> found = centreOfPath(centres, ctx);
        if (found.isEmpty()) {
            return;
        }
        CentreDefinition centre = found.get();
        List<String> dates = ctx.queryParam("date");
        List<String> formats = ctx.queryParam("format");
        if (dates.size() > 1 || formats.size() > 1) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, dates.size() > 1 ? "date" : "format",
                    "give 'date' and 'format' at most once each");
            return;
        }
        Optional<ReportFormat> format = ReportFormat.asked(formats, ctx.request().getHeader("accept"));
        if (format.isEmpty()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "format", "'format' must be json or csv, not '"
                    + formats.get(0) + "'");
            return;
        }
        Instant now = clock.instant();
        Optional<LocalDate> date = dates.isEmpty() ? Optional.of(centre.serviceDay(now))
                : Period.date(dates.get(0));
        if (date.isEmpty()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "date",
                    "'date' must be a calendar date written YYYY-MM-DD, not '" + dates.get(0) + "'");
            return;
        }
        DayAggregator day = DayAggregator.of(centre, date.get());
        // A day whose events retention deleted is read from its summary, with the same figures.
        summaries.readInto(centre, Period.day(date.get()), day.legs())
                // Making the lines and rendering them grow with the day's tickets: a worker, not the event loop.
                .compose(read -> vertx.executeBlocking(() -> body(day.report(now), format.get()), false))
                .onSuccess(body -> body.send(ctx))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "daily report of " + centre.id() + " for " + date.get() + " failed", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the events could not be read; try again");
                });
    }

    private static ReportBody body(DailyReport report, ReportFormat format) {
        return format == ReportFormat.CSV ? ReportBody.csv(ReportCsv.render(report), fileStem(report))
                : ReportBody.json(ReportJson.render(report), fileStem(report));
    }

    /** "bao-cao-ngay_hcc-tinh_2025-03-03": ASCII only, so every browser and Excel keep it as it is. */
    static String fileStem(DailyReport report) {
        return "bao-cao-ngay_" + ReportBody.filePart(report.centre()) + "_" + report.date();
    }

    /** The centre of this id among those the gateway runs now. */
    static Optional<CentreDefinition> find(Supplier<? extends Collection<CentreDefinition>> centres, String id) {
        return centres.get().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The centre the path names, among those running now; empty after answering 404 UNKNOWN_CENTRE. */
    static Optional<CentreDefinition> centreOfPath(Supplier<? extends Collection<CentreDefinition>> centres,
                                                   RoutingContext ctx) {
        Optional<CentreDefinition> found = find(centres, ctx.pathParam("centre"));
        if (found.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '"
                    + ctx.pathParam("centre") + "'");
        }
        return found;
    }
}
