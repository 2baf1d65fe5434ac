package vn.onedesk.engine;

import java.time.Instant;
import java.util.Map;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Handover;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * TRANSFER of the ticket at a counter: to another service, or reserved for a counter or an officer (keeping its
 * service unless one is named too), with an optional note for the next officer. The ticket keeps its place in
 * line (its original arrival, or where a REQUEUE put it); a reserved one waits apart, see {@link Reservations}.
 *
 * <p>Refused: an unknown service (UNKNOWN_SERVICE) or counter (UNKNOWN_COUNTER), a counter that cannot serve the
 * ticket's service (COUNTER_CANNOT_SERVE), both a counter and an officer, a transfer to the counter or officer that
 * has it now, or to its own service with no counter or officer (INVALID_STATE). The engine does not know the
 * centre's staff: the adapter checks that a named officer exists before asking.
 */
final class Transfers {
    private Transfers() {
    }

    static Decision decide(Transfer transfer, CentreDefinition centre, Map<String, CounterDefinition> counters,
                           CounterState at, Ticket ticket, Instant now) {
        String toService = transfer.toService() != null ? transfer.toService() : ticket.service();
        if (centre.service(toService).isEmpty()) {
            return Decision.reject(Rejection.UNKNOWN_SERVICE, "centre " + centre.id() + " has no service " + toService);
        }
        if (transfer.toCounter() != null && transfer.toOfficer() != null) {
            return Decision.reject(Rejection.INVALID_STATE, "a transfer names a counter or an officer, not both");
        }
        if (transfer.note() != null && (transfer.note().isEmpty() || transfer.note().length() > Handover.MAX_NOTE)) {
            return Decision.reject(Rejection.INVALID_STATE, "a note has 1 to " + Handover.MAX_NOTE + " characters");
        }
        if (transfer.toCounter() != null) {
            CounterDefinition target = counters.get(transfer.toCounter());
            if (target == null) {
                return Decision.reject(Rejection.UNKNOWN_COUNTER, "centre " + centre.id() + " has no counter "
                        + transfer.toCounter());
            }
            if (target.id().equals(at.id())) {
                return wrong(ticket, "it is already at counter " + at.id());
            }
            if (!target.canServe(toService)) {
                return Decision.reject(Rejection.COUNTER_CANNOT_SERVE, "counter " + target.id() + " does not serve "
                        + toService);
            }
        } else if (transfer.toOfficer() != null) {
            if (transfer.toOfficer().equals(at.officerId())) {
                return wrong(ticket, "it is already with officer " + transfer.toOfficer());
            }
        } else if (toService.equals(ticket.service())) {
            return wrong(ticket, "it is already in service " + ticket.service());
        }
        return Decision.accept(new TicketTransferred(ticket.id(), at.id(), ticket.service(), toService,
                at.officerId(), now, transfer.toCounter(), transfer.toOfficer(), transfer.note(), transfer.dossiers()));
    }

    /** The handover a transfer event leaves on the ticket; null when it carries neither note nor reservation. */
    static Handover handover(TicketTransferred e) {
        return e.toCounter() == null && e.toOfficer() == null && e.note() == null ? null
                : new Handover(e.toCounter(), e.toOfficer(), e.note(), e.counter(), e.at());
    }

    private static Decision wrong(Ticket ticket, String why) {
        return Decision.reject(Rejection.INVALID_STATE, ticket.number() + " is " + ticket.state() + ": " + why);
    }
}
