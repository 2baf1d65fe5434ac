package vn.onedesk.gateway.demo;

import java.time.Duration;
import java.time.Instant;
import vn.onedesk.engine.centre.CounterDefinition;

/** What a simulated counter sees of the simulated hall around it. */
interface Hall {
    /** The simulated time now. */
    Instant now();

    /** Runs the action when the simulated clock has advanced by {@code delay}. */
    void after(Duration delay, Runnable action);

    /** The citizen holding this ticket, drawn now if the simulation did not issue it. */
    Citizen citizen(String ticketId, String service);

    /** How long a citizen's service takes when the draw did not plan it. */
    Duration serviceTime(String service);

    /** How long a present citizen takes to walk up to the counter after the call. */
    Duration walk();

    /** Whether, as far as the hall's wait board shows, a ticket this counter may serve is waiting. */
    boolean worthCalling(CounterDefinition counter);

    /** A ticket left a service's line (called) or joined it (transferred into it). */
    void lineChanged(String service, int delta);

    /** The ticket's visit is over (served or gone). */
    void done(String ticketId);

    boolean stopped();
}
