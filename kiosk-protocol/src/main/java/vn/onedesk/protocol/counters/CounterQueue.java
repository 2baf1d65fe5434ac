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
 * @param parked   the parked tickets this counter may call back (CALL_PARKED), longest parked first, at most
 *                 {@link #PARKED}: those it parked, and those of its services parked at a counter now closed
 * @param reserved the waiting tickets another counter transferred to this one or to the officer at it, with their
 *                 notes, first in line first: CALL_NEXT calls them before anyone else (at most {@link #NEXT})
 */
public record CounterQueue(String counter, List<ServiceLine> services, List<TicketView> next, Instant updatedAt,
                           List<Parked> parked, List<TicketView> reserved) {
    /** How many waiting tickets a counter queue lists. */
    public static final int NEXT = 10;
    /** How many parked tickets a counter queue lists. */
    public static final int PARKED = 20;

    public CounterQueue {
        services = services == null ? List.of() : List.copyOf(services);
        next = next == null ? List.of() : List.copyOf(next);
        parked = parked == null ? List.of() : List.copyOf(parked);
        reserved = reserved == null ? List.of() : List.copyOf(reserved);
    }

    /** A counter queue in which the counter has nothing parked and nothing reserved. */
    public CounterQueue(String counter, List<ServiceLine> services, List<TicketView> next, Instant updatedAt) {
        this(counter, services, next, updatedAt, List.of(), List.of());
    }

    /**
     * A ticket set aside (PARK).
     *
     * @param ticket    its number, e.g. "A023", which CALL_PARKED names
     * @param counter   the counter that parked it
     * @param reason    the officer's reason for parking it
     * @param since     when it was parked
     * @param expiresAt when it expires to NO_SHOW unless called back
     */
    public record Parked(String ticket, String service, String counter, String reason, Instant since,
                         Instant expiresAt) {
    }

    /** One service's line as a counter sees it. */
    public record ServiceLine(String service, String serviceName, int waiting) {
    }
}
