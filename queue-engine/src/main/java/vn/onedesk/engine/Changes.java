package vn.onedesk.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Everything one applied command changed, as the engine itself saw it while applying the events: what an adapter
 * persists and publishes without rebuilding any ticket or repeating any rule of the engine.
 *
 * @param events   the command's events, in order
 * @param tickets  every ticket the events touched, as it stands after the command, in the order the events first
 *                 touched them; a ticket the command finished (DONE, NO_SHOW) is here in its final state with the
 *                 time it finished, though the queue no longer holds it
 * @param counters every counter whose state the command changed, as it stands after the command (a counter the
 *                 command removed from the centre is not here: it no longer has a state)
 */
public record Changes(List<Event> events, List<ChangedTicket> tickets, List<CounterState> counters) {
    public Changes {
        events = List.copyOf(events);
        tickets = List.copyOf(tickets);
        counters = List.copyOf(counters);
    }

    /**
     * One ticket as a command left it.
     *
     * @param finishedAt when the command finished it; null while it is still in the queue
     * @param issued     whether the command issued it (it did not exist before)
     */
    public record ChangedTicket(Ticket ticket, Instant finishedAt, boolean issued) {
        public ChangedTicket {
            Objects.requireNonNull(ticket, "ticket");
        }

        /** Whether the command finished the ticket (served, or a citizen who did not come): it left the queue. */
        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** The ticket with this id as the command left it, if the command touched it. */
    public Optional<ChangedTicket> ticket(String ticketId) {
        for (ChangedTicket t : tickets) { // one ticket per command but for the expiry of parked tickets: no index
            if (t.ticket().id().equals(ticketId)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The ticket the command concerned (the last one its events touched), as it stands after it; empty if none. */
    public Optional<Ticket> subject() {
        return tickets.isEmpty() ? Optional.empty() : Optional.of(tickets.get(tickets.size() - 1).ticket());
    }

    /** Why the routing chose the ticket this command called (a first call, not a recall); empty if it called none. */
    public Optional<String> callReason() {
        String reason = null;
        for (Event e : events) {
            if (e instanceof Event.TicketCalled called && !called.recall()) {
                reason = called.reason();
            }
        }
        return Optional.ofNullable(reason);
    }
}
