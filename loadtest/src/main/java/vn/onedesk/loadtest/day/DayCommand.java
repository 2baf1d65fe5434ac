package vn.onedesk.loadtest.day;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.DemandGenerator;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.Visit;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.simulation.BuiltInScenarios;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.devices.Devices;
import vn.onedesk.loadtest.devices.Requester;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.loadtest.report.Latencies;
import vn.onedesk.loadtest.report.ProcessProbe;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.report.ServerWatch;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;

/**
 * {@code day --scenario FILE --centres N --speed X --duration T}: N centres living a scenario's day at X
 * times real speed. Citizens arrive as the engine's {@link DemandGenerator} draws them (the same draw the
 * simulator uses, one seed per centre) and take tickets at the centre's kiosks; every counter terminal
 * opens and closes with its sessions, calls the next citizen, serves for the drawn service time (scaled),
 * transfers or completes, and marks absent citizens no-show. Reports ticket and counter-command latencies
 * per interval (flat or not), errors, and the gateway's heap and RSS over time.
 */
public final class DayCommand {
    private DayCommand() {
    }

    /** How long an absent citizen is waited for before NO_SHOW, and how often an idle counter asks again. */
    private static final Duration NO_SHOW_WAIT = Duration.ofMinutes(2);
    private static final Duration IDLE_POLL = Duration.ofSeconds(30);

