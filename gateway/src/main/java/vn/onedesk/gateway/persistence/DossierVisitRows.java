package vn.onedesk.gateway.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.Changes;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The {@code dossier_visits} rows that a batch of events makes: what the events say of dossiers, with the ticket's
 * number and service and the counter's operator looked up once, here, so that the lookup when the citizen returns
 * is one indexed read. Written in the commit of the events, so a visit exists exactly when its event does.
 */
public final class DossierVisitRows {
    private DossierVisitRows() {
    }

    /**
     * @param changes what one command changed, as the engine reported it: its events, and the tickets they touched as
     *                they stand after it (a completed ticket in its final state), where the number and service are
     *                read; a COMPLETE or TRANSFER always touches its ticket, so the check for it only keeps this code
     *                from failing inside the writer's batch should that change
     */
    public static List<DossierVisit> of(Changes changes, CentreDefinition centre) {
        List<DossierVisit> rows = new ArrayList<>();
        for (Event e : changes.events()) {
            if (e instanceof Event.TicketIssued issued && issued.dossier() != null) {
                Ticket t = issued.ticket();
                rows.add(new DossierVisit(issued.dossier(), t.id(), t.number(), t.service(), null, null, null, null,
                        DossierVisit.Kind.COLLECTING, e.at()));
            } else if (e instanceof Event.ServiceCompleted completed && completed.dossiers() != null) {
                // completing leaves the service as it was: the final state's is the service that received them
                Optional<Ticket> t = changes.ticket(e.ticketId()).map(Changes.ChangedTicket::ticket);
                t.ifPresent(done -> received(rows, completed.dossiers(), e, done.number(), done.service(), centre));
            } else if (e instanceof Event.TicketTransferred transferred && transferred.dossiers() != null) {
                Optional<Ticket> t = changes.ticket(e.ticketId()).map(Changes.ChangedTicket::ticket);
                t.ifPresent(moved -> received(rows, transferred.dossiers(), e, moved.number(),
                        transferred.fromService(), centre));
            }
        }
        return rows;
    }

    private static void received(List<DossierVisit> rows, Dossiers dossiers, Event e, String number, String service,
                                 CentreDefinition centre) {
        String operator = Optional.ofNullable(e.counter()).flatMap(centre::counter)
                .map(CounterDefinition::operator).map(o -> o.code()).orElse(null);
        for (String code : dossiers.codes()) {
            rows.add(new DossierVisit(code, e.ticketId(), number, service, e.counter(), e.officer(), operator,
                    dossiers.returnByPost(), DossierVisit.Kind.RECEIVED, e.at()));
        }
    }
}
