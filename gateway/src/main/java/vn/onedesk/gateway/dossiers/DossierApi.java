package vn.onedesk.gateway.dossiers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.staff.Authentication;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.protocol.ErrorCode;

/**
 * {@code GET /api/v1/centres/{c}/tickets/{ticketId}/dossiers}: the dossiers a ticket is linked to and their earlier
 * visits (service, date, counter, officer by name, whether the result goes by post), which the counter console shows
 * beside the ticket it has called. Behind staff login: the centre's officers and managers, and administrators (401
 * without a login, 403 for anyone else), since which officer handled which dossier is the centre's business. The
 * ticket id is the internal one the counter's replies carry, never printed or in a public URL.
 */
public final class DossierApi {
    public static final String PATH = "/api/v1/centres/:centre/tickets/:ticket/dossiers";
    private static final Logger LOG = Logger.getLogger(DossierApi.class.getName());
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final DossierHistory history;
    private final Supplier<? extends Collection<CentreDefinition>> centres;

    /** @param centres the centres the gateway runs now, asked at each request */
    public DossierApi(DossierHistory history, Supplier<? extends Collection<CentreDefinition>> centres) {
        this.history = history;
        this.centres = centres;
    }

    public void mount(Router router, Authentication authentication) {
        router.get(PATH)
                .handler(authentication)
                .handler(Authentication.requireRole("centre", Role.OFFICER, Role.CENTRE_MANAGER))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String centreId = ctx.pathParam("centre");
        Optional<CentreDefinition> centre = centres.get().stream().filter(c -> c.id().equals(centreId)).findFirst();
        if (centre.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + centreId + "'");
            return;
        }
        String ticket = ctx.pathParam("ticket");
        if (!TICKET_ID.matcher(ticket).matches()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "ticket", "'ticket' must be a ticket id as the"
                    + " counter's replies carry it");
            return;
        }
        history.ofTicket(centreId, ticket)
                .onSuccess(found -> ctx.response()
                        .putHeader("content-type", "application/json; charset=utf-8")
                        .putHeader("cache-control", "no-store")
                        .end(json(found, centre.get()).encode()))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "dossiers of ticket " + ticket + " at " + centreId + " could not be read", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the dossiers could not be read; try again");
                });
    }

    static JsonObject json(DossierHistory.OfTicket found, CentreDefinition centre) {
        JsonArray visits = new JsonArray();
        for (DossierHistory.Visit v : found.earlierVisits()) {
            JsonObject visit = new JsonObject().put("dossier", v.dossier()).put("kind", v.kind())
                    .put("ticket", v.number()).put("service", v.service());
            centre.service(v.service()).map(ServiceField::name).ifPresent(name -> visit.put("serviceName", name));
            if (v.counter() != null) {
                visit.put("counter", v.counter());
                centre.counter(v.counter()).ifPresent(c -> visit.put("counterNumber", c.number()));
            }
            if (v.officer() != null) {
                visit.put("officer", new JsonObject().put("id", v.officer())
                        .put("name", v.officerName() == null ? v.officer() : v.officerName()));
            }
            if (v.operator() != null) {
                visit.put("operator", v.operator());
            }
            if (v.returnByPost() != null) {
                visit.put("returnByPost", v.returnByPost());
            }
            visit.put("at", v.at().toString()).put("date", centre.serviceDay(v.at()).toString());
            visits.add(visit);
        }
        return new JsonObject().put("ticket", found.ticketId()).put("dossiers", new JsonArray(found.dossiers()))
                .put("earlierVisits", visits);
    }
}
