package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * A long day through one centre's feed, with a ticket page open on every ticket and live streams coming and going:
 * what the feed keeps depends on the centre's size (services, counters, the call log), never on how many tickets it
 * served. The heap of the rush benchmark is measured this way at the scale of a unit test.
 */
class DisplayFeedBoundsTest {
    private static final int CALL_LOG = 50;
    private static final int TICKETS = 600;

    private Vertx vertx;
    private Context centreContext;
    private DisplayFeed displays;
    private CentreDefinition centre;
    private CentreQueue queue;
    private Instant now = Instant.parse("2025-03-03T01:30:00Z");

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        centreContext = vertx.getOrCreateContext();
        displays = new DisplayFeed(new MqttBroker(), Clock.systemUTC(), Duration.ZERO, CALL_LOG);
        GatewayConfig config = ConfigLoader.load(Map.of());
        centre = config.centres().get(0);
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
    void aLongDayLeavesTheFeedHoldingWhatTheCentresSizeNeedsAndNoListenerOfAFinishedTicket() throws Exception {
        String counter = centre.counters().get(0).id();
        String service = centre.counters().get(0).skills().get(0);
        commit(new Command.OpenCounter(counter));
        List<Subscriber<LiveEvent>> streams = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            String id = "t" + i;
            commit(new Command.IssueTicket(id, service, PriorityGroup.NONE, Channel.WALK_IN));
            onCentre(() -> {
                CentreFeed feed = displays.centre(centre.id()).orElseThrow();
                Subscriber<TicketView> page = Subscriber.onCurrentContext(view -> { });
                assertTrue(feed.watch(id, page), id + " is watched while it waits");
                if (streams.size() < 5) {
                    Subscriber<LiveEvent> stream = Subscriber.onCurrentContext(event -> { });
                    feed.subscribe(stream, null);
                    streams.add(stream);
                } else {
                    streams.remove(0).close(); // a hall screen went away; nobody unsubscribed it
                }
                return null;
            });
            commit(new Command.CallNext(counter));
            commit(new Command.CompleteService(counter));
        }
        Thread.sleep(200); // the last projections land
        int kept = onCentre(() -> displays.centre(centre.id()).orElseThrow().keptEntries());
        int listeners = onCentre(() -> displays.centre(centre.id()).orElseThrow().listeners());
        int topics = centre.services().size() + 1 + 2 * centre.counters().size(); // waits, board, queue + now
        // + what each counter's now was made of (one entry per counter)
        int bound = topics + 2 * centre.counters().size() + centre.services().size() + CALL_LOG
                + centre.services().size();
        assertTrue(kept <= bound, "kept " + kept + " entries after " + TICKETS + " tickets; the centre needs " + bound);
        assertTrue(listeners <= 5, "only the streams still open listen (" + listeners + "): every ticket page of a"
                + " finished ticket was let go");
        assertEquals(CALL_LOG, onCentre(() -> displays.centre(centre.id()).orElseThrow().keptCalls()));
    }

    private void commit(Command command) throws Exception {
        onCentre(() -> {
            Map<String, Ticket> before = new HashMap<>();
            if (command instanceof Command.AtCounter at) {
                queue.counter(at.counter()).flatMap(c -> c.current()).flatMap(queue::ticket)
                        .ifPresent(t -> before.put(t.id(), t));
            }
            now = now.plusSeconds(5);
            Decision decision = queue.handle(command, now);
            assertTrue(decision instanceof Decision.Accepted, command + ": " + decision);
            List<Event> events = ((Decision.Accepted) decision).events();
            Map<String, Ticket> touched = new HashMap<>();
            for (Event e : events) {
                if (e.ticketId() != null) {
                    touched.put(e.ticketId(), queue.ticket(e.ticketId())
                            .orElseGet(() -> before.get(e.ticketId()).finished(TicketState.DONE)));
                }
            }
            displays.committing(queue);
            displays.committed(queue, events, touched);
            return null;
        });
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
