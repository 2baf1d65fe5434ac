package vn.onedesk.engine;

import java.time.Instant;
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
import vn.onedesk.engine.ticketing.QueuePlace;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * REQUEUE: a citizen who missed the call comes back within the centre's {@link CounterRules#requeueGrace()} and
 * their ticket goes back in line.
 *
 * <p><b>Placement.</b> The ticket keeps its number, service and priority group, and goes back in its own lane of
 * its service's line (the legal priority lane for a priority ticket, the ordinary lane otherwise) right behind the
 * first {@link CounterRules#requeueAfter()} tickets waiting in that lane, or at the end of the lane when fewer
 * wait. Tickets that come later queue behind it as usual. Its new place ({@link Ticket#placedAt()}) lies between
 * the places of the ticket it follows and the one after (see {@link QueuePlace}), so it is exact even among tickets
 * of one instant. A requeued ticket no longer holds an appointment (it missed its call): it waits as a walk-in at
 * its new place.
 *
 * <p><b>Limits.</b> Only a ticket marked NO_SHOW within the grace (NOT_A_NO_SHOW for any other number,
 * REQUEUE_EXPIRED after the grace), and only once per ticket (REQUEUE_LIMIT); refused like a new ticket while the
 * centre is outside its opening hours.
 */
final class Requeues {
    private Requeues() {
    }

    static Decision decide(Requeue requeue, CentreDefinition centre, NoShows noShows, Optional<Ticket> active,
                           Optional<CounterState> counter, WaitingTickets waiting, long lastOrdinal, Instant now) {
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
        QueuePlace place = place(ticket, waiting, rules.requeueAfter(), lastOrdinal, now);
        return Decision.accept(new TicketRequeued(ticket.id(), requeue.counter(), officer, now, place));
    }

    /**
     * The place behind the first {@code after} tickets of its lane, or at the lane's end behind whoever waits there
     * now and before any ticket issued from now on (whose issue order will be past {@code lastOrdinal}).
     */
    static QueuePlace place(Ticket ticket, WaitingTickets waiting, int after, long lastOrdinal, Instant now) {
        boolean priority = ticket.priority().isPriority();
        List<Ticket> lane = waiting.inOrder(ticket.service())
                .filter(t -> t.priority().isPriority() == priority)
                .limit(after + 1L)
                .toList();
        if (lane.size() > after) {
            return after == 0 ? lane.get(0).queuePlace().ahead()
                    : lane.get(after - 1).queuePlace().before(lane.get(after).queuePlace());
        }
        QueuePlace future = QueuePlace.arrival(now, lastOrdinal + 1); // the next ticket issued now
        QueuePlace last = lane.isEmpty() ? QueuePlace.arrival(now, lastOrdinal) : lane.get(lane.size() - 1).queuePlace();
        return last.compareTo(future) < 0 ? last.before(future) : last.before(null);
    }
}
