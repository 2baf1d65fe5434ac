package vn.onedesk.gateway.queue;

import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Changes;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * An accepted command as the reply sees it: the events, the queue after them, and the ticket the
 * command concerned as it now stands (finished tickets included, with their final state).
 */
public record Outcome(List<Event> events, CentreQueue queue, Optional<Ticket> ticket, Optional<String> reason) {
    /** What the engine reported for the command: its subject ticket and the reason of its call come from there. */
    public static Outcome of(Changes changes, CentreQueue queue) {
        return new Outcome(changes.events(), queue, changes.subject(), changes.callReason());
    }
}
