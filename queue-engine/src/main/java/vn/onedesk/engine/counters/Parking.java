package vn.onedesk.engine.counters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketParked;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * The counter operations beyond the line: PARK, CALL_PARKED, CALL_NUMBER and the expiry of parked tickets, and the
 * parked tickets' books (reason, counter, since). Decides from the state it is given and changes nothing itself;
 * {@link #apply} keeps its books from the events, like the queue.
 *
 * <p>Rules, in the order a command is checked (after the counter is known and open):
 * <ul>
 *   <li>PARK: the counter must hold a ticket (CALLED or SERVING); it becomes PARKED, the counter idle.</li>
 *   <li>CALL_PARKED and CALL_NUMBER: the counter must be idle (INVALID_STATE, as for CALL_NEXT); the number must be
 *       an active ticket's (UNKNOWN_TICKET); that ticket must be PARKED (NOT_PARKED), resp. WAITING (NOT_WAITING);
 *       and this counter must be allowed to take it (NOT_SERVED_HERE). A parked ticket may be resumed by the counter
 *       that parked it, or by any counter able to serve its service; a waiting ticket may be called by number only
 *       by a counter able to serve its service.</li>
 *   <li>A parked ticket expires to NO_SHOW once it has been parked for the centre's park timeout: the clock's
 *       EXPIRE_PARKED expires every one that is due, each exactly once.</li>
 * </ul>
 * A number is unique within a service day; should tickets of several days share it, the one in the state the
 * command needs is taken, and among those the latest issued.
 */
public final class Parking {
    private static final Comparator<ParkedTicket> ORDER = Comparator.comparing(ParkedTicket::since)
            .thenComparing(ParkedTicket::ticketId);

    private final Map<String, ParkedTicket> parked = new HashMap<>();

    /** PARK: sets the counter's current ticket (null when it holds none) aside. */
    public Decision park(CounterState counter, Ticket current, String reason, Instant now) {
        if (current == null) {
            return Decision.reject(Rejection.INVALID_STATE, "counter " + counter.id()
                    + " has no ticket to park; call one first");
        }
        return Decision.accept(new TicketParked(current.id(), counter.id(), reason, counter.officerId(), now));
    }

    /** CALL_PARKED: calls a parked ticket back to this counter. */
    public Decision callParked(CounterState counter, CounterDefinition definition, Ticket current, String number,
                               Collection<Ticket> active, long nextCallSeq, Instant now) {
        if (current != null) {
            return busy(counter, current);
        }
        Optional<Ticket> found = byNumber(number, TicketState.PARKED, active);
        if (found.isEmpty()) {
            return unknown(number);
        }
        Ticket ticket = found.get();
        if (ticket.state() != TicketState.PARKED) {
            return Decision.reject(Rejection.NOT_PARKED, number + " is " + ticket.state() + ", not parked");
        }
        ParkedTicket parking = parked.get(ticket.id());
        boolean parkedHere = parking != null && parking.counter().equals(counter.id());
        if (!parkedHere && !definition.canServe(ticket.service())) {
            return Decision.reject(Rejection.NOT_SERVED_HERE, number + " was parked at counter "
                    + (parking == null ? ticket.counter() : parking.counter()) + " and counter " + counter.id()
                    + " does not serve " + ticket.service());
        }
        return Decision.accept(new TicketCalled(ticket.id(), counter.id(), nextCallSeq, false, TicketCalled.PARKED,
                counter.officerId(), now, null));
    }

    /** CALL_NUMBER: calls a waiting ticket by its number, out of order, with the officer's reason. */
    public Decision callNumber(CounterState counter, CounterDefinition definition, Ticket current, String number,
                               String reason, Collection<Ticket> active, long nextCallSeq, Instant now) {
        if (current != null) {
            return busy(counter, current);
        }
        Optional<Ticket> found = byNumber(number, TicketState.WAITING, active);
        if (found.isEmpty()) {
            return unknown(number);
        }
        Ticket ticket = found.get();
        if (ticket.state() != TicketState.WAITING) {
            return Decision.reject(Rejection.NOT_WAITING, number + " is " + ticket.state() + ", not waiting in line");
        }
        if (!definition.canServe(ticket.service())) {
            return Decision.reject(Rejection.NOT_SERVED_HERE, "counter " + counter.id() + " does not serve "
                    + ticket.service() + ", the service of " + number);
        }
        return Decision.accept(new TicketCalled(ticket.id(), counter.id(), nextCallSeq, false, TicketCalled.NUMBER,
                counter.officerId(), now, reason));
    }

    /** EXPIRE_PARKED: every ticket parked for the timeout or longer, as a NO_SHOW marked expired, oldest first. */
    public Decision expire(Duration parkTimeout, Instant now) {
        List<Event> expired = new ArrayList<>();
        parked.values().stream().sorted(ORDER).filter(p -> !p.expiresAt(parkTimeout).isAfter(now))
                .forEach(p -> expired.add(new TicketNoShow(p.ticketId(), p.counter(), p.officer(), now, true)));
        return new Decision.Accepted(expired);
    }

    /** When the next parked ticket expires under this timeout; empty when nothing is parked. */
    public Optional<Instant> nextExpiry(Duration parkTimeout) {
        return parked.values().stream().min(ORDER).map(p -> p.expiresAt(parkTimeout));
    }

    /** Keeps the books: a ticket parked, or leaving its parking (called back, or finished by expiry). */
    public void apply(Event event) {
        if (event instanceof TicketParked p) {
            parked.put(p.ticketId(), new ParkedTicket(p.ticketId(), p.counter(), p.reason(), p.officer(), p.at()));
        } else if (event instanceof TicketCalled || event instanceof TicketNoShow) {
            parked.remove(event.ticketId());
        }
    }

    /** Every parked ticket, longest parked first. */
    public List<ParkedTicket> all() {
        return parked.values().stream().sorted(ORDER).toList();
    }

    public Optional<ParkedTicket> of(String ticketId) {
        return Optional.ofNullable(parked.get(ticketId));
    }

    /**
     * Rebuilds the books of a restored queue: the stored parking of each PARKED ticket; a PARKED ticket whose parking
     * was not stored (lost) is held as parked at its counter since it was called, with no reason, so it still expires.
     */
    public void restore(List<ParkedTicket> stored, Collection<Ticket> active) {
        Map<String, ParkedTicket> byTicket = new HashMap<>();
        stored.forEach(p -> byTicket.put(p.ticketId(), p));
        for (Ticket t : active) {
            if (t.state() != TicketState.PARKED) {
                continue;
            }
            ParkedTicket p = byTicket.get(t.id());
            parked.put(t.id(), p != null ? p : new ParkedTicket(t.id(), t.counter() == null ? "" : t.counter(), "",
                    null, t.calledAt() != null ? t.calledAt() : t.waitingSince()));
        }
    }

    private static Optional<Ticket> byNumber(String number, TicketState wanted, Collection<Ticket> active) {
        Comparator<Ticket> preference = Comparator.comparing((Ticket t) -> t.state() == wanted)
                .thenComparingLong(Ticket::ordinal);
        return active.stream().filter(t -> t.number().equals(number)).max(preference);
    }

    private static Decision unknown(String number) {
        return Decision.reject(Rejection.UNKNOWN_TICKET, "no ticket numbered " + number + " is in the queue");
    }

    private static Decision busy(CounterState counter, Ticket current) {
        return Decision.reject(Rejection.INVALID_STATE, "counter " + counter.id() + " has " + current.number() + " ("
                + current.state() + "); complete, transfer, park or mark it no-show first");
    }
}