    public static int run(Options o, PrintStream out) throws Exception {
        String scenarioFile = o.required("scenario"); // a file, or a built-in scenario's name
        int centreCount = o.integer("centres", 100);
        double speed = o.number("speed", 60);
        Duration duration = o.duration("duration", Duration.ofMinutes(10));
        Duration every = o.duration("sample-every", Duration.ofSeconds(60));
        Fleet fleet = Common.fleet(o);
        Scenario scenario = BuiltInScenarios.read(scenarioFile);
        long seed = Long.parseLong(o.string("seed", String.valueOf(scenario.demand().seed())));
        if (fleet.centres().size() < centreCount) {
            throw new Options.UsageException("the configuration has " + fleet.centres().size() + " centres, fewer than"
                    + " --centres " + centreCount + "; write one with: config --template " + scenarioFile
                    + " --centres " + centreCount + " --kiosks 2 --displays 1 --out FILE");
        }
        ServerWatch watch = Common.watch(o, true);
        ProcessProbe probe = Common.probe(o);
        List<CentreDefinition> centres = fleet.centres().subList(0, centreCount);
        int connections = centres.stream().mapToInt(c -> fleet.devices(c.id(), DeviceRole.KIOSK).size()
                + fleet.devices(c.id(), DeviceRole.COUNTER).size() + 1).sum();
        Endpoint endpoint = Common.endpoint(o, connections);
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        String runId = TicketLoad.newRunId();

        Latencies tickets = new Latencies("ticket");
        Latencies commands = new Latencies("counterCommand");
        AtomicReference<Latencies> interval = new AtomicReference<>(new Latencies("interval"));
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder calls = new LongAdder();
        Map<String, Citizen> citizens = new ConcurrentHashMap<>();
        try {
            List<Context> lanes = Common.lanes(vertx);
            List<CentreRun> runs = new ArrayList<>();
            List<Connector.Plan> plans = new ArrayList<>();
            List<java.util.function.Consumer<MqttConnection>> wiring = new ArrayList<>();
            int lane = 0;
            for (CentreDefinition centre : centres) {
                CentreRun run = new CentreRun(centre);
                runs.add(run);
                for (Device d : fleet.devices(centre.id(), DeviceRole.KIOSK)) {
                    Requester<TicketResponse> k = Devices.kiosk(vertx, lanes.get(lane++ % lanes.size()), runId,
                            centre.id(), d.id());
                    run.kiosks.add(k);
                    plans.add(k.plan("lt-" + runId + "-" + d.id(), d.id(), fleet.password()));
                    wiring.add(k::connected);
                }
                for (Device d : fleet.devices(centre.id(), DeviceRole.COUNTER)) {
                    Requester<CounterReply> t = Devices.counter(vertx, lanes.get(lane++ % lanes.size()), runId,
                            centre.id(), d.counter());
                    run.terminals.add(new Terminal(t, centre.counter(d.counter()).orElseThrow()));
                    plans.add(t.plan("lt-" + runId + "-" + d.id(), d.id(), fleet.password()));
                    wiring.add(t::connected);
                }
                List<Device> displays = fleet.devices(centre.id(), DeviceRole.DISPLAY);
                if (!displays.isEmpty()) {
                    Device d = displays.get(0);
                    plans.add(new Connector.Plan(lanes.get(lane++ % lanes.size()), new MqttConnection.Spec(
                            "lt-" + runId + "-" + d.id(), d.id(), fleet.password(), m -> calls.increment(), null),
                            Map.of(new Topic.Calls(centre.id()).name(), 1)));
                    wiring.add(c -> { });
                }
            }
            long connectStart = System.nanoTime();
            List<MqttConnection> open = Common.await(Connector.openAll(vertx, endpoint, plans.size(), 100, plans::get),
                    1800);
            for (int i = 0; i < open.size(); i++) {
                wiring.get(i).accept(open.get(i));
            }
            out.printf("connected %d devices of %d centres in %.1f s%n", open.size(), centreCount,
                    (System.nanoTime() - connectStart) / 1e9);

            // --- the day, drawn by the engine, mapped onto the wall clock ---
            LocalDate day = LocalDate.now(scenario.centre().timezone());
            List<Arrival> arrivals = new ArrayList<>();
            Instant simStart = null;
            for (int c = 0; c < runs.size(); c++) {
                for (Visit v : DemandGenerator.day(scenario, day, seed + c)) {
                    arrivals.add(new Arrival(runs.get(c), v));
                    simStart = simStart == null || v.arrival().isBefore(simStart) ? v.arrival() : simStart;
                }
            }
            Instant firstSession = day.atTime(scenario.centre().sessions().get(0).from())
                    .atZone(scenario.centre().timezone()).toInstant();
            simStart = (simStart == null || firstSession.isBefore(simStart) ? firstSession : simStart)
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            arrivals.sort(Comparator.comparing(a -> a.visit.arrival()));
            Clock clock = new Clock(System.nanoTime() + 2_000_000_000L, Instant.now().plusSeconds(2), simStart, speed);
            Instant simEnd = simStart.plusMillis(Math.round(duration.toMillis() * speed));
            long arrivalsInWindow = arrivals.stream().filter(a -> a.visit.arrival().isBefore(simEnd)).count();
            out.printf("simulating %s to %s (%s of a day at %s×) : %d arrivals in %d centres%n",
                    simStart.atZone(scenario.centre().timezone()).toLocalTime(),
                    simEnd.atZone(scenario.centre().timezone()).toLocalTime(), Duration.between(simStart, simEnd),
                    speed, arrivalsInWindow, centreCount);
            for (CentreRun run : runs) {
                for (Terminal t : run.terminals) {
                    t.schedule(vertx, clock, scenario.sessionsOf(t.counter), day, scenario.centre().timezone(),
                            citizens, commands, errors, simEnd);
                }
            }

            // --- sampling: latency per interval, heap and RSS over time ---
            OptionalLong liveHeapStart = probe != null ? probe.heapUsedBytes(true) : OptionalLong.empty();
            // One more full GC once the first minutes are over (a sixth of the run, at least one sample in): the
            // live heap from there to the end says whether memory stays flat, apart from the start's caches filling.
            long settledAt = clock.wallStartNanos + Math.max(every.toNanos(), duration.toNanos() / 6);
            OptionalLong liveHeapSettled = OptionalLong.empty();
            JsonArray samples = new JsonArray();
            long nextSample = clock.wallStartNanos + every.toNanos();
            watch.start();
            // --- arrivals ---
            int next = 0;
            int kioskTurn = 0;
            long endNanos = clock.wallStartNanos + duration.toNanos();
            while (System.nanoTime() < endNanos) {
                long now = System.nanoTime();
                if (now >= nextSample) {
                    Latencies done = interval.getAndSet(new Latencies("interval"));
                    JsonObject s = new JsonObject().put("minute", Math.round((now - clock.wallStartNanos) / 6e10 * 10) / 10.0)
                            .put("simulatedTime", clock.simAt(now).atZone(scenario.centre().timezone()).toLocalTime()
                                    .toString()).put("tickets", done.count());
                    if (done.count() > 0) {
                        s.put("p50", done.percentileMillis(50)).put("p99", done.percentileMillis(99))
                                .put("max", done.maxMillis());
                    }
                    if (probe != null) {
                        s.put("rssMb", probe.sample().rssKb() / 1024.0);
                        probe.heapUsedBytes(false).ifPresent(h -> s.put("heapUsedMb", h / 1048576.0));
                    }
                    if (probe != null && liveHeapSettled.isEmpty() && now >= settledAt) {
                        liveHeapSettled = probe.heapUsedBytes(true);
                        liveHeapSettled.ifPresent(h -> s.put("liveHeapMb", h / 1048576.0));
                    }
                    samples.add(s);
                    out.println("  " + s.encode());
                    nextSample += every.toNanos();
                }
                if (next < arrivals.size() && arrivals.get(next).visit.arrival().isBefore(simEnd)) {
                    Arrival a = arrivals.get(next);
                    long due = clock.wallNanos(a.visit.arrival());
                    long wait = due - System.nanoTime();
                    if (wait > 20_000) {
                        LockSupport.parkNanos(Math.min(wait - 10_000, Math.max(0, nextSample - System.nanoTime())
                                + 1000));
                        continue;
                    }
                    next++;
                    Requester<TicketResponse> kiosk = a.run.kiosks.get(kioskTurn++ % a.run.kiosks.size());
                    Visit v = a.visit;
                    kiosk.lane().runOnContext(x -> {
                        String id = kiosk.nextRequestId();
                        Priority priority = Priority.valueOf(v.priority().name());
                        TicketRequest request = v.appointmentAt() == null
                                ? new TicketRequest(id, v.service(), priority, Channel.WALK_IN, null, null)
                                : new TicketRequest(id, v.service(), priority, Channel.APPOINTMENT, null,
                                clock.wallInstant(v.appointmentAt()));
                        kiosk.request(id, Devices.ticket(request), 60_000).onComplete(ar -> {
                            long latency = System.nanoTime() - due;
                            if (ar.failed()) {
                                errors.computeIfAbsent("TIMEOUT", k -> new LongAdder()).increment();
                            } else if (ar.result().error() != null) {
                                errors.computeIfAbsent(ar.result().error().code().name(), k -> new LongAdder())
                                        .increment();
                            } else {
                                tickets.recordNanos(latency);
                                interval.get().recordNanos(latency);
                                citizens.put(ar.result().ticket().id(), new Citizen(v));
                            }
                        });
                    });
                } else {
                    LockSupport.parkNanos(Math.max(1000, Math.min(nextSample, endNanos) - System.nanoTime()));
                }
            }
            runs.forEach(r -> r.terminals.forEach(t -> t.stopped = true));
            Thread.sleep(2000);
            JsonObject server = watch.stop();
            OptionalLong liveHeapEnd = probe != null ? probe.heapUsedBytes(true) : OptionalLong.empty();

            RunReport report = new RunReport("day", "onedesk", o.given());
            Map<String, Long> errorCounts = new java.util.TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
            report.put("centres", centreCount).put("speed", speed).put("durationSeconds", duration.toSeconds())
                    .put("arrivals", next).put("calls", calls.sum()).put("intervals", samples);
            report.line(String.format("%d centres of %s at %s× for %s: %d arrivals, %d calls seen by the displays",
                    centreCount, scenario.name(), speed, duration, next, calls.sum()));
            report.latency("ticket, from the citizen's arrival", tickets);
            report.latency("counter command round trip", commands);
            report.errors(errorCounts);
            if (liveHeapStart.isPresent() && liveHeapEnd.isPresent()) {
                report.put("liveHeapStartMb", liveHeapStart.getAsLong() / 1048576.0)
                        .put("liveHeapEndMb", liveHeapEnd.getAsLong() / 1048576.0);
                report.line(String.format("live heap after a full GC: %.1f MB at the start, %.1f MB at the end",
                        liveHeapStart.getAsLong() / 1048576.0, liveHeapEnd.getAsLong() / 1048576.0));
            }
            if (liveHeapSettled.isPresent() && liveHeapEnd.isPresent()) {
                report.put("liveHeapSettledMb", liveHeapSettled.getAsLong() / 1048576.0);
                report.line(String.format("live heap after a full GC once settled (after %d s): %.1f MB",
                        Duration.ofNanos(settledAt - clock.wallStartNanos).toSeconds(),
                        liveHeapSettled.getAsLong() / 1048576.0));
            }
            report.line("p99 per interval (ms): " + samples.stream().map(s -> ((JsonObject) s).containsKey("p99")
                    ? String.format("%.0f", ((JsonObject) s).getDouble("p99")) : "-").toList());
            report.server(server);
            Common.finish(o, report, out);
            List<Future<Void>> closing = new ArrayList<>();
            open.forEach(c -> closing.add(c.close().recover(e -> Future.succeededFuture())));
            Common.await(Future.all(closing), 120);
            return 0;
        } finally {
            Common.close(vertx);
        }
    }

