package vn.onedesk.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.Ticket;

/** What estimators may read of a centre's queue; implemented by {@link CentreQueue}. Read-only. */
public interface QueueView {
    CentreDefinition definition();

    WaitingTickets waiting();

    Optional<CounterState> counter(String counterId);

    /** Every counter with its live state, in configured order. */
    List<CounterState> counters();

    /** An active ticket (waiting or at a counter), e.g. to see when the service at a counter began. */
    Optional<Ticket> ticket(String ticketId);

    /** The policy by which counters call the next ticket. */
    RoutingPolicy routing();

    /** Open counters able to serve the service; when none is open, all counters able to serve it. */
    int servers(String service);

    /** The recent mean service time of the service (configured expectation until services are observed). */
    Duration meanServiceTime(String service);

    /** The coefficient of variation (standard deviation ÷ mean) of recent service times of the service. */
    double serviceTimeCv(String service);

    /**
     * How long the last ticket of this service to be called had waited: the last-to-enter-service
     * (LES) delay, empty until a ticket of the service has been called.
     */
    Optional<Duration> lastDelay(String service);

    /** Recent arrivals into the service (new tickets and transfers) per hour, as of {@code now}; 0 before any. */
    double arrivalsPerHour(String service, Instant now);

    /** The share of recent arrivals that belong to a legal priority group. */
    double priorityShare();
}
