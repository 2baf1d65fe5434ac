package vn.onedesk.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.onedesk.engine.Changes.ChangedTicket;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * What {@link CentreQueue#execute} must report, computed the slow way: every ticket and counter of the queue before
 * the command compared with every one after it. The engine collects its report while applying the events; this is
 * the independent reading that it must equal.
 */
final class ChangesOracle {
    private final Map<String, Ticket> ticketsBefore;
    private final Map<String, CounterState> countersBefore;

    /** Takes the queue as it is just before the command. */
    ChangesOracle(CentreQueue queue) {
        this.ticketsBefore = byId(queue.activeTickets(), Ticket::id);
        this.countersBefore = byId(queue.counters(), CounterState::id);
    }

    /** What is wrong with the report of the command executed at {@code at}, or null when it is exact. */
    String violation(CentreQueue after, Execution execution, Instant at) {
        Map<String, Ticket> ticketsAfter = byId(after.activeTickets(), Ticket::id);
        Map<String, CounterState> countersAfter = byId(after.counters(), CounterState::id);
        Set<String> changed = new TreeSet<>();
        Set<String> ids = new HashSet<>(ticketsBefore.keySet());
        ids.addAll(ticketsAfter.keySet());
        for (String id : ids) {
            if (!Objects.equals(ticketsBefore.get(id), ticketsAfter.get(id))) {
                changed.add(id);
            }
        }
        Map<String, CounterState> countersChanged = new HashMap<>();
        countersAfter.forEach((id, c) -> {
            if (!c.equals(countersBefore.get(id))) {
                countersChanged.put(id, c);
            }
        });
        if (execution instanceof Execution.Refused) {
            return changed.isEmpty() && countersChanged.isEmpty() ? null
                    : "a refused command changed tickets " + changed + " or counters " + countersChanged.keySet();
        }
        Changes changes = ((Execution.Applied) execution).changes();
        Map<String, ChangedTicket> reported = byId(changes.tickets(), t -> t.ticket().id());
        if (reported.size() != changes.tickets().size()) {
            return "a ticket reported twice: " + changes.tickets();
        }
        if (!changed.equals(new TreeSet<>(reported.keySet()))) {
            return "reported tickets " + new TreeSet<>(reported.keySet()) + " but the tickets that changed are "
                    + changed;
        }
        List<Event> events = changes.events();
        for (ChangedTicket t : changes.tickets()) {
            String id = t.ticket().id();
            boolean issued = events.stream().anyMatch(e -> e instanceof Event.TicketIssued && id.equals(e.ticketId()));
            if (t.issued() != issued) {
                return id + " reported " + (t.issued() ? "" : "not ") + "issued: " + t;
            }
            Ticket now = ticketsAfter.get(id);
            if (now != null) {
                if (!now.equals(t.ticket()) || t.finished()) {
                    return id + " reported as " + t + " but the queue holds " + now;
                }
                continue;
            }
            TicketState end = events.stream().anyMatch(e -> e instanceof Event.TicketNoShow && id.equals(e.ticketId()))
                    ? TicketState.NO_SHOW : TicketState.DONE;
            ChangedTicket expected = new ChangedTicket(ticketsBefore.get(id).finished(end), at, false);
            if (!expected.equals(t)) {
                return id + " finished: reported " + t + ", expected " + expected;
            }
        }
        Map<String, CounterState> counters = byId(changes.counters(), CounterState::id);
        if (counters.size() != changes.counters().size() || !counters.equals(countersChanged)) {
            return "reported counters " + changes.counters() + " but the counters that changed are "
                    + countersChanged.values();
        }
        return null;
    }

    private static <T> Map<String, T> byId(java.util.Collection<T> all, Function<T, String> id) {
        return all.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a));
    }
}
