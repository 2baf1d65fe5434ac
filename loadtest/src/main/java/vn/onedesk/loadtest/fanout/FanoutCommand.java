package vn.onedesk.loadtest.fanout;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.devices.Devices;
import vn.onedesk.loadtest.devices.Requester;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.loadtest.report.Latencies;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.report.ServerWatch;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;

/**
 * {@code fanout --displays D --calls-per-second N --duration T}: D display connections subscribed to a
 * centre's calls, and calls made on a fixed schedule. Against OneDesk the calls are real: counter
 * terminals send CALL_NEXT and then COMPLETE, over tickets the kiosks took beforehand. Against a plain
 * broker a publisher sends call messages of the same shape and size. Each delivery's latency runs from
 * the call's scheduled time (CALL_NEXT's, for OneDesk: so the commit is inside) to its arrival at a
 * display, and the time until the last display has a call is reported separately.
 */
public final class FanoutCommand {
    private FanoutCommand() {
    }

    /** What the run knows of one call: when it was due, how many displays have it, when the last one did. */
    private static final class Track {
        final long due;
        final boolean measured;
        final AtomicInteger deliveries = new AtomicInteger();
        volatile long last;

        Track(long due, boolean measured) {
            this.due = due;
            this.measured = measured;
        }
    }

    public static int run(Options o, PrintStream out) throws Exception {
        int displays = o.integer("displays", 1000);
        double callsPerSecond = o.number("calls-per-second", 10);
        Duration duration = o.duration("duration", Duration.ofSeconds(60));
        Duration warmup = o.duration("warmup", Duration.ofSeconds(5));
        String target = o.string("target", "onedesk");
        if (!target.equals("onedesk") && !target.equals("mosquitto")) {
            throw new Options.UsageException("--target must be onedesk or mosquitto");
        }
        boolean onedesk = target.equals("onedesk");
        MqttQoS qos = MqttQoS.valueOf(o.integer("qos", 1));
        Fleet fleet = Common.fleet(o);
        CentreDefinition centre = fleet.centre(o.string("centre", fleet.firstCentre()));
        List<Device> displayDevices = fleet.devices(centre.id(), DeviceRole.DISPLAY);
        int deviceCount = Math.min(o.integer("display-devices", displayDevices.size()), displayDevices.size());
        if (deviceCount == 0) {
            throw new Options.UsageException("the configuration has no DISPLAY device in " + centre.id());
        }
        // a hall keeps a few hundred citizens waiting; a queue of thousands would measure wait estimation, not fan-out
        int waiting = o.integer("waiting", 240);
        ServerWatch watch = Common.watch(o, onedesk);
        ServerWatch self = ServerWatch.of(ProcessHandle.current().pid(), false);
        Endpoint endpoint = Common.endpoint(o, displays + 64);
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        String runId = TicketLoad.newRunId();
        String callsTopic = new Topic.Calls(centre.id()).name();
        long interval = Math.round(1e9 / callsPerSecond);
        long totalCalls = Math.round((warmup.toNanos() + duration.toNanos()) / (double) interval);
        long measureFrom = Math.round(warmup.toNanos() / (double) interval);

        Map<Long, Track> tracks = new ConcurrentHashMap<>();
        Latencies delivery = new Latencies("delivery");
        Latencies lastDisplay = new Latencies("lastDisplay");
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder unknownCalls = new LongAdder();
        AtomicLong measuredStartNanos = new AtomicLong(Long.MAX_VALUE);
        Counters counters = new Counters();
        try {
            List<Context> lanes = Common.lanes(vertx);
            // --- the displays ---
            long connectStart = System.nanoTime();
            List<MqttConnection> displayConnections = Common.await(Connector.openAll(vertx, endpoint, displays, 200,
                    i -> {
                        Device d = displayDevices.get(i % deviceCount);
                        return new Connector.Plan(lanes.get(i % lanes.size()), new MqttConnection.Spec(
                                "lt-" + runId + "-" + d.id() + "-" + i, d.id(), fleet.password(), m -> {
                                    long now = System.nanoTime();
                                    long seq = longField(m, "\"seq\":");
                                    Track t = tracks.get(seq);
                                    if (t == null && onedesk) {
                                        // the first display to see a call ties its seq to the counter's CALL_NEXT
                                        Long due = counters.dueOf(stringField(m, "\"counter\":\""));
                                        if (due != null) {
                                            t = tracks.computeIfAbsent(seq, s -> new Track(due,
                                                    due >= measuredStartNanos.get()));
                                        }
                                    }
                                    if (t == null) {
                                        unknownCalls.increment();
                                        return;
                                    }
                                    if (t.measured) {
                                        delivery.recordNanos(now - t.due);
                                    }
                                    t.last = Math.max(t.last, now);
                                    if (t.deliveries.incrementAndGet() == displays && t.measured) {
                                        lastDisplay.recordNanos(now - t.due);
                                    }
                                }, null), Map.of(callsTopic, qos.value()));
                    }), 1800);
            out.printf("connected %d displays (%d display devices) in %.1f s%n", displays, deviceCount,
                    (System.nanoTime() - connectStart) / 1e9);

            // --- who makes the calls ---
            if (onedesk) {
                prepareOneDesk(vertx, lanes, endpoint, fleet, centre, runId, counters,
                        waiting, out);
            } else {
                MqttConnection publisher = Common.await(Connector.openAll(vertx, endpoint, 1, 1,
                        i -> new Connector.Plan(lanes.get(0), new MqttConnection.Spec("lt-" + runId + "-publisher",
                                "fanout-publisher", "x", m -> { }, null), Map.of())), 30).get(0);
                counters.publisher = publisher;
                counters.callsTopic = callsTopic;
            }

            // --- the schedule ---
            long start = System.nanoTime() + 100_000_000L;
            measuredStartNanos.set(start + measureFrom * interval);
            long maxLag = 0;
            for (long n = 0; n < totalCalls; n++) {
                long due = start + n * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 20_000) {
                    LockSupport.parkNanos(wait - 10_000);
                }
                if (n == measureFrom) {
                    watch.start();
                    self.start();
                }
                maxLag = Math.max(maxLag, -wait);
                boolean measured = n >= measureFrom;
                if (onedesk) {
                    counters.call(due, errors);
                } else {
                    long seq = n + 1;
                    tracks.put(seq, new Track(due, measured));
                    counters.publish(seq, due);
                }
            }
            // grace: let the last calls reach every display
            long graceEnd = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < graceEnd && (counters.working() || tracks.values().stream()
                    .anyMatch(t -> t.deliveries.get() < displays))) {
                Thread.sleep(100);
            }
            JsonObject server = watch.stop();
            JsonObject client = self.stop();