    private record Arrival(CentreRun run, Visit visit) {
    }

    private static final class CentreRun {
        final CentreDefinition centre;
        final List<Requester<TicketResponse>> kiosks = new ArrayList<>();
        final List<Terminal> terminals = new ArrayList<>();

        CentreRun(CentreDefinition centre) {
            this.centre = centre;
        }
    }

    /** A citizen with a ticket: their visit, and which leg of it they are on. */
    private static final class Citizen {
        final Visit visit;
        int leg;
        boolean calledBefore;

        Citizen(Visit visit) {
            this.visit = visit;
        }
    }

    /** Simulated time ↔ wall clock: the day runs {@code speed} times faster from {@code simStart}. */
    private record Clock(long wallStartNanos, Instant wallStart, Instant simStart, double speed) {
        long wallNanos(Instant sim) {
            return wallStartNanos + Math.round(Duration.between(simStart, sim).toNanos() / speed);
        }

        Instant wallInstant(Instant sim) {
            return wallStart.plusNanos(Math.round(Duration.between(simStart, sim).toNanos() / speed));
        }

        Instant simAt(long wallNanos) {
            return simStart.plusNanos(Math.round((wallNanos - wallStartNanos) * speed));
        }

        long wallMillis(Duration sim) {
            return Math.max(1, Math.round(sim.toMillis() / speed));
        }
    }

