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
 */
public record CounterQueue(String counter, List<ServiceLine> services, List<TicketView> next, Instant updatedAt) {
    /** How many waiting tickets a counter queue lists. */
    public static final int NEXT = 10;

    public CounterQueue {
        services = services == null ? List.of() : List.copyOf(services);
        next = next == null ? List.of() : List.copyOf(next);
    }

    /** One service's line as a counter sees it. */
    public record ServiceLine(String service, String serviceName, int waiting) {
    }
}
