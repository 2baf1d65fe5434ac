package vn.onedesk.engine;

import java.time.Duration;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.routing.WaitingTickets;

/** What estimators may read of a centre's queue; implemented by {@link CentreQueue}. */
public interface QueueView {
    CentreDefinition definition();

    WaitingTickets waiting();

    Optional<CounterState> counter(String counterId);

    /** Open counters able to serve the service; when none is open, all counters able to serve it. */
    int servers(String service);

    /** The recent mean service time of the service (configured expectation until services are observed). */
    Duration meanServiceTime(String service);

    /**
     * How long the last ticket of this service to be called had waited: the last-to-enter-service
     * (LES) delay, empty until a ticket of the service has been called.
     */
    Optional<Duration> lastDelay(String service);
}
