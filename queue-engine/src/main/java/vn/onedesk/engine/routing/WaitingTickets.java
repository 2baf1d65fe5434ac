package vn.onedesk.engine.routing;

import java.util.Optional;
import java.util.stream.Stream;
import vn.onedesk.engine.ticketing.Ticket;

/** A read-only view of the waiting lines, each in {@link Ticket#QUEUE_ORDER}. */
public interface WaitingTickets {
    Optional<Ticket> head(String service);

    int count(String service);

    /** The waiting tickets of one service, first in line first. */
    Stream<Ticket> inOrder(String service);
}