            long measuredCalls = tracks.values().stream().filter(t -> t.measured).count();
            long incomplete = tracks.values().stream().filter(t -> t.measured && t.deliveries.get() < displays).count();
            long missing = tracks.values().stream().filter(t -> t.measured)
                    .mapToLong(t -> displays - Math.min(displays, t.deliveries.get())).sum();
            RunReport report = new RunReport("fanout", target, o.given());
            report.put("displays", displays).put("displayDevices", deviceCount).put("callsPerSecond", callsPerSecond)
                    .put("qos", qos.value()).put("durationSeconds", duration.toSeconds())
                    .put("calls", measuredCalls).put("callsNotReachingEveryDisplay", incomplete)
                    .put("missingDeliveries", missing).put("unknownCallsSeen", unknownCalls.sum())
                    .put("maxPacerLagMs", maxLag / 1e6).put("loadGenerator", client);
            report.line(String.format("%d displays (%d devices), %s calls/s for %s, QoS %d: %d calls measured,"
                            + " %d did not reach every display (%d deliveries missing)", displays, deviceCount,
                    callsPerSecond, duration, qos.value(), measuredCalls, incomplete, missing));
            report.latency("per delivery, from the call's scheduled time", delivery);
            report.latency("until the last display has the call", lastDisplay);
            Map<String, Long> errorCounts = new java.util.TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
            report.errors(errorCounts);
            report.server(server);
            if (client.containsKey("cpuPercent")) {
                report.line(String.format("load generator: CPU %.0f%% of a core", client.getDouble("cpuPercent")));
                if (client.getDouble("cpuPercent") > 85) {
                    report.note("the load generator used most of its core: delivery latencies include its own"
                            + " queueing, so they are an upper bound for the server");
                }
            }
            Common.finish(o, report, out);
            List<Future<Void>> closing = new ArrayList<>();
            displayConnections.forEach(c -> closing.add(c.close().recover(e -> Future.succeededFuture())));
            Common.await(Future.all(closing), 120);
            return 0;
        } finally {
            Common.close(vertx);
        }
    }

    /** Opens every counter, finishes what a previous run left, and takes enough tickets to call. */
    private static void prepareOneDesk(Vertx vertx, List<Context> lanes, Endpoint ep, Fleet fleet,
                                       CentreDefinition centre, String runId, Counters counters, long tickets,
                                       PrintStream out) {
        List<Device> terminals = fleet.devices(centre.id(), DeviceRole.COUNTER);
        List<Device> kioskDevices = fleet.devices(centre.id(), DeviceRole.KIOSK);
        if (terminals.isEmpty() || kioskDevices.isEmpty()) {
            throw new Options.UsageException("the configuration needs COUNTER terminals and KIOSKs in " + centre.id());
        }
        List<Requester<CounterReply>> terminalClients = new ArrayList<>();
        for (int i = 0; i < terminals.size(); i++) {
            terminalClients.add(Devices.counter(vertx, lanes.get(i % lanes.size()), runId, centre.id(),
                    terminals.get(i).counter()));
        }
        int kioskCount = Math.min(20, kioskDevices.size());
        List<Requester<TicketResponse>> kiosks = new ArrayList<>();
        for (int i = 0; i < kioskCount; i++) {
            kiosks.add(Devices.kiosk(vertx, lanes.get(i % lanes.size()), runId, centre.id(), kioskDevices.get(i).id()));
        }
        List<MqttConnection> tc = Common.await(Connector.openAll(vertx, ep, terminals.size(), 32,
                i -> terminalClients.get(i).plan("lt-" + runId + "-" + terminals.get(i).id(), terminals.get(i).id(),
                        fleet.password())), 120);
        for (int i = 0; i < tc.size(); i++) {
            terminalClients.get(i).connected(tc.get(i));
        }
        List<MqttConnection> kc = Common.await(Connector.openAll(vertx, ep, kioskCount, 32,
                i -> kiosks.get(i).plan("lt-" + runId + "-" + kioskDevices.get(i).id(), kioskDevices.get(i).id(),
                        fleet.password())), 120);
        for (int i = 0; i < kc.size(); i++) {
            kiosks.get(i).connected(kc.get(i));
        }
        // finish whatever an earlier run left at the counter, then open it (errors here are expected)
        List<Future<CounterReply>> opened = new ArrayList<>();
        for (Requester<CounterReply> t : terminalClients) {
            String completeId = t.nextRequestId();
            opened.add(onLane(t, () -> t.request(completeId, Devices.command(completeId, CommandName.COMPLETE, null),
                            30_000)
                    .recover(e -> Future.succeededFuture())
                    .compose(x -> {
                        String id = t.nextRequestId();
                        return t.request(id, Devices.command(id, CommandName.OPEN, null), 30_000);
                    })));
        }
        Common.await(Future.join(opened), 120);
        // tickets for the counters' primary services, in turn, 100 in flight
        List<String> services = new ArrayList<>();
        for (Device d : terminals) {
            CounterDefinition c = centre.counter(d.counter()).orElseThrow();
            services.add(c.primary().get(0));
        }
        long fillStart = System.nanoTime();
        AtomicLong next = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        List<Future<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 100; w++) {
            Requester<TicketResponse> k = kiosks.get(w % kiosks.size());
            workers.add(onLane(k, () -> fill(k, services, next, issued, tickets)));
        }
        Common.await(Future.all(workers), 1800);
        out.printf("took %d tickets to call in %.1f s; %d counters open; every call is replaced by a new ticket%n",
                issued.get(), (System.nanoTime() - fillStart) / 1e9, terminals.size());
        for (int i = 0; i < terminalClients.size(); i++) {
            counters.add(new Terminal(terminalClients.get(i), terminals.get(i).counter(), services.get(i)));
        }
        counters.kiosks = kiosks;
    }

    private static Future<Void> fill(Requester<TicketResponse> kiosk, List<String> services, AtomicLong next,
                                     AtomicLong issued, long total) {
        long n = next.getAndIncrement();
        if (n >= total) {
            return Future.succeededFuture();
        }
        String id = kiosk.nextRequestId();
        byte[] payload = JsonCodec.encode(TicketRequest.of(id, services.get((int) (n % services.size()))));
        return kiosk.request(id, payload, 30_000).compose(r -> {
            if (r.ticket() != null) {
                issued.incrementAndGet();
            }
            return fill(kiosk, services, next, issued, total);
        });
    }

    private static <T> Future<T> onLane(Requester<?> r, java.util.function.Supplier<Future<T>> task) {
        return vn.onedesk.loadtest.mqtt.Lanes.on(r.lane(), task);
    }

    /** A counter terminal working through calls: CALL_NEXT, then COMPLETE at once, then the next due call. */
    private static final class Terminal {
        final Requester<CounterReply> client;
        final String counter;
        final String primary;
        volatile Long currentDue;
        boolean busy;

        Terminal(Requester<CounterReply> client, String counter, String primary) {
            this.client = client;
            this.counter = counter;
            this.primary = primary;
        }
    }

    /** The counters (OneDesk) or the publisher (a plain broker) that make the calls. */
    private static final class Counters {
        final List<Terminal> terminals = new ArrayList<>();
        final Map<String, Terminal> byCounter = new ConcurrentHashMap<>();
        final Deque<Long> waitingCalls = new ArrayDeque<>();
        final AtomicLong replenished = new AtomicLong();
        List<Requester<TicketResponse>> kiosks = List.of();
        int nextTerminal;
        MqttConnection publisher;
        String callsTopic;

        void add(Terminal t) {
            terminals.add(t);
            byCounter.put(t.counter, t);
        }

        synchronized boolean working() {
            return !waitingCalls.isEmpty() || terminals.stream().anyMatch(t -> t.busy);
        }

        Long dueOf(String counter) {
            Terminal t = counter == null ? null : byCounter.get(counter);
            return t == null ? null : t.currentDue;
        }

        /** Hands a due call to the next idle terminal, or keeps it until one is idle. */
        synchronized void call(long due, Map<String, LongAdder> errors) {
            waitingCalls.add(due);
            dispatch(errors);
        }

        private synchronized void dispatch(Map<String, LongAdder> errors) {
            while (!waitingCalls.isEmpty()) {
                Terminal idle = null;
                for (int i = 0; i < terminals.size() && idle == null; i++) {
                    Terminal t = terminals.get((nextTerminal + i) % terminals.size());
                    if (!t.busy) {
                        idle = t;
                        nextTerminal = (nextTerminal + i + 1) % terminals.size();
                    }
                }
                if (idle == null) {
                    return;
                }
                long due = waitingCalls.poll();
                Terminal t = idle;
                t.busy = true;
                t.currentDue = due;
                t.client.lane().runOnContext(v -> work(t, errors));
            }
        }

        private void work(Terminal t, Map<String, LongAdder> errors) {
            String callId = t.client.nextRequestId();
            t.client.request(callId, Devices.command(callId, CommandName.CALL_NEXT, null), 60_000)
                    .compose(reply -> {
                        if (reply.error() != null) {
                            errors.computeIfAbsent(reply.error().code().name(), c -> new LongAdder()).increment();
                        } else {
                            replenish(t, errors);
                        }
                        if (reply.error() != null && reply.error().code() != vn.onedesk.protocol.ErrorCode.INVALID_STATE) {
                            return Future.succeededFuture();
                        }
                        String doneId = t.client.nextRequestId();
                        return t.client.request(doneId, Devices.command(doneId, CommandName.COMPLETE, null), 60_000)
                                .mapEmpty();
                    })
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            errors.computeIfAbsent("TIMEOUT", c -> new LongAdder()).increment();
                        }
                        synchronized (this) {
                            t.currentDue = null;
                            t.busy = false;
                        }
                        dispatch(errors);
                    });
        }

        /** A citizen takes a ticket for each one called, so the hall's queue keeps its length. */
        private void replenish(Terminal t, Map<String, LongAdder> errors) {
            if (kiosks.isEmpty()) {
                return;
            }
            Requester<TicketResponse> k = kiosks.get((int) (replenished.getAndIncrement() % kiosks.size()));
            k.lane().runOnContext(v -> {
                String id = k.nextRequestId();
                k.request(id, JsonCodec.encode(TicketRequest.of(id, t.primary)), 60_000).onComplete(ar -> {
                    if (ar.failed() || ar.result().error() != null) {
                        errors.computeIfAbsent("TICKET_" + (ar.failed() ? "TIMEOUT" : ar.result().error().code()),
                                c -> new LongAdder()).increment();
                    }
                });
            });
        }

        void publish(long seq, long due) {
            byte[] payload = JsonCodec.encode(new CallAnnouncement(seq, String.format("A%03d", seq % 1000),
                    "TP", "Q01", 1, false, Instant.now()));
            publisher.context().runOnContext(v -> publisher.publish(callsTopic, payload, MqttQoS.AT_LEAST_ONCE));
        }
    }

    /** The number after {@code key} in a JSON payload, without parsing the whole message. */
    static long longField(MqttPublishMessage m, String key) {
        String s = m.payload().toString(StandardCharsets.UTF_8);
        int i = s.indexOf(key);
        if (i < 0) {
            return -1;
        }
        int j = i + key.length();
        long v = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            v = v * 10 + (s.charAt(j++) - '0');
        }
        return v;
    }

    static String stringField(MqttPublishMessage m, String key) {
        String s = m.payload().toString(StandardCharsets.UTF_8);
        int i = s.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = s.indexOf('"', start);
        return end < 0 ? null : s.substring(start, end);
    }
}
