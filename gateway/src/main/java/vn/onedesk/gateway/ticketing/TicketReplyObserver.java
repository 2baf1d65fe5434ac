package vn.onedesk.gateway.ticketing;

/**
 * Told every ticket reply a kiosk is sent, after its ticket is committed: the reply is what the
 * citizen saw, including the wait estimate that monitoring later judges against the actual wait.
 */
@FunctionalInterface
public interface TicketReplyObserver {
    TicketReplyObserver NONE = (centre, reply) -> {
    };

    void replied(String centre, byte[] reply);
}
