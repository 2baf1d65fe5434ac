package vn.onedesk.gateway.monitoring;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

/**
 * The state of every line and counter, read from each centre's queue on its own context when
 * Prometheus scrapes. Estimates cost a projection of the hall, so they are computed once per scrape
 * rather than on every commit.
 */
public final class QueueGauges {
    private final Centres centres;
    private final QueueMetrics metrics;
    private final ShownEstimates shown;
    private final Clock clock;

    public QueueGauges(Centres centres, QueueMetrics metrics, ShownEstimates shown, Clock clock) {
        this.centres = centres;
        this.metrics = metrics;
        this.shown = shown;
        this.clock = clock;
    }

    public Future<Void> refresh() {
        List<Future<Void>> reads = centres.all().stream().map(this::refresh).toList();
        return Future.join(reads).mapEmpty();
    }

    private Future<Void> refresh(CentreRuntime runtime) {
        return runtime.read(queue -> {
            if (queue != null) {
                record(queue, clock.instant());
            }
            return null;
        });
    }

    private void record(CentreQueue queue, Instant now) {
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
                    queue.status(code, now).hasEstimate() ? Optional.of(queue.estimateForService(code, now).value())
                            : Optional.empty(), oldest, service.targetWait(),
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
        Set<String> active = queue.activeTickets().stream().map(Ticket::id).collect(Collectors.toCollection(HashSet::new));
        shown.retain(centre.id(), active);
    }
}
