package vn.onedesk.gateway.monitoring;

import io.vertx.core.Completable;
import io.vertx.sqlclient.DatabaseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.persistence.StaleVersionException;
import vn.onedesk.gateway.queue.CommitListener;
import vn.onedesk.monitoring.CommitFailure;
import vn.onedesk.monitoring.DatabaseMetrics;
import vn.onedesk.monitoring.QueueMetrics;

/**
 * Records what the centres commit: tickets issued, called, recalled, no-shows, transfers and
 * completions, with the actual wait, the service time and how far the wait shown at issue was off;
 * and how long each commit took. Only committed events count, so the numbers match the database.
 */
public final class QueueMetricsListener implements CommitListener {
    private final QueueMetrics queue;
    private final DatabaseMetrics database;
    private final ShownEstimates shown;

    public QueueMetricsListener(QueueMetrics queue, DatabaseMetrics database, ShownEstimates shown) {
        this.queue = queue;
        this.database = database;
        this.shown = shown;
    }

    @Override
    public void loaded(CentreQueue queue) {
    }

    @Override
    public void committed(CentreQueue centreQueue, List<Event> events, Map<String, Ticket> tickets) {
        CentreDefinition centre = centreQueue.definition();
        String c = centre.id();
        List<String> services = servicesAtEachEvent(events, tickets);
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String service = services.get(i);
            if (event instanceof Event.TicketIssued issued) {
                Ticket t = issued.ticket();
                queue.ticketIssued(c, t.service(), t.channel().name(), t.priority().name());
            } else if (event instanceof Event.TicketCalled called) {
                Ticket t = tickets.get(called.ticketId());
                String operator = operator(centre, called.counter());
                if (called.recall()) {
                    queue.ticketRecalled(c, service, operator);
                } else if (called.resumed()) {
                    queue.parkedTicketCalled(c, service, operator); // called before: not a first call, no new wait
                } else {
                    firstCall(centre, service, operator, t, called);
                    if (called.outOfOrder()) {
                        queue.ticketCalledOutOfOrder(c, service, operator);
                    }
                }
            } else if (event instanceof Event.TicketParked parked) {
                queue.ticketParked(c, service, operator(centre, parked.counter()));
            } else if (event instanceof Event.TicketNoShow noShow) {
                queue.ticketNoShow(c, service, operator(centre, noShow.counter()));
                if (noShow.expired()) {
                    queue.parkedTicketExpired(c, service, operator(centre, noShow.counter()));
                }
            } else if (event instanceof Event.ServiceCompleted completed) {
                Ticket t = tickets.get(completed.ticketId());
                java.time.Instant start = t.startedAt() != null ? t.startedAt() : t.calledAt();
                queue.serviceCompleted(c, service, operator(centre, completed.counter()),
                        start == null ? Duration.ZERO : Duration.between(start, completed.at()));
            } else if (event instanceof Event.TicketTransferred transferred) {
                queue.ticketTransferred(c, transferred.fromService(), transferred.toService());
            } else if (event instanceof Event.ServiceRated rated) {
                queue.serviceRated(c, rated.service(), operator(centre, rated.counter()), rated.score());
            } else if (event instanceof Event.TicketRequeued requeued) {
                queue.ticketRequeued(c, service, requeued.counter() == null ? "kiosk" : "counter");
            }
        }
    }

    /** RECALL refused at the recall limit: counted by the service of the ticket at the counter. */
    @Override
    public void refused(CentreQueue centreQueue, vn.onedesk.engine.Command command,
                        vn.onedesk.engine.Rejection rejection) {
        if (rejection != vn.onedesk.engine.Rejection.RECALL_LIMIT
                || !(command instanceof vn.onedesk.engine.Command.AtCounter atCounter)) {
            return;
        }
        CentreDefinition centre = centreQueue.definition();
        centreQueue.counter(atCounter.counter()).flatMap(vn.onedesk.engine.counters.CounterState::current)
                .flatMap(centreQueue::ticket)
                .ifPresent(t -> queue.recallLimitReached(centre.id(), t.service(), operator(centre,
                        atCounter.counter())));
    }

    private void firstCall(CentreDefinition centre, String service, String operator, Ticket t, Event.TicketCalled called) {
        Duration target = centre.service(service).map(ServiceField::targetWait).orElse(Duration.ZERO);
        // The ticket is as it stood after the batch. If a transfer later in the same batch moved its
        // waitingSince past the call, the line it was called from began at its arrival (unless it had
        // been transferred before too, which this cannot see).
        java.time.Instant since = t.waitingSince().isAfter(called.at()) ? t.originalArrival() : t.waitingSince();
        queue.ticketCalled(centre.id(), service, operator, Duration.between(since, called.at()), target);
        shown.take(centre.id(), t.id()).ifPresent(estimate -> queue.waitEstimateError(centre.id(), service,
                Duration.between(t.originalArrival(), called.at()).minus(estimate)));
    }

    /**
     * The service each event's ticket was in when the event happened. The tickets map holds them as
     * they stood after the whole batch; walking back over transfers recovers the earlier services.
     */
    private static List<String> servicesAtEachEvent(List<Event> events, Map<String, Ticket> tickets) {
        Map<String, String> current = new HashMap<>();
        String[] services = new String[events.size()];
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            String id = e.ticketId();
            if (id == null) {
                continue;
            }
            Ticket t = tickets.get(id);
            String service = current.computeIfAbsent(id, k -> t == null ? null : t.service());
            if (e instanceof Event.TicketTransferred transferred) {
                services[i] = transferred.fromService();
                current.put(id, transferred.fromService());
            } else {
                services[i] = service;
            }
        }
        return java.util.Arrays.asList(services);
    }

    private static String operator(CentreDefinition centre, String counter) {
        return centre.counter(counter).map(CounterDefinition::operator).map(o -> o.code()).orElse("UNKNOWN");
    }

    @Override
    public Completable<Void> committing(String centre) {
        long started = System.nanoTime();
        return (ignored, failure) -> {
            if (failure == null) {
                database.commitSucceeded(centre, Duration.ofNanos(System.nanoTime() - started));
            } else {
                database.commitFailed(centre, classify(failure));
            }
        };
    }

    static CommitFailure classify(Throwable failure) {
        if (failure instanceof StaleVersionException) {
            return CommitFailure.STALE_VERSION;
        }
        if (failure instanceof DatabaseException) {
            return CommitFailure.DATABASE_ERROR;
        }
        return CommitFailure.UNAVAILABLE;
    }
}
