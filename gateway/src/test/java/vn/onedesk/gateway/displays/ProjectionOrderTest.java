package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.QueueSnapshot;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * The display projection runs on a worker, from a snapshot taken on the centre's context, and its results are
 * published back in order. The worker here can be held, so that a projection is slow exactly when the test wants.
 * No debounce window: every commit asks for a refresh at once.
 */
class ProjectionOrderTest {
    private static final String WAIT_TP = "onedesk/v1/hcc-tinh/services/TP/wait";

    /** Runs projections on Vert.x's workers; each waits for the gate that was set when it was submitted. */
    private static final class GatedWorker implements ProjectionWorker {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        @Override
        public Future<CentreProjection> run(Context context, Callable<CentreProjection> work) {
            started.incrementAndGet();
            CompletableFuture<Void> held = gate;
            return context.owner().executeBlocking(() -> {
                try {
                    held.get(10, TimeUnit.SECONDS);
                    return work.call();
                } finally {
                    finished.incrementAndGet();
                }
            }, false);
        }
    }

    private Vertx vertx;
    private Context centreContext;
    private MqttBroker broker;
    private DisplayFeed displays;
    private final GatedWorker worker = new GatedWorker();
    private CentreDefinition centre;
    private RoutingPolicy routing;
    private WaitEstimator estimator;
    private CentreQueue queue;
    private Instant now = Instant.parse("2025-03-03T02:00:00Z");
    private int tickets;
    /** The waiting count of every TP wait the live stream was sent, in order. */
    private final List<Integer> streamed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        centreContext = vertx.getOrCreateContext();
        broker = new MqttBroker();
        displays = new DisplayFeed(broker, Clock.systemUTC(), Duration.ZERO, Duration.ZERO, 10, worker);
        GatewayConfig config = ConfigLoader.load(Map.of());
        centre = config.centres().get(0);
        routing = RoutingPolicies.byName(config.routingPolicy()).orElseThrow();
        estimator = WaitEstimators.byName(config.waitEstimator()).orElseThrow();
        queue = CentreQueue.empty(centre, routing, estimator);
        onCentre(() -> {
            displays.loaded(queue);
            CentreFeed feed = displays.centre("hcc-tinh").orElseThrow();
            feed.subscribe(Subscriber.onCurrentContext(event -> {
                if (event instanceof LiveEvent.Wait wait && wait.estimate().service().equals("TP")) {
                    streamed.add(wait.estimate().waiting());
                }
            }), null);
            return null;
        });
        commit(new Command.OpenCounter("Q01"));
        settle();
    }

    /** Waits until no projection runs and none follows: the load's and the first commit's are published. */
    private void settle() throws Exception {
        int seen;
        do {
            seen = worker.started.get();
            int started = seen;
            awaitTrue(() -> worker.finished.get() >= started, "the projections so far finished");
            Thread.sleep(50);
            onCentre(() -> null);
        } while (worker.started.get() != seen);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aProjectionOfAStateFromBeforeAReloadIsNeverPublishedAfterTheReload() throws Exception {
        for (int i = 0; i < 3; i++) {
            commit(issue());
        }
        awaitTrue(() -> waiting() == 3, "three waiting, published");
        QueueSnapshot three = onCentre(() -> queue.snapshot());

        worker.gate = new CompletableFuture<>();
        int before = worker.finished.get();
        commit(issue()); // its batch is projected, slowly: the gate holds the projection of four waiting ...
        awaitTrue(() -> worker.started.get() > before, "the fourth ticket's projection started");
        onCentre(() -> { // ... and meanwhile the commit turns out lost: the runtime reloads the three that are stored
            queue = CentreQueue.restore(centre, routing, estimator, three);
            displays.loaded(queue);
            return null;
        });
        CompletableFuture<Void> slow = worker.gate;
        worker.gate = CompletableFuture.completedFuture(null);
        slow.complete(null);

        awaitTrue(() -> worker.finished.get() >= before + 2, "the slow projection and the reload's both ran");
        Thread.sleep(100); // time enough for a wrong, late publish to land
        assertEquals(3, waiting(), "the reloaded state stands");
        assertTrue(!streamed.contains(4), "four waiting, a state the reload dropped, was never shown: " + streamed);
    }

    @Test
    void commitsDuringASlowProjectionAreFoldedIntoOneProjectionOfTheNewestStatePublishedAfterIt() throws Exception {
        worker.gate = new CompletableFuture<>();
        int before = worker.started.get();
        commit(issue()); // projected slowly
        awaitTrue(() -> worker.started.get() == before + 1, "the first projection started");
        for (int i = 0; i < 4; i++) {
            commit(issue());
        }
        assertEquals(before + 1, worker.started.get(), "one projection at a time per centre");
        CompletableFuture<Void> slow = worker.gate;
        worker.gate = CompletableFuture.completedFuture(null);
        slow.complete(null);

        awaitTrue(() -> waiting() == 5, "the newest state is published");
        Thread.sleep(100);
        assertEquals(before + 2, worker.started.get(), "the four commits made one more projection, not four");
        assertEquals(5, waiting());
        assertEquals(List.of(1, 5), streamed.subList(streamed.size() - 2, streamed.size()),
                "the slow projection's state, then the newest, in that order");
    }

    @Test
    void aHeldProjectionHoldsNeitherTheWriterNorItsCalls() throws Exception {
        worker.gate = new CompletableFuture<>();
        int before = worker.started.get();
        commit(issue());
        awaitTrue(() -> worker.started.get() == before + 1, "the projection started, and is held");
        for (int i = 0; i < 20; i++) { // each would time out if the projection ran on the centre's context
            commit(issue());
        }
        commit(new Command.CallNext("Q01"));
        assertEquals(1, broker.retainedMatching("onedesk/v1/hcc-tinh/counters/Q01/now").size());
        assertTrue(JsonCodec.tree(broker.retainedMatching("onedesk/v1/hcc-tinh/counters/Q01/now").get(0).payload())
                .path("ticket").isTextual(), "now-serving went out at once, projection or not");
        assertEquals(0, waiting(), "the waits wait for the projection");
        CompletableFuture<Void> slow = worker.gate;
        worker.gate = CompletableFuture.completedFuture(null);
        slow.complete(null);
        awaitTrue(() -> waiting() == 20, "then the newest state is published");
    }

    @Test
    void theGaugesReadTheWaitsTheDisplaysPublishedWithoutAnotherProjection() throws Exception {
        for (int i = 0; i < 3; i++) {
            commit(issue());
        }
        awaitTrue(() -> waiting() == 3, "three waiting, published");
        settle();
        int before = worker.started.get();

        List<WaitEstimate> shown = shownWaits();

        assertEquals(before, worker.started.get(), "the published projection answered: none was made for it");
        WaitEstimate tp = shown.stream().filter(w -> w.service().equals("TP")).findFirst().orElseThrow();
        assertEquals(3, tp.waiting());
        assertEquals(JsonCodec.tree(broker.retainedMatching(WAIT_TP).get(0).payload()).path("estimatedWait"),
                JsonCodec.tree(JsonCodec.encode(tp)).path("estimatedWait"), "the very wait the hall display shows");
    }

    @Test
    void whileAProjectionIsHeldTheGaugesReadTheLastPublishedOneWhichIsRecent() throws Exception {
        commit(issue());
        awaitTrue(() -> waiting() == 1, "one waiting, published");
        settle();
        worker.gate = new CompletableFuture<>();
        int before = worker.started.get();
        commit(issue());
        awaitTrue(() -> worker.started.get() == before + 1, "the second ticket's projection started, and is held");

        List<WaitEstimate> shown = shownWaits();

        assertEquals(1, shown.stream().filter(w -> w.service().equals("TP")).findFirst().orElseThrow().waiting(),
                "a projection of the state before, taken a moment ago");
        assertEquals(before + 1, worker.started.get(), "and none more");
        worker.gate.complete(null);
    }

    @Test
    void afterAReloadTheGaugesWaitForTheReloadsProjectionRatherThanReadAStateThatIsGone() throws Exception {
        for (int i = 0; i < 2; i++) {
            commit(issue());
        }
        awaitTrue(() -> waiting() == 2, "two waiting, published");
        settle();
        QueueSnapshot two = onCentre(() -> queue.snapshot());
        commit(issue());
        awaitTrue(() -> waiting() == 3, "three waiting, published");
        settle();
        worker.gate = new CompletableFuture<>();
        int before = worker.started.get();
        onCentre(() -> { // the third ticket's commit turns out lost: the runtime reloads the two that are stored
            queue = CentreQueue.restore(centre, routing, estimator, two);
            displays.loaded(queue);
            return null;
        });
        awaitTrue(() -> worker.started.get() == before + 1, "the reload's projection started, and is held");

        Future<List<WaitEstimate>> asked = onCentre(() -> displays.shownWaits("hcc-tinh"));
        Thread.sleep(50);
        assertTrue(!asked.isComplete(), "three waiting is a state the reload dropped: not an answer");
        worker.gate.complete(null);

        List<WaitEstimate> shown = asked.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(2, shown.stream().filter(w -> w.service().equals("TP")).findFirst().orElseThrow().waiting());
        assertEquals(before + 1, worker.started.get(), "the reload's projection answered: none was made for it");
    }

    // ---------------------------------------------------------------- helpers

    private List<WaitEstimate> shownWaits() throws Exception {
        return onCentre(() -> displays.shownWaits("hcc-tinh")).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private Command issue() {
        return new Command.IssueTicket("t" + ++tickets, "TP", PriorityGroup.NONE, Channel.WALK_IN);
    }

    private void commit(Command command) throws Exception {
        onCentre(() -> {
            List<Event> events = apply(command);
            Map<String, Ticket> touched = new HashMap<>();
            for (Event e : events) {
                if (e.ticketId() != null) {
                    queue.ticket(e.ticketId()).ifPresent(t -> touched.put(t.id(), t));
                }
            }
            displays.committing(queue);
            displays.committed(queue, events, touched);
            return null;
        });
    }

    private List<Event> apply(Command command) {
        now = now.plusSeconds(30);
        Decision decision = queue.handle(command, now);
        assertTrue(decision instanceof Decision.Accepted, command + ": " + decision);
        return new ArrayList<>(((Decision.Accepted) decision).events());
    }

    private int waiting() {
        List<OutboundMessage> messages = broker.retainedMatching(WAIT_TP);
        return messages.size() == 1 ? JsonCodec.tree(messages.get(0).payload()).path("waiting").asInt() : -1;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private <T> T onCentre(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        centreContext.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
