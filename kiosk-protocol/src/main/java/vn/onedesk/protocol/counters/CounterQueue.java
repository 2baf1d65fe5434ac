package vn.onedesk.protocol.counters;

import java.time.Instant;
import java.util.List;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Retained on {@code .../counters/{counterId}/queue}, for that counter's terminal only: how many
 * wait for each service the counter serves, and who is next in line.
 *
 * @param services the counter's services (primary first, then secondary) with their waiting counts
 * @param next     at most {@link #NEXT} waiting tickets of those services, first in line first (legal
 *                 priority groups, then arrival); the routing policy still chooses whom CALL_NEXT calls
 * @param reserved the waiting tickets another counter transferred to this one or to the officer at it, with their
 *                 notes, first in line first: CALL_NEXT calls them before anyone else (at most {@link #NEXT})
 */
public record CounterQueue(String counter, List<ServiceLine> services, List<TicketView> next, Instant updatedAt,
                           List<TicketView> reserved) {
    /** How many waiting tickets a counter queue lists. */
    public static final int NEXT = 10;

    public CounterQueue {
        services = services == null ? List.of() : List.copyOf(services);
        next = next == null ? List.of() : List.copyOf(next);
        reserved = reserved == null ? List.of() : List.copyOf(reserved);
    }

    /** A queue with nothing reserved for the counter. */
    public CounterQueue(String counter, List<ServiceLine> services, List<TicketView> next, Instant updatedAt) {
        this(counter, services, next, updatedAt, List.of());
    }

    /** One service's line as a counter sees it. */
    public record ServiceLine(String service, String serviceName, int waiting) {
    }
}
