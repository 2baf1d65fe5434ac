package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.staff.Authentication;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.gateway.staff.SignedIn;
import vn.onedesk.protocol.ErrorCode;

/**
 * {@code GET /api/v1/reports?from=&to=&by=centre[&format=json|csv]}: the province's view, one line per centre
 * over a period (each in its own local days) and their totals, for the centres the reader may see: every centre
 * the gateway runs for an administrator, their own for a centre manager. Anyone else gets 403, without a login
 * 401. Centres are read one after the other, so a report of many centres holds one database connection.
 */
public final class ProvinceReportApi {
    public static final String PATH = "/api/v1/reports";
    private static final Logger LOG = Logger.getLogger(ProvinceReportApi.class.getName());
    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.CENTRE_MANAGER);

    private final Vertx vertx;
    private final DaySummaries summaries;
    private final Supplier<? extends Collection<CentreDefinition>> centres;
    private final Clock clock;
    private final Authentication authentication;

    /** @param centres the centres the gateway runs now, asked at each request */
    public ProvinceReportApi(Vertx vertx, Pool pool, Supplier<? extends Collection<CentreDefinition>> centres,
                             Clock clock, Authentication authentication) {
        this.vertx = vertx;
        this.summaries = new DaySummaries(vertx, pool);
        this.centres = centres;
        this.clock = clock;
        this.authentication = authentication;
    }

    public void mount(Router router) {
        router.get(PATH).handler(authentication).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Optional<SignedIn> signedIn = Authentication.signedIn(ctx);
        if (signedIn.isEmpty()) { // a route wired without Authentication before it: refuse rather than let through
            HttpErrors.send(ctx, 401, ErrorCode.UNAUTHENTICATED, "log in first");
            return;
        }
        SignedIn who = signedIn.get();
        if (who.roles().stream().noneMatch(r -> READERS.contains(r.role()))) {
            HttpErrors.send(ctx, 403, ErrorCode.FORBIDDEN, who.username() + " holds "
                    + (who.roles().isEmpty() ? "no role" : who.roles().toString())
                    + "; this needs CENTRE_MANAGER of a centre, or ADMIN");
            return;
        }
        RangeQuery query;
        try {
            query = RangeQuery.of(ctx, Dimension.ACROSS_CENTRES);
        } catch (RangeQuery.Refused refused) {
            refused.send(ctx);
            return;
        }
        // ADMIN may everything everywhere; a manager, their centres.
        List<CentreDefinition> shown = centres.get().stream()
                .filter(c -> who.may(EnumSet.of(Role.CENTRE_MANAGER), c.id()))
                .sorted(Comparator.comparing(CentreDefinition::id))
                .toList();
        Instant now = clock.instant();
        ProvinceAggregator lines = new ProvinceAggregator(query.period());
        Future<Void> read = Future.succeededFuture();
        for (CentreDefinition centre : shown) {
            read = read.compose(v -> summaries.readInto(centre, query.period(), lines.legs(centre)));
        }
        read.compose(v -> vertx.executeBlocking(() -> body(lines.report(now), query.format()), false))
                .onSuccess(body -> body.send(ctx))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "report of " + shown.size() + " centres for " + query.period()
                            + " failed", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the events could not be read; try again");
                });
    }

    private static ReportBody body(ProvinceReport report, ReportFormat format) {
        String stem = "bao-cao-cac-trung-tam_" + report.period().from() + "_" + report.period().to();
        return format == ReportFormat.CSV ? ReportBody.csv(RangeCsv.render(report), stem)
                : ReportBody.json(RangeJson.render(report), stem);
    }
}