    /** One counter terminal working its sessions. */
    private static final class Terminal {
        final Requester<CounterReply> client;
        final CounterDefinition counter;
        volatile boolean stopped;
        Instant sessionEnd;

        Terminal(Requester<CounterReply> client, CounterDefinition counter) {
            this.client = client;
            this.counter = counter;
        }

        void schedule(Vertx vertx, Clock clock, List<Session> sessions, LocalDate day, java.time.ZoneId zone,
                      Map<String, Citizen> citizens, Latencies commands, Map<String, LongAdder> errors,
                      Instant simEnd) {
            for (Session s : sessions) {
                Instant from = day.atTime(s.from()).atZone(zone).toInstant();
                Instant to = day.atTime(s.to()).atZone(zone).toInstant();
                if (!from.isBefore(simEnd)) {
                    continue;
                }
                long delayMs = Math.max(1, (clock.wallNanos(from) - System.nanoTime()) / 1_000_000);
                client.lane().runOnContext(x -> vertx.setTimer(delayMs, t -> {
                    sessionEnd = to;
                    command(vertx, CommandName.OPEN, null, commands, errors)
                            .onComplete(ar -> next(vertx, clock, citizens, commands, errors));
                }));
            }
        }

        private void next(Vertx vertx, Clock clock, Map<String, Citizen> citizens, Latencies commands,
                          Map<String, LongAdder> errors) {
            if (stopped) {
                return;
            }
            if (!clock.simAt(System.nanoTime()).isBefore(sessionEnd)) {
                command(vertx, CommandName.CLOSE, null, commands, errors);
                return;
            }
            command(vertx, CommandName.CALL_NEXT, null, commands, errors).onComplete(ar -> {
                CounterReply reply = ar.succeeded() ? ar.result() : null;
                if (reply == null || reply.error() != null || reply.ticket() == null) {
                    vertx.setTimer(clock.wallMillis(IDLE_POLL), t -> next(vertx, clock, citizens, commands, errors));
                    return;
                }
                Citizen citizen = citizens.get(reply.ticket().id());
                if (citizen != null && citizen.visit.absent() && !citizen.calledBefore) {
                    citizen.calledBefore = true;
                    vertx.setTimer(clock.wallMillis(NO_SHOW_WAIT), t -> command(vertx, CommandName.NO_SHOW, null,
                            commands, errors).onComplete(x -> next(vertx, clock, citizens, commands, errors)));
                    return;
                }
                Duration service = citizen == null ? Duration.ofMinutes(8)
                        : citizen.visit.legs().get(Math.min(citizen.leg, citizen.visit.legs().size() - 1)).serviceTime();
                command(vertx, CommandName.START, null, commands, errors);
                vertx.setTimer(clock.wallMillis(service), t -> {
                    boolean transfer = citizen != null && citizen.leg + 1 < citizen.visit.legs().size();
                    Future<CounterReply> done;
                    if (transfer) {
                        citizen.leg++;
                        done = command(vertx, CommandName.TRANSFER, citizen.visit.legs().get(citizen.leg).service(),
                                commands, errors);
                    } else {
                        done = command(vertx, CommandName.COMPLETE, null, commands, errors);
                    }
                    done.onComplete(x -> next(vertx, clock, citizens, commands, errors));
                });
            });
        }

        private Future<CounterReply> command(Vertx vertx, CommandName name, String service, Latencies commands,
                                             Map<String, LongAdder> errors) {
            String id = client.nextRequestId();
            long sent = System.nanoTime();
            return client.request(id, Devices.command(id, name, service), 60_000).andThen(ar -> {
                if (ar.failed()) {
                    errors.computeIfAbsent("TIMEOUT", k -> new LongAdder()).increment();
                    return;
                }
                commands.recordNanos(System.nanoTime() - sent);
                if (ar.result().error() != null && !(name == CommandName.CALL_NEXT
                        && ar.result().error().code() == vn.onedesk.protocol.ErrorCode.NO_TICKET_WAITING)) {
                    errors.computeIfAbsent(name + ":" + ar.result().error().code().name(), k -> new LongAdder())
                            .increment();
                }
            });
        }
    }
}
