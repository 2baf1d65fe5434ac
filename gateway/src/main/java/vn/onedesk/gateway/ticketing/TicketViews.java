package vn.onedesk.gateway.ticketing;

import java.time.Duration;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.ServiceStatus;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.protocol.ticketing.RemoteView;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.ServiceState;
import vn.onedesk.protocol.ticketing.TicketView;

/** Engine tickets and estimates as the protocol shows them. */
public final class TicketViews {
    private TicketViews() {
    }

    /**
     * The ticket as of the queue's latest event: while it waits, its place, its service's status and, only if
     * the engine says an estimate holds (the service is OPEN), its estimate.
     */
    public static TicketView of(Ticket ticket, CentreQueue queue) {
        if (!isWaiting(ticket, queue)) {
            return of(ticket, queue.definition(), null, null);
        }
        ServiceStatus status = queue.status(ticket.service());
        return of(ticket, queue.definition(), queue.ahead(ticket.id()),
                status.hasEstimate() ? wait(queue.estimateFor(ticket.id())) : null, status);
    }

    /** The ticket with the place and estimate given by the caller (null when not waiting or not wanted). */
    public static TicketView of(Ticket ticket, CentreDefinition centre, Integer ahead, EstimatedWaitView estimatedWait) {
        return of(ticket, centre, ahead, estimatedWait, null);
    }

    /** As above, with its service's status (null when not waiting or not wanted). */
    public static TicketView of(Ticket ticket, CentreDefinition centre, Integer ahead, EstimatedWaitView estimatedWait,
                                ServiceStatus status) {
        String serviceName = centre.service(ticket.service()).map(ServiceField::name).orElse(null);
        Integer counterNumber = ticket.state().isAtCounter() && ticket.counter() != null
                ? centre.counter(ticket.counter()).map(CounterDefinition::number).orElse(null) : null;
        Boolean turnNear = ticket.state() == TicketState.WAITING && ahead != null
                ? ahead <= centre.rules().turnNearAhead() : null;
        return new TicketView(ticket.id(), ticket.number(), ticket.service(), serviceName,
                priority(ticket), Channel.valueOf(ticket.channel().name()),
                ticket.state().name(), ticket.originalArrival(), ahead, estimatedWait,
                status == null ? null : state(status), status == null ? null : status.opensAt(), null, null,
                counterNumber, turnNear, remote(ticket, centre));
    }

    /** A remote ticket's hold, with when a call reaching it unconfirmed ends it once it was passed over. */
    private static RemoteView remote(Ticket ticket, CentreDefinition centre) {
        RemoteHold hold = ticket.remote();
        if (hold == null) {
            return null;
        }
        return new RemoteView(hold.code(), hold.confirmed(), hold.passedAt(),
                hold.passedAt() == null ? null : hold.passedAt().plus(centre.rules().remoteGrace()));
    }

    /** Its group as the protocol names it; null once retention erased it (only a finished ticket's, never sent). */
    private static Priority priority(Ticket ticket) {
        return ticket.priority().isIssuable() ? Priority.valueOf(ticket.priority().name()) : null;
    }

    /** Whether the ticket waits in this queue now, so that it has a place and an estimate. */
    public static boolean isWaiting(Ticket ticket, CentreQueue queue) {
        return ticket.state() == TicketState.WAITING && queue.ticket(ticket.id()).isPresent();
    }

    public static EstimatedWaitView wait(EstimatedWait estimate) {
        return new EstimatedWaitView(seconds(estimate.value()), seconds(estimate.low()), seconds(estimate.high()));
    }

    public static ServiceState state(ServiceStatus status) {
        return ServiceState.valueOf(status.state().name());
    }

    private static long seconds(Duration d) {
        return d.toSeconds();
    }
}
