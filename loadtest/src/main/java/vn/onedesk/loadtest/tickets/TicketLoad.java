package vn.onedesk.loadtest.tickets;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;
import vn.onedesk.loadtest.report.Latencies;

/**
 * Kiosks taking tickets on a fixed arrival schedule (open loop): request n is due at
 * {@code start + n / rate}, whatever happened to the requests before it, and its latency is measured from
 * that due time, not from when it actually left. A server (or a load generator) that falls behind
 * therefore shows its backlog in the latencies instead of hiding it by sending less (coordinated
 * omission). Responses are matched to requests by requestId.
 *
 * <p>In resilient mode the kiosks behave as the protocol asks real kiosks to: a lost connection is
 * reconnected and every unanswered request sent again with the same requestId; UNAVAILABLE and INTERNAL
 * are retried the same way, backing off exponentially (with jitter) up to 4 s between tries. The crash and database-restart checks run the load like that.
 */
public final class TicketLoad {
    /** Everything one run needs. {@code duration} null means: until {@link #stopSchedule()}. */
    public record Settings(double rate, Duration warmup, Duration duration, MqttQoS qos, Endpoint endpoint,
                           List<KioskDevice> kiosks, String password, List<String> services, Duration timeout,
                           boolean resilient, Duration retryDelay, Duration answerBound, TicketLog log,
                           String runId) {
    }

    /** A kiosk device: its id and centre. */
    public record KioskDevice(String id, String centre) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final long intervalNanos;
    private final List<Kiosk> kiosks = new ArrayList<>();
    private final List<List<Kiosk>> kiosksByLane = new ArrayList<>();
    private final Latencies latencies = new Latencies("latency");
    /** Every answer (ticket or error), from the last time its request was sent: how long a kiosk waits for a reply. */
    private final Latencies answers = new Latencies("answer");
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder measuredSent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder measuredOk = new LongAdder();
    private final LongAdder lateOrRepeated = new LongAdder();
    private final LongAdder overBound = new LongAdder();
    private final AtomicLong maxAnswerNanos = new AtomicLong();
    private final AtomicLong maxPacerLagNanos = new AtomicLong();
    private final LongAdder reconnects = new LongAdder();
    /** Requests the lanes have taken from the pacer: the wait for answers starts once all are out. */
    private final AtomicLong issued = new AtomicLong();
    private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long startNanos;
    private volatile long measureFromIndex;
    private volatile long endIndex = Long.MAX_VALUE;
    private volatile boolean scheduleStopped;
    private volatile long scheduledCount;

    public TicketLoad(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.intervalNanos = Math.max(1, Math.round(1e9 / settings.rate()));
    }

    /** Connects every kiosk (on {@code lanes}) and subscribes it to its responses. */
    public Future<Void> connect(List<Context> lanes) {
        int laneCount = Math.min(lanes.size(), settings.kiosks().size());
        for (int i = 0; i < laneCount; i++) {
            kiosksByLane.add(new ArrayList<>());
        }
        for (int i = 0; i < settings.kiosks().size(); i++) {
            KioskDevice d = settings.kiosks().get(i);
            Kiosk k = new Kiosk(i, d, lanes.get(i % laneCount));
            kiosks.add(k);
            kiosksByLane.get(i % laneCount).add(k);
        }
        return Connector.openAll(vertx, settings.endpoint(), kiosks.size(), 64, i -> {
            Kiosk k = kiosks.get(i);
            return new Connector.Plan(k.lane, k.spec(), Map.of(k.responseTopic, settings.qos().value()));
        }).map(connections -> {
            for (int i = 0; i < connections.size(); i++) {
                kiosks.get(i).connection = connections.get(i);
            }
            for (List<Kiosk> lane : kiosksByLane) {
                // timers set on a lane fire on that lane, next to the kiosks they check
                lane.get(0).lane.runOnContext(v -> timers.add(vertx.setPeriodic(100,
                        t -> lane.forEach(k -> {
                            k.checkOverdue();
                            k.watchConnection();
                        }))));
            }
            return null;
        });
    }

