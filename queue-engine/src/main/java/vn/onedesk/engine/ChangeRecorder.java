package vn.onedesk.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.Changes.ChangedTicket;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Collects, while {@link CentreQueue} applies one command's events, the tickets and counters they touch: each
 * ticket's latest state and each counter's state before its first change. Its cost is that of the events (one
 * entry per ticket or counter touched), never that of the queue: no copy of it is taken, before or after.
 */
final class ChangeRecorder {
    private final Map<String, ChangedTicket> tickets = new LinkedHashMap<>(4);
    /** Each touched counter's state before the command; a null value: it did not exist (a reconfiguration adds it). */
    private final Map<String, CounterState> countersBefore = new LinkedHashMap<>(4);

    /** The ticket now stands so, still in the queue. */
    void ticket(Ticket ticket) {
        ChangedTicket was = tickets.get(ticket.id());
        tickets.put(ticket.id(), new ChangedTicket(ticket, null, was != null && was.issued()));
    }

    /** The ticket was just issued; {@link #ticket} has recorded it already. */
    void issued(Ticket ticket) {
        tickets.put(ticket.id(), new ChangedTicket(ticket, null, true));
    }

    /** The ticket left the queue at {@code at}, in this final state. */
    void finished(Ticket ticket, Instant at) {
        ChangedTicket was = tickets.get(ticket.id());
        tickets.put(ticket.id(), new ChangedTicket(ticket, at, was != null && was.issued()));
    }

    /** The counter is about to change from {@code before} (null: it does not exist yet); the first call counts. */
    void counter(String id, CounterState before) {
        if (!countersBefore.containsKey(id)) {
            countersBefore.put(id, before);
        }
    }

    /** What the events changed, given the counters as they stand now. */
    Changes changes(List<Event> events, Map<String, CounterState> countersNow) {
        List<CounterState> counters = new ArrayList<>(countersBefore.size());
        countersBefore.forEach((id, before) -> {
            CounterState now = countersNow.get(id);
            if (now != null && !now.equals(before)) {
                counters.add(now);
            }
        });
        return new Changes(events, new ArrayList<>(tickets.values()), counters);
    }
}
