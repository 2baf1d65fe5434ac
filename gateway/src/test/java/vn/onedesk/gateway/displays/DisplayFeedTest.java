package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The feed of the demo centre on a real Vert.x context, driven the way the centre runtime drives it
 * (commands applied to a real queue, then committing / committed), with a small debounce window and
 * a small call log. What devices would receive is read from the broker's retained messages.
 */
class DisplayFeedTest {
    private static final Duration WINDOW = Duration.ofMillis(150);
    private static final int CALL_LOG = 3;
    private static final String WAIT_TP = "onedesk/v1/hcc-tinh/services/TP/wait";

    private Vertx vertx;
    private Context centreContext;
    private Context httpContext;
    private MqttBroker broker;
    private DisplayFeed displays;
    private LiveFeeds feeds;
    private CentreQueue queue;
    private Instant now = Instant.parse("2025-03-03T02:00:00Z");
    private int tickets;

    @BeforeEach
    void start() throws Exception {
        start(WINDOW);
    }

    private void start(Duration window) throws Exception {
        if (vertx != null) {
            stop();
        }
        vertx = Vertx.vertx();
        centreContext = vertx.getOrCreateContext();
        httpContext = vertx.getOrCreateContext();
        broker = new MqttBroker();
        // a window that does not stretch: these tests time requests against it
        displays = new DisplayFeed(broker, Clock.systemUTC(), window, window, CALL_LOG, ProjectionWorker.pool());
        feeds = new LiveFeeds(displays, Clock.systemUTC());
        GatewayConfig config = ConfigLoader.load(Map.of());
        // four recalls of one ticket fill the call log below: past the default recall limit, so this centre allows more
        vn.onedesk.engine.centre.CounterRules d = vn.onedesk.engine.centre.CounterRules.DEFAULT;
        CentreDefinition centre = config.centres().get(0).withRules(new vn.onedesk.engine.centre.CounterRules(
                vn.onedesk.engine.centre.CounterRules.MAX_RECALL_LIMIT, d.parkTimeout(), d.requeueGrace(), d.requeueAfter(),
                d.ratingWindow()));
        queue = CentreQueue.empty(centre, RoutingPolicies.byName(config.routingPolicy()).orElseThrow(),
                WaitEstimators.byName(config.waitEstimator()).orElseThrow());
        onCentre(() -> {
            displays.loaded(queue);
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefreshThatFallsDueWhileACommitIsInFlightWaitsForTheCommit() throws Exception {
        Duration window = Duration.ofSeconds(1); // wide, so that the steps below surely fall inside one window
        start(window);
        commit(issue("TP"));                  // warms the estimator up (published at the end of the load's window)
        Thread.sleep(2 * window.toMillis() + 300);
        commit(issue("TP"));                  // quiet for a window: projected at once, published when projected
        assertEquals(2, waitingSoon(2), "projected and published well within the window");
        commit(issue("TP"));                  // within the window: due at its end ...
        List<Event> inFlight = onCentre(() -> {
            List<Event> events = apply(new Command.IssueTicket("t-flight", "TP", PriorityGroup.NONE, Channel.WALK_IN));
            displays.committing(queue);       // ... which falls while the next batch is being committed
            return events;
        });
        Thread.sleep(window.toMillis() + 500);
        assertEquals(2, retained(WAIT_TP).path("waiting").asInt(),
                "the refresh that fell due during the fourth ticket's commit waited: it would have read that ticket");
        onCentre(() -> {
            displays.committed(queue, inFlight, touched(inFlight, Map.of()));
            return null;
        });
        assertEquals(4, waitingSoon(4), "once committed, the owed refresh runs at once");
    }

    @Test
    void aStreamGetsTheMissedCallsTheLogStillHoldsThenTheBoardThenNewCalls() throws Exception {
        commit(new Command.OpenCounter("Q01"));
        for (int i = 0; i < 5; i++) {
            commit(issue("TP"));
        }
        commit(new Command.CallNext("Q01"));
        for (int i = 0; i < 4; i++) {
            commit(new Command.Recall("Q01"));
        }
        LinkedBlockingQueue<LiveEvent> received = new LinkedBlockingQueue<>();
        LiveFeeds.Subscription subscription = onHttp(() -> Subscriber.<LiveEvent>onCurrentContext(received::add))
                .thenCompose(s -> onHttpFuture(() -> feeds.streamWaits("hcc-tinh", 0L, s))).get(10, TimeUnit.SECONDS);
        List<Long> replayed = new ArrayList<>();
        for (int i = 0; i < CALL_LOG; i++) {
            replayed.add(((LiveEvent.Call) received.poll(10, TimeUnit.SECONDS)).call().seq());
        }
        long lastSeq = onCentre(() -> queue.lastCallSeq());
        assertEquals(List.of(lastSeq - 2, lastSeq - 1, lastSeq), replayed, "only the last " + CALL_LOG + " are kept");
        LiveEvent.BoardUpdate board = (LiveEvent.BoardUpdate) received.poll(10, TimeUnit.SECONDS);
        assertEquals(lastSeq, board.board().lastSeq());
        assertEquals(CALL_LOG, board.board().recentCalls().size());

        commit(new Command.Recall("Q01"));
        LiveEvent next = received.poll(10, TimeUnit.SECONDS);
        while (!(next instanceof LiveEvent.Call)) {
            next = received.poll(10, TimeUnit.SECONDS);
        }
        assertEquals(lastSeq + 1, ((LiveEvent.Call) next).call().seq());
        subscription.close();
    }

    @Test
    void closingAStreamOrATicketWatchForgetsItsListener() throws Exception {
        commit(issue("DD"));
        String id = "t" + tickets;
        List<TicketView> views = new ArrayList<>();
        LiveFeeds.Subscription stream = onHttp(() -> Subscriber.<LiveEvent>onCurrentContext(e -> { }))
                .thenCompose(s -> onHttpFuture(() -> feeds.streamWaits("hcc-tinh", null, s))).get(10, TimeUnit.SECONDS);
        LiveFeeds.Subscription watch = onHttp(() -> Subscriber.<TicketView>onCurrentContext(views::add))
                .thenCompose(s -> onHttpFuture(() -> feeds.watchTicket("hcc-tinh", id, s)))
                .get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals(2, listeners());
        stream.close();
        watch.close();
        assertEquals(0, listeners(), "nothing is left behind by closed streams");
        assertFalse(onHttpFuture(() -> feeds.watchTicket("hcc-tinh", "no-such-ticket",
                Subscriber.onCurrentContext(v -> { }))).get(10, TimeUnit.SECONDS).isPresent());
        assertEquals(0, listeners(), "a watch of a ticket not in the queue registers nothing");
    }

    @Test
    void aWatchedTicketThatFinishesIsSentItsLastStateAndForgotten() throws Exception {
        commit(new Command.OpenCounter("Q04"), issue("DD"));
        LinkedBlockingQueue<TicketView> views = new LinkedBlockingQueue<>();
        onHttp(() -> Subscriber.<TicketView>onCurrentContext(views::add))
                .thenCompose(s -> onHttpFuture(() -> feeds.watchTicket("hcc-tinh", "t" + tickets, s)))
                .get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals("WAITING", views.poll(10, TimeUnit.SECONDS).state());
        commit(new Command.CallNext("Q04"));
        assertEquals("CALLED", views.poll(10, TimeUnit.SECONDS).state());
        commit(new Command.StartService("Q04"));
        assertEquals("SERVING", views.poll(10, TimeUnit.SECONDS).state());
        commit(new Command.CompleteService("Q04"));
        assertEquals("DONE", views.poll(10, TimeUnit.SECONDS).state());
        assertEquals(0, listeners());
    }

    // ---------------------------------------------------------------- helpers

    private Command.IssueTicket issue(String service) {
        return new Command.IssueTicket("t" + (++tickets), service, PriorityGroup.NONE, Channel.WALK_IN);
    }

    /** Applies the commands and tells the feed as the runtime does: committing, then committed. */
    private void commit(Command... commands) throws Exception {
        onCentre(() -> {
            commitNow(commands);
            return null;
        });
    }

    private void commitNow(Command... commands) {
        List<Event> events = new ArrayList<>();
        Map<String, Ticket> touched = new HashMap<>();
        for (Command command : commands) {
            Map<String, Ticket> before = new HashMap<>();
            if (command instanceof Command.AtCounter at) {
                queue.counter(at.counter()).flatMap(c -> c.current()).flatMap(queue::ticket)
                        .ifPresent(t -> before.put(t.id(), t));
            }
            List<Event> applied = apply(command);
            events.addAll(applied);
            touched.putAll(touched(applied, before));
        }
        displays.committing(queue);
        displays.committed(queue, events, touched);
    }

    private List<Event> apply(Command command) {
        now = now.plusSeconds(30);
        Decision decision = queue.handle(command, now);
        assertTrue(decision instanceof Decision.Accepted, command + ": " + decision);
        return ((Decision.Accepted) decision).events();
    }

    /** Every ticket the events concern, as it stands after them: what the runtime hands the feed. */
    private Map<String, Ticket> touched(List<Event> events, Map<String, Ticket> before) {
        Map<String, Ticket> touched = new HashMap<>();
        for (Event e : events) {
            if (e.ticketId() != null) {
                Ticket ticket = queue.ticket(e.ticketId()).orElseGet(() -> before.get(e.ticketId())
                        .finished(e instanceof Event.TicketNoShow ? TicketState.NO_SHOW : TicketState.DONE));
                touched.put(ticket.id(), ticket);
            }
        }
        return touched;
    }

    private int listeners() throws Exception {
        return onCentre(() -> displays.centre("hcc-tinh").orElseThrow().listeners());
    }

    /**
     * The waiting count of TP's retained wait once it is {@code expected}, or as it is after most of the default
     * window: the projection runs on a worker, so it is published a little after the commit, not in its turn.
     */
    private int waitingSoon(int expected) throws InterruptedException {
        long until = System.nanoTime() + DisplayFeed.DEFAULT_WINDOW.toNanos() * 9 / 10;
        int waiting = -1;
        while (System.nanoTime() < until) {
            List<OutboundMessage> messages = broker.retainedMatching(WAIT_TP);
            waiting = messages.size() == 1 ? JsonCodec.tree(messages.get(0).payload()).path("waiting").asInt() : -1;
            if (waiting == expected) {
                return waiting;
            }
            Thread.sleep(5);
        }
        return waiting;
    }

    private JsonNode retained(String topic) {
        List<OutboundMessage> messages = broker.retainedMatching(topic);
        assertEquals(1, messages.size(), topic);
        return JsonCodec.tree(messages.get(0).payload());
    }

    private <T> T onCentre(Supplier<T> work) throws Exception {
        return on(centreContext, work).get(10, TimeUnit.SECONDS);
    }

    private <T> CompletableFuture<T> onHttp(Supplier<T> work) {
        return on(httpContext, work);
    }

    private <T> CompletableFuture<T> onHttpFuture(Supplier<io.vertx.core.Future<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        httpContext.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result;
    }

    private static <T> CompletableFuture<T> on(Context context, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