    /**
     * Runs the schedule on a pacing thread until its end (or {@link #stopSchedule()}), then waits for the
     * answers: up to the timeout, or in resilient mode up to {@code drain}. Blocking.
     */
    public void run(Runnable onMeasureStart, Duration drain) throws InterruptedException {
        long warmupCount = Math.round(settings.warmup().toNanos() / (double) intervalNanos);
        measureFromIndex = warmupCount;
        if (settings.duration() != null) {
            endIndex = warmupCount + Math.round(settings.duration().toNanos() / (double) intervalNanos);
        }
        startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        boolean measuring = false;
        long n = 0;
        while (n < endIndex && !scheduleStopped) {
            long due = startNanos + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait - 10_000);
                continue;
            }
            if (!measuring && n >= warmupCount) {
                measuring = true;
                if (onMeasureStart != null) {
                    onMeasureStart.run();
                }
            }
            maxPacerLagNanos.accumulateAndGet(-wait, Math::max);
            long index = n;
            int laneCount = kiosksByLane.size();
            List<Kiosk> lane = kiosksByLane.get((int) (index % laneCount));
            Kiosk kiosk = lane.get((int) ((index / laneCount) % lane.size()));
            kiosk.lane.runOnContext(v -> kiosk.issue(index, due));
            n++;
        }
        scheduledCount = n;
        long handedOver = System.nanoTime() + 10_000_000_000L;
        while (issued.get() < n && System.nanoTime() < handedOver) {
            Thread.sleep(5);
        }
        awaitAnswers(settings.resilient() ? drain : settings.timeout().plusSeconds(1));
    }

    /** Ends the schedule early (resilient runs that last until the caller is done). */
    public void stopSchedule() {
        scheduleStopped = true;
    }

    private void awaitAnswers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left = unanswered();
        long lastProgress = System.nanoTime();
        // a slow server still gets its time; one that answers nothing for a minute is not waited for
        while (System.nanoTime() < deadline && left > 0 && System.nanoTime() - lastProgress < 60_000_000_000L) {
            Thread.sleep(50);
            long now = unanswered();
            if (now < left) {
                lastProgress = System.nanoTime();
            }
            left = now;
        }
        CountDownLatch expired = new CountDownLatch(kiosks.size());
        for (Kiosk k : kiosks) {
            k.lane.runOnContext(v -> {
                k.expireAll();
                expired.countDown();
            });
        }
        expired.await(10, TimeUnit.SECONDS);
    }

    public long unanswered() {
        return kiosks.stream().mapToLong(k -> k.pendingCount).sum();
    }

    public Future<Void> close() {
        timers.forEach(vertx::cancelTimer);
        List<Future<Void>> closing = new ArrayList<>();
        for (Kiosk k : kiosks) {
            k.closing = true;
            if (k.connection != null) {
                closing.add(k.connection.close().recover(e -> Future.succeededFuture()));
            }
        }
        return Future.all(closing).mapEmpty();
    }

    // --- results ---

    public Latencies latencies() {
        return latencies;
    }

    public Latencies answers() {
        return answers;
    }

    public Map<String, Long> errors() {
        Map<String, Long> out = new HashMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long sent() {
        return sent.sum();
    }

    public long measuredSent() {
        return measuredSent.sum();
    }

    public long ok() {
        return ok.sum();
    }

    public long measuredOk() {
        return measuredOk.sum();
    }

    public long scheduled() {
        return scheduledCount;
    }

    public long lateOrRepeated() {
        return lateOrRepeated.sum();
    }

    /** Sends left unanswered longer than the answer bound (each counted once per send). */
    public long overBound() {
        return overBound.sum();
    }

    /** The longest time between sending (or resending) a request and getting any answer to it. */
    public double maxAnswerMillis() {
        return maxAnswerNanos.get() / 1e6;
    }

    public double maxPacerLagMillis() {
        return maxPacerLagNanos.get() / 1e6;
    }

    public long reconnects() {
        return reconnects.sum();
    }

    private void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    // --- one kiosk ---

    private final class Kiosk {
        final int index;
        final KioskDevice device;
        final Context lane;
        final String requestTopic;
        final String responseTopic;
        final Map<Long, Pending> pending = new HashMap<>();
        volatile int pendingCount;
        MqttConnection connection;
        boolean reconnecting;
        long reconnectStarted;
        int reconnectAttempt;
        volatile boolean closing;

        Kiosk(int index, KioskDevice device, Context lane) {
            this.index = index;
            this.device = device;
            this.lane = lane;
            this.requestTopic = new Topic.TicketRequest(device.centre(), device.id()).name();
            this.responseTopic = new Topic.TicketResponse(device.centre(), device.id()).name();
        }

        MqttConnection.Spec spec() {
            return new MqttConnection.Spec("lt-" + settings.runId() + "-" + device.id(), device.id(),
                    settings.password(), this::received, v -> lost());
        }

        String requestId(long n) {
            return settings.runId() + "-" + n;
        }

        void issue(long n, long due) {

            boolean measured = n >= measureFromIndex;
            Pending p = new Pending(n, due, measured);
            pending.put(n, p);
            pendingCount = pending.size();
            issued.incrementAndGet();
            if (measured) {
                measuredSent.increment();
            }
            send(p);
        }

        void send(Pending p) {
            p.lastSent = System.nanoTime();
            p.flaggedOverBound = false;
            if (connection == null || !connection.isOpen()) {
                if (!settings.resilient()) {
                    drop(p, "DISCONNECTED");
                }
                return; // resent after reconnecting
            }
            String service = settings.services().get((int) (p.n % settings.services().size()));
            byte[] payload = JsonCodec.encode(TicketRequest.of(requestId(p.n), service));
            sent.increment();
            connection.publish(requestTopic, payload, settings.qos()).onFailure(e -> {
                if (!settings.resilient()) {
                    drop(p, "CLIENT_PUBLISH_FAILED");
                }
            });
        }

        void drop(Pending p, String code) {
            if (pending.remove(p.n) != null) {
                pendingCount = pending.size();
                error(code);
            }
        }

        void received(MqttPublishMessage message) {
            long now = System.nanoTime();

            byte[] bytes = message.payload().getBytes();
            Decoded<TicketResponse> decoded = JsonCodec.decode(bytes, TicketResponse.class);
            if (!(decoded instanceof Decoded.Ok<TicketResponse> okDecoded)) {
                error("UNREADABLE_RESPONSE");
                return;
            }
            TicketResponse response = okDecoded.message();
            String id = response.requestId();
            String prefix = settings.runId() + "-";
            if (id == null || !id.startsWith(prefix)) {
                return; // another run's answer
            }
            long n;
            try {
                n = Long.parseLong(id.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return;
            }
            if (response.ticket() != null && settings.log() != null) {
                settings.log().write(new TicketLog.Entry(device.id(), id, response.ticket().id(),
                        response.ticket().number(), response.ticket().service()));
            }
            Pending p = pending.get(n);
            if (p == null) {
                lateOrRepeated.increment();
                return;
            }
            maxAnswerNanos.accumulateAndGet(now - p.lastSent, Math::max);
            answers.recordNanos(now - p.lastSent);
            if (response.error() != null) {
                ErrorCode code = response.error().code();
                error(code.name());
                if (settings.resilient() && code.retryable()) {
                    p.lastSent = now; // not overdue while waiting to retry
                    p.flaggedOverBound = true;
                    // exponential backoff with jitter, as a kiosk should: a fixed retry would multiply the load
                    // on a server that is already failing by the number of waiting kiosks
                    p.attempts++;
                    long base = Math.min(settings.retryDelay().toMillis() << Math.min(p.attempts - 1, 10), 4000);
                    long delay = Math.max(1, base / 2 + java.util.concurrent.ThreadLocalRandom.current()
                            .nextLong(base / 2 + 1));
                    vertx.setTimer(delay, t -> lane.runOnContext(v -> {
                        if (pending.get(n) == p) {
                            send(p);
                        }
                    }));
                    return;
                }
                pending.remove(n);
                pendingCount = pending.size();
                return;
            }
            pending.remove(n);
            pendingCount = pending.size();
            ok.increment();
            if (p.measured) {
                measuredOk.increment();
                latencies.recordNanos(now - p.due);
            }
        }

        /** Non-resilient: unanswered past the timeout is TIMEOUT. Resilient: past the bound, counted and resent. */
        void checkOverdue() {
            long now = System.nanoTime();
            if (!settings.resilient()) {
                long limit = settings.timeout().toNanos();
                pending.values().removeIf(p -> {
                    if (now - p.lastSent > limit) {
                        error("TIMEOUT");
                        return true;
                    }
                    return false;
                });
                pendingCount = pending.size();
                return;
            }
            long bound = settings.answerBound().toNanos();
            for (Pending p : pending.values()) {
                if (!p.flaggedOverBound && now - p.lastSent > bound && connection != null && connection.isOpen()) {
                    p.flaggedOverBound = true;
                    overBound.increment();
                    send(p); // a real kiosk asks again, with the same requestId
                }
            }
        }

        void expireAll() {
            if (!pending.isEmpty()) {
                errors.computeIfAbsent("UNANSWERED", c -> new LongAdder()).add(pending.size());
                pending.clear();
                pendingCount = 0;
            }
        }

        void lost() {
            if (closing || !settings.resilient() || reconnecting || (connection != null && connection.isOpen())) {
                return; // a stale close of an earlier connection, or already on it
            }
            reconnecting = true;
            reconnectStarted = System.nanoTime();
            vertx.setTimer(250, t -> lane.runOnContext(v -> reconnect()));
        }

        /** Called every 100 ms: a connection lost without a close event, or a reconnect that hangs, is retried. */
        void watchConnection() {
            if (closing || !settings.resilient()) {
                return;
            }
            if (reconnecting && System.nanoTime() - reconnectStarted > 15_000_000_000L) {
                reconnecting = false; // the attempt hung (killed mid-CONNECT); start another
            }
            if (!reconnecting && (connection == null || !connection.isOpen())) {
                lost();
            }
        }

        void reconnect() {
            if (closing) {
                return;
            }
            int attempt = ++reconnectAttempt;
            reconnectStarted = System.nanoTime();
            MqttConnection.open(vertx, lane, settings.endpoint(), index, spec())
                    .compose(c -> c.subscribe(Map.of(responseTopic, settings.qos().value())).map(c))
                    .onComplete(ar -> lane.runOnContext(v -> {
                        if (attempt != reconnectAttempt) {
                            if (ar.succeeded()) {
                                ar.result().close(); // a newer attempt took over
                            }
                            return;
                        }
                        if (ar.failed()) {
                            vertx.setTimer(250, t -> lane.runOnContext(x -> reconnect()));
                            return;
                        }
                        connection = ar.result();
                        reconnecting = false;
                        reconnects.increment();
                        List<Pending> again = new ArrayList<>(pending.values());
                        again.sort((a, b) -> Long.compare(a.n, b.n));
                        again.forEach(this::send);
                    }));
        }
    }

    private static final class Pending {
        final long n;
        final long due;
        final boolean measured;
        long lastSent;
        boolean flaggedOverBound;
        int attempts;

        Pending(long n, long due, boolean measured) {
            this.n = n;
            this.due = due;
            this.measured = measured;
        }
    }

    /** A short random id for this run, so that requestIds never collide with an earlier run's. */
    public static String newRunId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        java.util.SplittableRandom r = new java.util.SplittableRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
