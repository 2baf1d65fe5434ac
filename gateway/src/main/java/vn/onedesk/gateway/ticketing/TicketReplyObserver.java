package vn.onedesk.gateway.ticketing;

import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Told of every ticket issued, once it is committed and its kiosk has been sent the reply: the ticket as
 * that reply shows it, including the wait estimate that monitoring later judges against the actual wait.
 * A retry answered from the stored reply is not told again: the first reply is what the citizen saw.
 */
@FunctionalInterface
public interface TicketReplyObserver {
    TicketReplyObserver NONE = (centre, ticket) -> {
    };

    void replied(String centre, TicketView ticket);
}
