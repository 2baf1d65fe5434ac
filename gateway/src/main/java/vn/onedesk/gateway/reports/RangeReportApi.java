package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.staff.Authentication;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.protocol.ErrorCode;

/**
 * {@code GET /api/v1/centres/{c}/reports?from=&to=&by=day|service|counter|operator|officer[&format=json|csv]}: a
 * centre's tickets numbered in a period of its local days, one line per day, service, counter, operator or
 * officer, read from the stored events as the daily report is, and answered as it is (JSON, or CSV by
 * {@code format=csv} or {@code Accept: text/csv}). The same people may read it: the centre's managers and
 * administrators; 401 without a login, 403 for anyone else.
 */
public final class RangeReportApi {
    public static final String PATH = "/api/v1/centres/:centre/reports";
    private static final Logger LOG = Logger.getLogger(RangeReportApi.class.getName());

    private final Vertx vertx;
    private final DaySummaries summaries;
    private final Supplier<? extends Collection<CentreDefinition>> centres;
    private final OfficerNames officerNames;
    private final Clock clock;
    private final Authentication authentication;

    /**
     * @param centres      the centres the gateway runs now, asked at each request
     * @param officerNames where the names of a report's officers are looked up (the staff accounts)
     */
    public RangeReportApi(Vertx vertx, Pool pool, Supplier<? extends Collection<CentreDefinition>> centres,
                          OfficerNames officerNames, Clock clock, Authentication authentication) {
        this.vertx = vertx;
        this.summaries = new DaySummaries(vertx, pool);
        this.centres = centres;
        this.officerNames = officerNames;
        this.clock = clock;
        this.authentication = authentication;
    }

    public void mount(Router router) {
        router.get(PATH)
                .handler(authentication)
                .handler(Authentication.requireRole("centre", Role.CENTRE_MANAGER))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Optional<CentreDefinition> found = DailyReportApi.centreOfPath(centres, ctx);
        if (found.isEmpty()) {
            return;
        }
        CentreDefinition centre = found.get();
        RangeQuery query;
        try {
            query = RangeQuery.of(ctx, Dimension.OF_A_CENTRE);
        } catch (RangeQuery.Refused refused) {
            refused.send(ctx);
            return;
        }
        Instant now = clock.instant();
        RangeAggregator lines = new RangeAggregator(centre, query.period(), query.by());
        summaries.readInto(centre, query.period(), lines.legs())
                .compose(read -> names(lines.officers()))
                // Making the lines and rendering them grow with the tickets: a worker, not the event loop.
                .compose(names -> vertx.executeBlocking(() -> body(lines.report(now, names), query.format()), false))
                .onSuccess(body -> body.send(ctx))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "report of " + centre.id() + " for " + query.period() + " by "
                            + query.by().parameter() + " failed", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the events could not be read; try again");
                });
    }

    private Future<Map<String, String>> names(Set<String> officers) {
        return officers.isEmpty() ? Future.succeededFuture(Map.of()) : officerNames.of(officers);
    }

    private static ReportBody body(RangeReport report, ReportFormat format) {
        String stem = "bao-cao_" + ReportBody.filePart(report.centre()) + "_" + report.period().from() + "_"
                + report.period().to() + "_" + report.by().fileTag();
        return format == ReportFormat.CSV ? ReportBody.csv(RangeCsv.render(report), stem)
                : ReportBody.json(RangeJson.render(report), stem);
    }
}
