package vn.onedesk.gateway.ticketing;

import java.time.Duration;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.TicketView;

/** Engine tickets and estimates as the protocol shows them. */
public final class TicketViews {
    private TicketViews() {
    }

    public static TicketView of(Ticket ticket, CentreQueue queue) {
        boolean waiting = ticket.state() == TicketState.WAITING && queue.ticket(ticket.id()).isPresent();
        String serviceName = queue.definition().service(ticket.service()).map(ServiceField::name).orElse(null);
        return new TicketView(ticket.id(), ticket.number(), ticket.service(), serviceName,
                Priority.valueOf(ticket.priority().name()), Channel.valueOf(ticket.channel().name()),
                ticket.state().name(), ticket.originalArrival(),
                waiting ? queue.ahead(ticket.id()) : null,
                waiting ? wait(queue.estimateFor(ticket.id())) : null);
    }

    public static EstimatedWaitView wait(EstimatedWait estimate) {
        return new EstimatedWaitView(seconds(estimate.value()), seconds(estimate.low()), seconds(estimate.high()));
    }

    private static long seconds(Duration d) {
        return d.toSeconds();
    }
}
