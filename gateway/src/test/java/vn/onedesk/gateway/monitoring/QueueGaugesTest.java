package vn.onedesk.gateway.monitoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.QueueView;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.FirstComeFirstServed;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.gateway.displays.DisplayFeed;
import vn.onedesk.gateway.displays.LiveFeeds;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.persistence.CentreJournal;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.Loaded;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.Outcome;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.queue.ReplyRenderer;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.monitoring.QueueMetrics;
import vn.onedesk.monitoring.ServiceQueueState;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * The queue gauges at a scrape, over a real single writer (an in-memory journal that lands every commit), the real
 * display feed and a wait estimator that counts the lines it projects on the writer's context: the estimates scraped
 * are the ones the hall display shows, and a scrape projects nothing on the writer.
 */
@ExtendWith(VertxExtension.class)
class QueueGaugesTest {
    private static final CentreDefinition CENTRE = new CentreDefinition("gauges-centre", "Trung tâm thử nghiệm",
            ZoneId.of("Asia/Ho_Chi_Minh"), List.of(),
            List.of(new ServiceField("TP", "Tư pháp – hộ tịch", "A", Set.of(Operator.POSTAL), Duration.ofMinutes(30),
                            Duration.ofMinutes(8)),
                    new ServiceField("CA", "Công an", "B", Set.of(Operator.POSTAL), Duration.ofMinutes(30),
                            Duration.ofMinutes(8))),
            List.of(new CounterDefinition("Q01", 1, Operator.POSTAL, List.of("TP"), List.of()),
                    new CounterDefinition("Q02", 2, Operator.POSTAL, List.of("CA"), List.of())), false);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final Recorded recorded = new Recorded();
    private Context writer;
    private CountingEstimator estimator;
    private CentreRuntime runtime;
    private DisplayFeed displays;
    private LiveFeeds feeds;
    private QueueGauges gauges;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        writer = vertx.getOrCreateContext();
        estimator = new CountingEstimator(writer);
        displays = new DisplayFeed(new MqttBroker(), clock, Duration.ZERO, 10);
        feeds = new LiveFeeds(displays, clock);
        runtime = new CentreRuntime(vertx, writer, CENTRE, new FirstComeFirstServed(), estimator,
                new Journal(estimator), displays, clock, Duration.ofMinutes(5));
        Promise<Void> started = Promise.promise();
        writer.runOnContext(v -> runtime.start().onComplete(started));
        await(started.future());
        gauges = new QueueGauges(new Centres(List.of(runtime)), recorded.metrics(), new ShownEstimates(), clock,
                displays::shownWaits);
        await(submit("open-1", new Command.OpenCounter("Q01", new Officer("o1", "Cán bộ một"))));
        for (int i = 0; i < 5; i++) {
            await(submit("t" + i, new Command.IssueTicket(UUID.randomUUID().toString(), "TP", PriorityGroup.NONE,
                    Channel.WALK_IN)));
        }
        await(submit("t-ca", new Command.IssueTicket(UUID.randomUUID().toString(), "CA", PriorityGroup.NONE,
                Channel.WALK_IN)));
    }

    @Test
    void aScrapeReadsTheEstimatesTheHallDisplayShows() throws Exception {
        Board shown = boardShowing(5);
        await(gauges.refresh());

        WaitEstimate tp = wait(shown, "TP");
        assertTrue(tp.estimatedWait() != null, "an open counter serves TP: the display shows an estimate");
        assertEquals(Optional.of(Duration.ofSeconds(tp.estimatedWait().seconds())), recorded.estimate("TP"));
        assertEquals(Optional.empty(), recorded.estimate("CA"), "no counter open for CA: no estimate, as displayed");
        assertEquals(5, recorded.state("TP").waiting());
        assertEquals(1, recorded.state("TP").openCounters());
    }

    @Test
    void noScrapeProjectsALineOnTheWritersContextEvenWhenTheClockMovedOn() throws Exception {
        boardShowing(5);
        clock.advance(Duration.ofMinutes(10)); // the queue's own estimates are no longer fresh: a projection would be due
        int before = estimator.onWriter();

        for (int i = 0; i < 3; i++) {
            await(gauges.refresh());
        }

        assertTrue(recorded.estimate("TP").isPresent());
        assertEquals(before, estimator.onWriter(), "three scrapes, no line projected on the writer's context");
    }

    @Test
    void theEstimatesFollowTheDisplayAfterCommits() throws Exception {
        Board first = boardShowing(5);
        await(gauges.refresh());
        Optional<Duration> before = recorded.estimate("TP");
        assertEquals(Optional.of(Duration.ofSeconds(wait(first, "TP").estimatedWait().seconds())), before);

        for (int i = 5; i < 9; i++) {
            await(submit("t" + i, new Command.IssueTicket(UUID.randomUUID().toString(), "TP", PriorityGroup.NONE,
                    Channel.WALK_IN)));
        }
        Board later = boardShowing(9);
        await(gauges.refresh());

        assertEquals(Optional.of(Duration.ofSeconds(wait(later, "TP").estimatedWait().seconds())),
                recorded.estimate("TP"));
        assertNotEquals(before, recorded.estimate("TP"), "four more waiting: a longer wait");
        assertEquals(9, recorded.state("TP").waiting());
    }

    // ---------------------------------------------------------------- helpers

    /** The board once the display's refresh shows every commit made: this many waiting for TP, one for CA. */
    private Board boardShowing(int waitingTp) throws Exception {
        for (int attempt = 0; attempt < 3_000; attempt++) {
            Board board = await(feeds.board(CENTRE.id()));
            if (waiting(board, "TP") == waitingTp && waiting(board, "CA") == 1) {
                return board;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the display never showed " + waitingTp + " waiting");
    }

    /** How many the board shows waiting for the service; -1 before the display's first refresh shows it. */
    private static int waiting(Board board, String service) {
        return board.services().stream().filter(w -> w.service().equals(service)).mapToInt(WaitEstimate::waiting)
                .findFirst().orElse(-1);
    }

    private static WaitEstimate wait(Board board, String service) {
        return board.services().stream().filter(w -> w.service().equals(service)).findFirst().orElseThrow();
    }

    private Future<String> submit(String requestId, Command command) {
        String token = command instanceof Command.IssueTicket ? "token-" + requestId : null;
        return runtime.submit(new QueueRequest("device-1", requestId, requestId, command, TextReplies.INSTANCE, token))
                .map(bytes -> new String(bytes, UTF_8));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The service states the gauges recorded, last one wins. */
    private static final class Recorded {
        private final Map<String, ServiceQueueState> states = new ConcurrentHashMap<>();

        QueueMetrics metrics() {
            return (QueueMetrics) Proxy.newProxyInstance(QueueMetrics.class.getClassLoader(),
                    new Class<?>[] {QueueMetrics.class}, (proxy, method, args) -> {
                        if (method.getName().equals("serviceQueue")) {
                            states.put((String) args[1], (ServiceQueueState) args[2]);
                        }
                        return method.getReturnType() == boolean.class ? false : null;
                    });
        }

        ServiceQueueState state(String service) {
            return states.get(service);
        }

        Optional<Duration> estimate(String service) {
            return states.get(service).estimatedWait();
        }
    }

    /** A wait estimator that counts the places it projects on the writer's context (the live queue's). */
    private static final class CountingEstimator implements WaitEstimator {
        private final WaitEstimator inner = new QueueLengthEstimator();
        private final Context writer;
        private final AtomicInteger onWriter = new AtomicInteger();

        CountingEstimator(Context writer) {
            this.writer = writer;
        }

        int onWriter() {
            return onWriter.get();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now) {
            if (Vertx.currentContext() == writer) {
                onWriter.incrementAndGet();
            }
            return inner.estimate(queue, service, ahead, now);
        }

        @Override
        public LineEstimate line(QueueView queue, String service, Instant now) {
            if (Vertx.currentContext() == writer) {
                onWriter.incrementAndGet();
            }
            return WaitEstimator.super.line(queue, service, now);
        }
    }

    /** Replies as short texts. */
    private enum TextReplies implements ReplyRenderer {
        INSTANCE;

        @Override
        public byte[] accepted(Outcome outcome) {
            return "accepted".getBytes(UTF_8);
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            throw new AssertionError("rejected " + rejection + ": " + detail);
        }

        @Override
        public byte[] failed(ProtocolError error) {
            throw new AssertionError("failed " + error.code());
        }
    }

    /** The centre's truth in memory: every commit lands at once, fenced by the version. */
    private static final class Journal implements CentreJournal {
        private final CentreQueue truth;
        private long version;

        Journal(WaitEstimator estimator) {
            truth = CentreQueue.empty(CENTRE, new FirstComeFirstServed(), estimator);
        }

        @Override
        public synchronized Future<Loaded> load(Instant now) {
            return Future.succeededFuture(new Loaded(truth.snapshot(), version, Map.copyOf(new HashMap<>()),
                    Optional.empty()));
        }

        @Override
        public synchronized Future<Void> commit(Batch batch) {
            batch.events().forEach(truth::apply);
            version = batch.newVersion();
            return Future.succeededFuture();
        }

        @Override
        public Future<Optional<CentreStore.StoredReply>> storedReply(CentreStore.RequestKey key) {
            return Future.succeededFuture(Optional.empty()); // no request id is retried in these tests
        }
    }
}
