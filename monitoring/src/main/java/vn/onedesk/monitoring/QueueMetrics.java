package vn.onedesk.monitoring;

import java.time.Duration;

/** What the queue records: committed ticket events, and the state of each line when scraped. */
public interface QueueMetrics {
    void ticketIssued(String centre, String service, String channel, String priority);

    /** A first call (not a recall); a wait longer than the target also counts as over target. */
    void ticketCalled(String centre, String service, String operator, Duration waited, Duration targetWait);

    void ticketRecalled(String centre, String service, String operator);

    void ticketNoShow(String centre, String service, String operator);

    void ticketTransferred(String centre, String fromService, String toService);

    /** A counter set a ticket aside (PARK). */
    void ticketParked(String centre, String service, String operator);

    /** A parked ticket was called back (CALL_PARKED): not a first call, so neither a call nor a wait. */
    void parkedTicketCalled(String centre, String service, String operator);

    /** A parked ticket expired to NO_SHOW; it is counted as a no-show too. */
    void parkedTicketExpired(String centre, String service, String operator);

    /** A first call by number (CALL_NUMBER), out of the line's order; it is counted as a first call too. */
    void ticketCalledOutOfOrder(String centre, String service, String operator);

    /** A no-show put back in line; {@code kind} is where it was asked: "counter" or "kiosk". */
    void ticketRequeued(String centre, String service, String kind);

    /** A RECALL refused at the recall limit (the counter marks the ticket no-show instead). */
    void recallLimitReached(String centre, String service, String operator);

    void serviceCompleted(String centre, String service, String operator, Duration serviceTime);

    /** A citizen rated the service they had, 1 (Rất không hài lòng) to 5 (Rất hài lòng); counted once committed. */
    void serviceRated(String centre, String service, String operator, int score);

    /** The actual wait minus the wait shown at issue; negative when the citizen was called sooner. */
    void waitEstimateError(String centre, String service, Duration actualMinusEstimated);

    void serviceQueue(String centre, String service, ServiceQueueState state);

    void counters(String centre, String operator, int open, int busy);

    void centreInSession(String centre, boolean inSession);
}
