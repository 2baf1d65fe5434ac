package vn.onedesk.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.Command.Requeue;
import vn.onedesk.engine.Event.TicketRequeued;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.NoShows;
import vn.onedesk.engine.ticketing.NoShows.NoShow;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * REQUEUE: a citizen who missed the call comes back within the centre's {@link CounterRules#requeueGrace()} and
 * their ticket goes back in line.
 *
 * <p><b>Placement.</b> The ticket keeps its number, service and priority group, and goes back in its own lane of
 * its service's line (the legal priority lane for a priority ticket, the ordinary lane otherwise) right behind the
 * first {@link CounterRules#requeueAfter()} tickets waiting in that lane, or at the end of the lane when fewer
 * wait. Tickets that come later queue behind it as usual. Its new place is a time key ({@link Ticket#placedAt()})
 * just after that of the ticket it follows, to the microsecond; should several tickets share that microsecond it
 * lands behind all of them, a place or so further back, never further forward. A requeued ticket no longer holds
 * an appointment (it missed its call): it waits as a walk-in at its new place.
 *
 * <p><b>Limits.</b> Only a ticket marked NO_SHOW within the grace (NOT_A_NO_SHOW for any other number,
 * REQUEUE_EXPIRED after the grace), and only once per ticket (REQUEUE_LIMIT); refused like a new ticket while the
 * centre is outside its opening hours.
 */
final class Requeues {
    private Requeues() {
    }

    static Decision decide(Requeue requeue, CentreDefinition centre, NoShows noShows, Optional<Ticket> active,
                           Optional<CounterState> counter, WaitingTickets waiting, Instant now) {
        String number = requeue.ticketNumber();
        String officer = null;
        if (requeue.counter() != null) {
            if (counter.isEmpty()) {
                return Decision.reject(Rejection.UNKNOWN_COUNTER, "centre " + centre.id() + " has no counter "
                        + requeue.counter());
            }
            if (!counter.get().open()) {
                return Decision.reject(Rejection.COUNTER_CLOSED, "counter " + requeue.counter()
                        + " is closed; open it first");
            }
            officer = counter.get().officerId();
        }
        if (active.isPresent()) {
            return Decision.reject(Rejection.NOT_A_NO_SHOW, number + " is " + active.get().state()
                    + ", not a no-show");
        }
        Optional<NoShow> missed = noShows.find(number, now);
        if (missed.isEmpty()) {
            return Decision.reject(Rejection.NOT_A_NO_SHOW, "no ticket " + number + " was marked no-show in the last "
                    + NoShows.MEMORY.toHours() + " hours");
        }
        Ticket ticket = missed.get().ticket();
        CounterRules rules = centre.rules();
        if (now.isAfter(missed.get().at().plus(rules.requeueGrace()))) {
            return Decision.reject(Rejection.REQUEUE_EXPIRED, number + " was marked no-show at " + missed.get().at()
                    + ", more than the grace of " + rules.requeueGrace().toMinutes() + " min ago; take a new ticket");
        }
        if (ticket.requeued()) {
            return Decision.reject(Rejection.REQUEUE_LIMIT, number + " was put back in line once already;"
                    + " take a new ticket");
        }
        if (centre.service(ticket.service()).isEmpty()) {
            return Decision.reject(Rejection.UNKNOWN_SERVICE, "centre " + centre.id() + " no longer has service "
                    + ticket.service());
        }
        if (centre.closedAt(now)) {
            return Decision.reject(Rejection.SERVICE_CLOSED, "the centre is outside its opening hours");
        }
        Instant place = place(ticket, waiting, rules.requeueAfter(), now);
        return Decision.accept(new TicketRequeued(ticket.id(), requeue.counter(), officer, now, place));
    }

    /** The key that puts the ticket behind the first {@code after} tickets of its lane, or at the lane's end. */
    static Instant place(Ticket ticket, WaitingTickets waiting, int after, Instant now) {
        boolean priority = ticket.priority().isPriority();
        List<Ticket> lane = waiting.inOrder(ticket.service())
                .filter(t -> t.priority().isPriority() == priority)
                .limit(after + 1L)
                .toList();
        if (lane.size() <= after) { // fewer wait: at the end of the lane, behind whoever is there now
            Instant end = lane.isEmpty() ? now : keyAfter(ticket, lane.get(lane.size() - 1));
            return end.isAfter(now) ? end : ceilMicros(now);
        }
        return after == 0 ? keyBefore(ticket, lane.get(0)) : keyAfter(ticket, lane.get(after - 1));
    }

    /** The first key, to the microsecond, that sorts this ticket after {@code other}. */
    private static Instant keyAfter(Ticket ticket, Ticket other) {
        Instant key = other.place();
        return ceilMicros(ticket.ordinal() > other.ordinal() ? key : key.plusNanos(1));
    }

    /** The last key, to the microsecond, that sorts this ticket before {@code other}. */
    private static Instant keyBefore(Ticket ticket, Ticket other) {
        Instant key = other.place();
        return floorMicros(ticket.ordinal() < other.ordinal() ? key : key.minusNanos(1));
    }

    private static Instant ceilMicros(Instant at) {
        Instant floor = floorMicros(at);
        return floor.equals(at) ? at : floor.plus(1, ChronoUnit.MICROS);
    }

    private static Instant floorMicros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
