package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.persistence.PastCall;
import vn.onedesk.gateway.queue.CommitListener;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * What hall displays, counter terminals and live pages see, for every centre: each centre gets its
 * own {@link CentreFeed} on its own context when its queue is first loaded. Calls (QoS 1, in seq
 * order) and retained now-serving go out at once; waits, the board and counters' queues at most once
 * per {@code window} per centre.
 */
public final class DisplayFeed implements CommitListener {
    /** How often at most a centre's waits, board and counter queues are recomputed and republished. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    private final MqttBroker broker;
    private final Clock clock;
    private final Duration window;
    private final Duration maxWindow;
    private final int callLogCapacity;
    private final ProjectionWorker worker;
    private final Map<String, CentreFeed> feeds = new ConcurrentHashMap<>();

    public DisplayFeed(MqttBroker broker, Clock clock) {
        this(broker, clock, DEFAULT_WINDOW, CallLog.DEFAULT_CAPACITY);
    }

    /**
     * @param window          the debounce window of waits, board and counter queues
     * @param callLogCapacity how many recent calls each centre keeps for replay to reconnecting streams
     */
    public DisplayFeed(MqttBroker broker, Clock clock, Duration window, int callLogCapacity) {
        this(broker, clock, window, stretchLimit(window), callLogCapacity, ProjectionWorker.pool());
    }

    /**
     * @param maxWindow how far the window may stretch under load ({@link StretchingWindow}); the window itself for none
     * @param worker    where projections run (tests hold it to see the order results are published in)
     */
    DisplayFeed(MqttBroker broker, Clock clock, Duration window, Duration maxWindow, int callLogCapacity,
                ProjectionWorker worker) {
        this.broker = broker;
        this.clock = clock;
        this.window = window;
        this.maxWindow = maxWindow;
        this.callLogCapacity = callLogCapacity;
        this.worker = worker;
    }

    /**
     * The window stretches under load up to {@link StretchingWindow#DEFAULT_MAX} (or the window itself, if longer);
     * a zero window (no debouncing, as tests use) never stretches.
     */
    private static Duration stretchLimit(Duration window) {
        return window.isZero() || window.compareTo(StretchingWindow.DEFAULT_MAX) > 0 ? window
                : StretchingWindow.DEFAULT_MAX;
    }

    private volatile TurnNearListener turnNear;

    @Override
    public void loaded(CentreQueue queue) {
        loaded(queue, List.of());
    }

    @Override
    public void loaded(CentreQueue queue, List<PastCall> recentCalls) {
        String id = queue.definition().id();
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("centre " + id + " must be loaded on its own Vert.x context");
        }
        // A centre this node runs again (taken back after it moved away) has a new writer on a new context: its
        // feed is made anew there; the old one lived on the context of a writer that is gone, whose timers Vert.x
        // cancelled with it (its debounced refresh never fired, and the kiosks' answers waited on it forever).
        CentreFeed feed = feeds.compute(id, (k, old) -> old != null && old.context() == context ? old
                : newFeed(context, queue));
        feed.loaded(queue, recentCalls);
    }

    private CentreFeed newFeed(Context context, CentreQueue queue) {
        CentreFeed feed = new CentreFeed(context, queue.definition(), broker, clock,
                new StretchingWindow(window, maxWindow), worker, callLogCapacity);
        if (turnNear != null) {
            feed.onTurnNear(turnNear);
        }
        return feed;
    }

    /** Who is told when a ticket's turn becomes near, in every centre; set before the centres load. */
    public void onTurnNear(TurnNearListener listener) {
        this.turnNear = listener;
    }

    /**
     * Counters and services may have come or gone: the centre's feed publishes everything again from the new
     * definition, and keeps its streams and watched tickets.
     */
    @Override
    public void reconfigured(CentreQueue queue) {
        feed(queue).reconfigured(queue);
    }

    @Override
    public void committing(CentreQueue queue) {
        feed(queue).committing();
    }

    @Override
    public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
        feed(queue).committed(queue, events, tickets);
    }

    /**
     * Each service's wait as the centre's hall display shows it (the retained waits), from the projection the displays
     * last published: of the current state, or at most {@link CentreFeed#SHARED_FOR} (30 s) old, else from the
     * displays' next refresh, made at once off the centre's context (see {@link CentreFeed#latestProjection}).
     * Completes on the caller's context; fails for a centre whose queue is not loaded. The gauges read their
     * estimates here, so that a scrape never projects a line on the centre's writer context.
     */
    public Future<List<WaitEstimate>> shownWaits(String centreId) {
        CentreFeed feed = feeds.get(centreId);
        if (feed == null) {
            return Future.failedFuture(new IllegalStateException("centre " + centreId + " is not loaded"));
        }
        Context caller = Vertx.currentContext();
        Promise<List<WaitEstimate>> result = Promise.promise();
        feed.context().runOnContext(v -> feed.latestProjection().onComplete(done -> {
            Runnable answer = () -> {
                if (done.succeeded()) {
                    result.complete(done.result().waits());
                } else {
                    result.fail(done.cause());
                }
            };
            if (caller == null || caller == Vertx.currentContext()) {
                answer.run();
            } else {
                caller.runOnContext(x -> answer.run());
            }
        }));
        return result.future();
    }

    /** The centre's feed once its queue is loaded; use it only on {@link CentreFeed#context()}. */
    Optional<CentreFeed> centre(String centreId) {
        return Optional.ofNullable(feeds.get(centreId));
    }

    private CentreFeed feed(CentreQueue queue) {
        CentreFeed feed = feeds.get(queue.definition().id());
        if (feed == null) {
            throw new IllegalStateException("centre " + queue.definition().id() + " committed before it was loaded");
        }
        return feed;
    }
}
