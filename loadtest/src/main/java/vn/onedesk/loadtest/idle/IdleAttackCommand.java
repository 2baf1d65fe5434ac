package vn.onedesk.loadtest.idle;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.devices.Requester;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.loadtest.report.Latencies;
import vn.onedesk.loadtest.report.ProcessProbe;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;

/**
 * {@code idle-attack --sockets N}: issue 13's first finding as a scenario. A legitimate kiosk connects and takes
 * tickets at a steady rate while this process opens N raw TCP sockets that never send a byte, most to the HTTP
 * port and some to the MQTT port, holds every one it can (re-opening one the server closes, after
 * {@code --reopen-delay}, unless {@code --reopen false}), and asks for {@code /health} on a new connection every second, as a new visitor would.
 * It reports the kiosk's ticket latency (p50/p99/max) and failures, and /health's, before and during the attack,
 * what became of the sockets, and the server's open files and memory (with {@code --gateway-pid}).
 *
 * <p>Sockets come from {@code --from} (one address, or a range such as {@code 127.0.0.2-127.0.0.41} to spread them
 * over many, which all of 127/8 allows on Linux). This process has its own open-files limit: it opens at most that
 * limit less a margin, and says so; run a second process for the rest.
 */
public final class IdleAttackCommand {
    /** Files this process keeps for itself (jars, the kiosk, the health client, event loops). */
    private static final int OWN_FILES = 300;
    private static final long TICKET_TIMEOUT_MS = 5000;

