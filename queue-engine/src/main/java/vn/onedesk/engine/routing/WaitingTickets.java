package vn.onedesk.engine.routing;

import java.util.Optional;
import java.util.stream.Stream;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * A read-only view of the waiting lines, each in {@link Ticket#QUEUE_ORDER}. Routing policies read
 * only the heads of the lines (and of the lanes within them), never whole lines, so that a call
 * takes the same time with five or five thousand citizens waiting; {@link vn.onedesk.engine.CentreQueue}
 * answers every head query in O(log n). The default methods scan and exist only for simple test doubles.
 */
public interface WaitingTickets {
    Optional<Ticket> head(String service);

    int count(String service);

    /** The waiting tickets of one service, first in line first. */
    Stream<Ticket> inOrder(String service);

    /** The ticket first in {@link Ticket#QUEUE_ORDER} among the heads of these services' lines. */
    default Optional<Ticket> firstAcross(Iterable<String> services) {
        Ticket best = null;
        for (String service : services) {
            Ticket head = head(service).orElse(null);
            if (head != null && (best == null || Ticket.QUEUE_ORDER.compare(head, best) < 0)) {
                best = head;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The first ticket outside the legal priority groups, in queue order: the head of the ordinary lane. */
    default Optional<Ticket> headOrdinary(String service) {
        return inOrder(service).filter(t -> !t.priority().isPriority()).findFirst();
    }

    /**
     * Among the waiting tickets outside the legal priority groups that {@linkplain Ticket#keptAppointment()
     * kept an appointment}, the one booked earliest (then queue order): the head of the appointment lane.
     */
    default Optional<Ticket> firstAppointment(String service) {
        return inOrder(service).filter(t -> !t.priority().isPriority() && t.keptAppointment())
                .min(Ticket.APPOINTMENT_ORDER);
    }
}
