package vn.onedesk.gateway.monitoring;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.monitoring.QueueMetrics;
import vn.onedesk.monitoring.ServiceQueueState;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * The state of every line and counter, read from each centre's queue on its own context when
 * Prometheus scrapes. Estimates cost a projection of the hall (about 3 ms per service with 5,000
 * waiting), so they are never computed here: each centre's are the ones its hall display shows
 * ({@link ShownWaits}), projected off the writer's context by the displays at most once per refresh
 * window and shared. They are therefore as of the display's last refresh (of the current state, or
 * at most 30 s old, in practice at most the refresh window of 1 to 4 s); the other gauges are read
 * from the live queue. The reads left on the writer's context are O(waiting) walks, no projection.
 */
public final class QueueGauges {
    private final Centres centres;
    private final QueueMetrics metrics;
    private final ShownEstimates shown;
    private final Clock clock;
    private final ShownWaits waits;

    public QueueGauges(Centres centres, QueueMetrics metrics, ShownEstimates shown, Clock clock, ShownWaits waits) {
        this.centres = centres;
        this.metrics = metrics;
        this.shown = shown;
        this.clock = clock;
        this.waits = waits;
    }

    public Future<Void> refresh() {
        List<Future<Void>> reads = centres.all().stream().map(this::refresh).toList();
        return Future.join(reads).mapEmpty();
    }

    /** A centre whose displays cannot answer (not loaded, projection failed) keeps its gauges' last values. */
    private Future<Void> refresh(CentreRuntime runtime) {
        return waits.of(runtime.centreId()).compose(shownWaits -> runtime.read(queue -> {
            if (queue != null) {
                record(queue, estimates(shownWaits), clock.instant());
            }
            return null;
        }));
    }

    /** Each service's estimate as displayed (whole seconds); empty where the display shows none. */
    private static Map<String, Optional<Duration>> estimates(List<WaitEstimate> shownWaits) {
        Map<String, Optional<Duration>> byService = new HashMap<>();
        for (WaitEstimate wait : shownWaits) {
            byService.put(wait.service(), wait.estimatedWait() == null ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(wait.estimatedWait().seconds())));
        }
        return byService;
    }

    private void record(CentreQueue queue, Map<String, Optional<Duration>> estimates, Instant now) {
        CentreDefinition centre = queue.definition();
        for (ServiceField service : centre.services()) {
            String code = service.code();
            Duration oldest = queue.waiting().inOrder(code)
                    .map(Ticket::waitingSince)
                    .min(Instant::compareTo)
                    .map(since -> Duration.between(since, now))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
            metrics.serviceQueue(centre.id(), code, new ServiceQueueState(queue.waiting().count(code),
                    estimates.getOrDefault(code, Optional.empty()), oldest, service.targetWait(),
                    queue.openCounters(code)));
        }
        Map<String, int[]> byOperator = new TreeMap<>();
        for (CounterDefinition counter : centre.counters()) {
            int[] openBusy = byOperator.computeIfAbsent(counter.operator().code(), o -> new int[2]);
            CounterState state = queue.counter(counter.id()).orElse(CounterState.closed(counter.id()));
            if (state.open()) {
                openBusy[0]++;
            }
            if (state.current().isPresent()) {
                openBusy[1]++;
            }
        }
        byOperator.forEach((operator, openBusy) -> metrics.counters(centre.id(), operator, openBusy[0], openBusy[1]));
        metrics.centreInSession(centre.id(), centre.inSession(now));
        shown.retain(centre.id(), id -> queue.ticket(id).isPresent());
    }
}