    private IdleAttackCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        int wanted = o.integer("sockets", 20_000);
        int mqttSockets = o.integer("mqtt-sockets", 1000);
        String host = o.string("host", "127.0.0.1");
        int httpPort = o.integer("http-port", 8080);
        int mqttPort = o.integer("port", 1883);
        List<String> sources = sources(o.string("from", "127.0.0.1"));
        Duration warmup = o.duration("warmup", Duration.ofSeconds(20));
        Duration before = o.duration("before", Duration.ofSeconds(10));
        Duration during = o.duration("duration", Duration.ofSeconds(60));
        Duration reopenDelay = o.duration("reopen-delay", Duration.ofMillis(100));
        boolean reopen = o.flag("reopen", true);
        int openRate = o.integer("open-rate", 5000);
        double ticketRate = o.number("ticket-rate", 10);
        String centre = o.string("centre", "hcc-tinh");
        String kioskId = o.string("kiosk", "kiosk-1");
        String password = o.string("password", "demo");
        String service = o.string("service", "TP");
        boolean attackOnly = o.flag("attack-only", false);
        ProcessProbe server = Common.probe(o);
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        // The attack runs on event loops of its own, so that its churn does not delay the kiosk's measurement here.
        Vertx attacker = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.SECONDS));

        long ownLimit = ProcessProbe.of(ProcessHandle.current().pid()).openFilesLimit();
        int sockets = wanted;
        String capped = null;
        if (ownLimit > 0 && wanted > ownLimit - OWN_FILES) {
            sockets = (int) Math.max(0, ownLimit - OWN_FILES);
            capped = "this process may open " + ownLimit + " files: it holds at most " + sockets + " of the "
                    + wanted + " sockets asked for (run a second process for the rest)";
            out.println(capped);
        }
        mqttSockets = Math.min(mqttSockets, sockets);
        if (attackOnly) {
            // A second attacking process (this one's open-files limit caps what one process holds): no measurement.
            Attack attack = new Attack(attacker, sources, host, httpPort, mqttPort, sockets, mqttSockets, openRate,
                    reopen ? reopenDelay : null);
            attack.start();
            out.printf("attacking (only) with %d idle sockets (%d to MQTT) for %s%n", sockets, mqttSockets, during);
            Thread.sleep(during.toMillis());
            attack.stop();
            out.println("attack: " + attack.toJson().encode());
            Common.close(attacker);
            Common.close(vertx);
            return 0;
        }
        try {
            List<Context> lanes = Common.lanes(vertx);
            Requester<TicketResponse> kiosk = new Requester<>(vertx, lanes.get(0), "atk-" + System.nanoTime(),
                    new Topic.TicketRequest(centre, kioskId).name(), new Topic.TicketResponse(centre, kioskId).name(),
                    IdleAttackCommand::decode, TicketResponse::requestId);
            MqttConnection connection = Common.await(Connector.openAll(vertx, new Endpoint(host, mqttPort, 1), 1, 1,
                    i -> kiosk.plan("atk-" + kioskId + "-" + System.nanoTime(), kioskId, password)), 60).get(0);
            kiosk.connected(connection);
            HttpClient health = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                    .setConnectTimeout(10_000));

            // Tickets taken while both sides' JIT warms up are not measured.
            out.printf("kiosk %s connected; warming up for %s%n", kioskId, warmup);
            new Probe("warm-up", vertx, kiosk, health, host, httpPort, ticketRate, service).runFor(warmup);
            Probe baseline = new Probe("before the attack", vertx, kiosk, health, host, httpPort, ticketRate, service);
            out.printf("measuring for %s before the attack%n", before);
            ProcessProbe.Sample cpuStart = server == null ? null : server.sample();
            baseline.runFor(before);
            long filesBefore = server == null ? -1 : openFiles(server.pid());
            ProcessProbe.Sample rssBefore = server == null ? null : server.sample();

            String loadBefore = loadAverage();
            ProcessProbe self = ProcessProbe.of(ProcessHandle.current().pid());
            ProcessProbe.Sample selfBefore = self.sample();
            Attack attack = new Attack(attacker, sources, host, httpPort, mqttPort, sockets, mqttSockets, openRate,
                    reopen ? reopenDelay : null);
            attack.start();
            out.printf("attacking from %s with %d idle sockets (%d to MQTT); measuring for %s%n",
                    sources.size() == 1 ? sources.get(0) : sources.get(0) + " … " + sources.get(sources.size() - 1)
                            + " (" + sources.size() + " addresses)", sockets, mqttSockets, during);
            Probe underAttack = new Probe("during the attack", vertx, kiosk, health, host, httpPort, ticketRate,
                    service);
            long[] filesPeak = {filesBefore};
            long watch = server == null ? -1 : vertx.setPeriodic(1000, t -> filesPeak[0] = Math.max(filesPeak[0],
                    openFiles(server.pid())));
            underAttack.runFor(during);
            if (watch >= 0) {
                vertx.cancelTimer(watch);
            }
            ProcessProbe.Sample rssAfter = server == null ? null : server.sample();
            double cpuBefore = server == null ? Double.NaN : ProcessProbe.cpuPercent(cpuStart.cpuTicks(),
                    rssBefore.cpuTicks(), cpuStart.nanos(), rssBefore.nanos());
            double cpuDuring = server == null ? Double.NaN : ProcessProbe.cpuPercent(rssBefore.cpuTicks(),
                    rssAfter.cpuTicks(), rssBefore.nanos(), rssAfter.nanos());
            String loadDuring = loadAverage();
            ProcessProbe.Sample selfAfter = self.sample();
            double attackerCpu = ProcessProbe.cpuPercent(selfBefore.cpuTicks(), selfAfter.cpuTicks(),
                    selfBefore.nanos(), selfAfter.nanos());
            attack.stop();

            RunReport report = new RunReport("idle-attack", "onedesk", o.given());
            report.put("sockets", sockets).put("mqttSockets", mqttSockets).put("sources", sources.size())
                    .put("attack", attack.toJson())
                    .put("before", baseline.toJson()).put("during", underAttack.toJson());
            report.line(String.format("attack: %d sockets held at most (%s); %d connects, %d closed by the server"
                            + " within 1 s of opening (refused at once), %d closed later (timeouts), %d connects failed",
                    attack.peakOpen.get(), attack.describeTargets(), attack.connects.get(), attack.closedQuickly.get(),
                    attack.closedLater.get(), attack.connectFailures.get()));
            report.put("loadAverageBefore", loadBefore).put("loadAverageDuring", loadDuring)
                    .put("attackerCpuPercent", attackerCpu);
            report.line(String.format("this process (the attacker and the kiosk) used %.0f%% of a core during the"
                    + " attack", attackerCpu));
            report.line("machine load average (1, 5, 15 min): " + loadBefore + " before, " + loadDuring
                    + " at the end of the attack, on " + Runtime.getRuntime().availableProcessors() + " cores");
            for (Probe p : List.of(baseline, underAttack)) {
                report.line(p.name + ": tickets " + p.tickets.line() + ", " + p.ticketFailures.get() + " failed of "
                        + p.asked.get() + " asked");
                report.line(p.name + ": /health " + p.health.line() + ", " + p.healthFailures.get()
                        + " failed " + p.healthFailureKinds);
            }
            report.latency("ticketsDuring", underAttack.tickets).latency("healthDuring", underAttack.health)
                    .latency("ticketsBefore", baseline.tickets).latency("healthBefore", baseline.health);
            if (server != null) {
                report.put("serverOpenFilesBefore", filesBefore).put("serverOpenFilesPeak", filesPeak[0])
                        .put("serverOpenFilesLimit", server.openFilesLimit())
                        .put("serverRssBeforeMb", rssBefore.rssKb() / 1024.0)
                        .put("serverRssDuringMb", rssAfter.rssKb() / 1024.0);
                report.put("serverCpuPercentBefore", cpuBefore).put("serverCpuPercentDuring", cpuDuring);
                report.line(String.format("server: open files %d -> peak %d (limit %d); RSS %.0f MB -> %.0f MB;"
                                + " CPU %.0f%% of a core before, %.0f%% during", filesBefore, filesPeak[0],
                        server.openFilesLimit(), rssBefore.rssKb() / 1024.0, rssAfter.rssKb() / 1024.0, cpuBefore,
                        cpuDuring));
            }
            if (capped != null) {
                report.note(capped);
            }
            double p99 = underAttack.tickets.percentileMillis(99);
            report.line(String.format("ticket p99 during the attack: %.1f ms (target under 100 ms): %s", p99,
                    p99 < 100 && underAttack.ticketFailures.get() == 0 ? "met" : "NOT met"));
            Common.finish(o, report, out);
            kiosk.close();
            return underAttack.ticketFailures.get() == 0 ? 0 : 1;
        } finally {
            Common.close(attacker);
            Common.close(vertx);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static TicketResponse decode(byte[] bytes) {
        Decoded<TicketResponse> decoded = JsonCodec.decode(bytes, TicketResponse.class);
        if (decoded instanceof Decoded.Ok<TicketResponse> ok) {
            return ok.message();
        }
        throw new IllegalArgumentException("unreadable reply");
    }

    /** "127.0.0.1", or a range "127.0.0.2-127.0.0.41" of the last octet. */
    static List<String> sources(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return List.of(spec.trim());
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        String prefix = first.substring(0, first.lastIndexOf('.') + 1);
        if (!last.startsWith(prefix)) {
            throw new Options.UsageException("--from: a range must differ only in its last number, got " + spec);
        }
        int from = Integer.parseInt(first.substring(prefix.length()));
        int to = Integer.parseInt(last.substring(prefix.length()));
        List<String> all = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            all.add(prefix + i);
        }
        return all;
    }

    private static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The legitimate side: a kiosk taking tickets at a steady rate, and /health on a new connection each second. */
    private static final class Probe {
        final String name;
        final Vertx vertx;
        final Requester<TicketResponse> kiosk;
        final HttpClient http;
        final String host;
        final int port;
        final double rate;
        final String service;
        final Latencies tickets;
        final Latencies health;
        final AtomicLong ticketFailures = new AtomicLong();
        final AtomicLong asked = new AtomicLong();
        final AtomicLong healthFailures = new AtomicLong();
        final Map<String, AtomicLong> healthFailureKinds = new ConcurrentHashMap<>();

        Probe(String name, Vertx vertx, Requester<TicketResponse> kiosk, HttpClient http, String host, int port,
              double rate, String service) {
            this.name = name;
            this.vertx = vertx;
            this.kiosk = kiosk;
            this.http = http;
            this.host = host;
            this.port = port;
            this.rate = rate;
            this.service = service;
            this.tickets = new Latencies("tickets " + name);
            this.health = new Latencies("/health " + name);
        }

        void runFor(Duration duration) throws InterruptedException {
            long period = Math.max(1, Math.round(1000 / rate));
            List<Future<?>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
            long ticketTimer = vertx.setPeriodic(period, t -> kiosk.lane().runOnContext(v -> {
                String id = kiosk.nextRequestId();
                asked.incrementAndGet();
                long start = System.nanoTime();
                all.add(kiosk.request(id, JsonCodec.encode(TicketRequest.of(id, service)), TICKET_TIMEOUT_MS)
                        .onComplete(ar -> {
                            if (ar.succeeded() && ar.result().ticket() != null) {
                                tickets.recordNanos(System.nanoTime() - start);
                            } else {
                                ticketFailures.incrementAndGet();
                            }
                        }));
            }));
            long healthTimer = vertx.setPeriodic(1000, t -> {
                long start = System.nanoTime();
                all.add(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                                .setURI("/health").setTimeout(10_000))
                        .compose(req -> req.send().compose(res -> res.body().map(res.statusCode())))
                        .onComplete(ar -> {
                            if (ar.succeeded() && ar.result() == 200) {
                                health.recordNanos(System.nanoTime() - start);
                            } else {
                                healthFailures.incrementAndGet();
                                String kind = ar.succeeded() ? "status " + ar.result()
                                        : String.valueOf(ar.cause().getMessage());
                                healthFailureKinds.computeIfAbsent(kind.length() > 80 ? kind.substring(0, 80) : kind,
                                        k -> new AtomicLong()).incrementAndGet();
                            }
                        }));
            });
            Thread.sleep(duration.toMillis());
            vertx.cancelTimer(ticketTimer);
            vertx.cancelTimer(healthTimer);
            // what was asked within the window is waited for (its latency counts, or its failure)
            Common.await(Future.join(new ArrayList<>(all)).recover(e -> Future.succeededFuture()), 30);
        }

        JsonObject toJson() {
            return new JsonObject().put("tickets", tickets.toJson()).put("ticketsAsked", asked.get())
                    .put("ticketFailures", ticketFailures.get())
                    .put("health", health.toJson()).put("healthFailures", healthFailures.get());
        }
    }

    /** Idle sockets that never send a byte, held, and re-opened when the server closes them. */
    private static final class Attack {
        final Vertx vertx;
        final List<NetClient> clients = new ArrayList<>();
        final String host;
        final int httpPort;
        final int mqttPort;
        final int total;
        final int toMqtt;
        final int openRate;
        /** Null: a socket the server closes is not opened again (the attacker opens its N once and holds them). */
        final Duration reopenDelay;
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger peakOpen = new AtomicInteger();
        final AtomicLong connects = new AtomicLong();
        final AtomicLong closedQuickly = new AtomicLong();
        final AtomicLong closedLater = new AtomicLong();
        final AtomicLong connectFailures = new AtomicLong();
        final List<io.vertx.core.net.NetSocket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean stopping;
        long opener = -1;

        Attack(Vertx vertx, List<String> sources, String host, int httpPort, int mqttPort, int total, int toMqtt,
               int openRate, Duration reopenDelay) {
            this.vertx = vertx;
            for (String source : sources) {
                clients.add(vertx.createNetClient(new NetClientOptions().setLocalAddress(source)
                        .setConnectTimeout(10_000)));
            }
            this.host = host;
            this.httpPort = httpPort;
            this.mqttPort = mqttPort;
            this.total = total;
            this.toMqtt = toMqtt;
            this.openRate = openRate;
            this.reopenDelay = reopenDelay;
        }

        String describeTargets() {
            return (total - toMqtt) + " asked of HTTP port " + httpPort + ", " + toMqtt + " of MQTT port " + mqttPort;
        }

        void start() {
            int perTick = Math.max(1, openRate / 100);
            AtomicInteger next = new AtomicInteger();
            opener = vertx.setPeriodic(10, t -> {
                for (int i = 0; i < perTick; i++) {
                    int n = next.getAndIncrement();
                    if (n >= total) {
                        vertx.cancelTimer(opener);
                        return;
                    }
                    connect(n);
                }
            });
        }

        void connect(int n) {
            if (stopping) {
                return;
            }
            NetClient client = clients.get(n % clients.size());
            int port = n < toMqtt ? mqttPort : httpPort;
            long started = System.nanoTime();
            connects.incrementAndGet();
            client.connect(port, host).onComplete(ar -> {
                if (ar.failed()) {
                    connectFailures.incrementAndGet();
                    if (reopenDelay != null) {
                        vertx.setTimer(Math.max(1, reopenDelay.toMillis()) + 1000, t -> connect(n));
                    }
                    return;
                }
                var socket = ar.result();
                held.add(socket);
                peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                socket.handler(data -> { }); // nothing is ever sent; whatever the server says is ignored
                socket.closeHandler(v -> {
                    open.decrementAndGet();
                    held.remove(socket);
                    if (stopping) {
                        return;
                    }
                    if (System.nanoTime() - started < 1_000_000_000L) {
                        closedQuickly.incrementAndGet();
                    } else {
                        closedLater.incrementAndGet();
                    }
                    if (reopenDelay != null) {
                        vertx.setTimer(Math.max(1, reopenDelay.toMillis()), t -> connect(n));
                    }
                });
            });
        }

        void stop() {
            stopping = true;
            if (opener >= 0) {
                vertx.cancelTimer(opener);
            }
            List<Future<Void>> closing = new ArrayList<>();
            held.forEach(s -> closing.add(s.close().recover(e -> Future.succeededFuture())));
            Common.await(Future.join(closing).recover(e -> Future.succeededFuture()), 120);
        }

        JsonObject toJson() {
            return new JsonObject().put("peakOpen", peakOpen.get()).put("connects", connects.get())
                    .put("closedWithinOneSecond", closedQuickly.get()).put("closedLater", closedLater.get())
                    .put("connectFailures", connectFailures.get());
        }
    }
}
