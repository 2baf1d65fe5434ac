package vn.onedesk.loadtest.crash;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.loadtest.bench.BenchConfig;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.hall.HallCheck;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.loadtest.tickets.TicketLog;
import vn.onedesk.loadtest.tickets.TicketsCommand;

/**
 * {@code cluster-crash --cluster DIR --kills N --rate R}: kiosks of every centre take tickets at R per second through
 * the cluster's HAProxy ({@code scripts/cluster.sh up DIR}) while a node chosen at random is killed with SIGKILL, N
 * times, and started again ({@code scripts/cluster.sh restart}) before the next kill. For each kill it measures, for
 * every centre the node wrote, the time from the kill to the first ticket a kiosk of that centre was given after it.
 * Meanwhile in every centre a counter terminal calls and serves citizens and a hall display watches the calls
 * ({@link HallCheck}), both through HAProxy too. At the end every request must have been answered,
 * {@link TicketAudit} must find every ticket the kiosks were given exactly once, with no number issued twice, and
 * every display must have every call its centre made (live, or recovered from the board after a gap).
 */
public final class ClusterCrashCommand {
    private ClusterCrashCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        Path dir = Path.of(o.get("cluster").orElseThrow(() -> new Options.UsageException(
                "give --cluster DIR: the directory of scripts/cluster.sh up DIR")));
        int kills = o.integer("kills", 10);
        double rate = o.number("rate", 200);
        int kiosks = o.integer("kiosks", 60);
        long seed = Long.parseLong(o.string("seed", String.valueOf(System.currentTimeMillis())));
        Duration settle = o.duration("settle", Duration.ofSeconds(5));
        Duration target = o.duration("target", Duration.ofSeconds(5));
        Path script = Path.of(o.string("cluster-script", "scripts/cluster.sh"));
        long serviceMs = o.duration("service", Duration.ofMillis(500)).toMillis();
        o.rejectUnused();
        vn.onedesk.loadtest.cli.Logs.quiet();

        Properties env = load(dir.resolve("cluster.env"));
        Properties node1 = load(dir.resolve("node-1.env"));
        Path config = Path.of(required(node1, "ONEDESK_CONFIG", "cluster.sh up --config FILE (a loadtest config)"));
        int mqttPort = Integer.parseInt(required(env, "MQTT_PORT", "cluster.env"));
        int httpPort = Integer.parseInt(required(env, "HTTP_PORT", "cluster.env"));
        String pgUrl = required(env, "PG_URL", "cluster.env");
        int nodes = Integer.parseInt(required(env, "NODES", "cluster.env"));
        Fleet fleet = Fleet.load(config, BenchConfig.DEFAULT_PASSWORD);
        Path ticketLog = dir.resolve("kiosk-tickets.jsonl");
        SplittableRandom random = new SplittableRandom(seed);
        Vertx vertx = Vertx.vertx();
        Map<String, String> centreOfKiosk = new HashMap<>();
        List<TicketLoad.KioskDevice> devices = TicketsCommand.kiosks(fleet, "all", kiosks);
        devices.forEach(k -> centreOfKiosk.put(k.id(), k.centre()));
        // after a kill: the dead node's centres, each with the time the first ticket came for it
        Map<String, Long> waitingSince = new ConcurrentHashMap<>();
        Map<String, Long> recovered = new ConcurrentHashMap<>();
        List<JsonObject> killReports = new ArrayList<>();
        out.printf("cluster crash test: %d SIGKILLs of %d nodes at %s tickets/s from %d kiosks (seed %d); %s%n", kills,
                nodes, rate, kiosks, seed, dir);
        try (TicketLog log = new TicketLog(ticketLog)) {
            log.observe(entry -> {
                String centre = centreOfKiosk.get(entry.kiosk());
                Long since = centre == null ? null : waitingSince.remove(centre);
                if (since != null) {
                    recovered.put(centre, System.nanoTime() - since);
                }
            });
            String runId = TicketLoad.newRunId();
            TicketLoad load = new TicketLoad(vertx, new TicketLoad.Settings(rate, Duration.ZERO, null,
                    MqttQoS.AT_LEAST_ONCE, Endpoint.forConnections("127.0.0.1", mqttPort, kiosks), devices,
                    fleet.password(), TicketsCommand.services(fleet, devices.get(0).centre(), null),
                    Duration.ofSeconds(30), true,
                    Duration.ofMillis(300), Duration.ofSeconds(10), log, runId));
            List<io.vertx.core.Context> lanes = Common.await(vn.onedesk.loadtest.mqtt.Lanes.start(vertx, 2), 30);
            Common.await(load.connect(lanes), 300);
            HallCheck hall = Common.await(HallCheck.connect(vertx, lanes, fleet, runId,
                    Endpoint.forConnections("127.0.0.1", mqttPort, 2 * fleet.centres().size()), httpPort, pgUrl,
                    serviceMs), 120);
            Thread runner = new Thread(() -> {
                try {
                    load.run(null, Duration.ofSeconds(120));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cluster-crash-load");
            runner.start();
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(settle.toMillis());
                int victim = 1 + random.nextInt(nodes);
                Properties current = load(dir.resolve("cluster.env"));
                int nodeHttpPort = Integer.parseInt(current.getProperty("NODE_HTTP_PORTS").split(" ")[victim - 1]);
                List<String> owned = ownedCentres(nodeHttpPort);
                long pid = Long.parseLong(Files.readString(dir.resolve("node-" + victim + ".pid")).trim());
                recovered.clear();
                long killedAt = System.nanoTime();
                owned.forEach(c -> waitingSince.put(c, killedAt));
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                out.printf("kill %d: node %d (pid %d) with %d centres %s; %d tickets answered so far%n", k, victim,
                        pid, owned.size(), owned, load.ok());
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!waitingSince.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                JsonObject kill = new JsonObject().put("node", victim).put("centres", owned.size());
                long worst = recovered.values().stream().mapToLong(Long::longValue).max().orElse(0);
                kill.put("worstRecoveryMs", worst / 1_000_000).put("notRecovered", new JsonArray(
                        new ArrayList<>(waitingSince.keySet())));
                Map<String, Long> perCentre = new TreeMap<>();
                recovered.forEach((c, n) -> perCentre.put(c, n / 1_000_000));
                kill.put("recoveryMs", new JsonObject(new HashMap<>(perCentre)));
                killReports.add(kill);
                out.printf("  every centre of node %d served again: worst %d ms%s%n", victim, worst / 1_000_000,
                        waitingSince.isEmpty() ? "" : "; NOT recovered within 60 s: " + waitingSince.keySet());
                waitingSince.clear();
                Process restart = new ProcessBuilder("bash", script.toString(), "restart", dir.toString(),
                        String.valueOf(victim)).inheritIO().start();
                if (restart.waitFor() != 0) {
                    throw new IllegalStateException("scripts/cluster.sh restart " + victim + " failed");
                }
            }
            Thread.sleep(settle.toMillis());
            load.stopSchedule();
            runner.join();
            Common.await(load.close(), 30);
            JsonObject calls = Common.await(hall.finish(2_000), 120);
            Common.await(hall.close(), 30);
            log.flush();
            long unansweredAtEnd = load.errors().getOrDefault("UNANSWERED", 0L);
            TicketAudit.Result audit = TicketAudit.run(vertx, pgUrl, TicketLog.read(ticketLog));
            long worstMs = killReports.stream().mapToLong(r -> r.getLong("worstRecoveryMs")).max().orElse(0);
            boolean allRecovered = killReports.stream().allMatch(r -> r.getJsonArray("notRecovered").isEmpty());
            boolean withinTarget = allRecovered && worstMs <= target.toMillis();
            boolean hallComplete = calls.getLong("callsMissing") == 0 && calls.getJsonObject("counterErrors").isEmpty();
            boolean passed = audit.passed() && unansweredAtEnd == 0 && allRecovered && hallComplete;

            RunReport report = new RunReport("cluster-crash", "onedesk", Map.of("kills", String.valueOf(kills),
                    "rate", String.valueOf(rate), "kiosks", String.valueOf(kiosks), "seed", String.valueOf(seed)));
            report.put("kills", new JsonArray(new ArrayList<>(killReports))).put("requests", load.scheduled())
                    .put("ticketsAnswered", load.ok()).put("reconnects", load.reconnects())
                    .put("unansweredAtEnd", unansweredAtEnd).put("worstRecoveryMs", worstMs)
                    .put("withinTarget", withinTarget).put("hall", calls).put("passed", passed);
            report.line(String.format("%d SIGKILLs; %d requests, %d answered with a ticket, %d left unanswered;"
                            + " %d kiosk reconnections; worst time from a kill to a centre served again: %d ms"
                            + " (target %d ms: %s)", killReports.size(), load.scheduled(), load.ok(), unansweredAtEnd,
                    load.reconnects(), worstMs, target.toMillis(), withinTarget ? "met" : "NOT met"));
            report.line(HallCheck.summary(calls));
            report.errors(load.errors());
            AuditCommand.report(report, audit);
            report.line(passed ? "cluster crash test PASSED" : "cluster crash test FAILED (" + dir + ")");
            Common.finish(o, report, out);
            return passed ? 0 : 1;
        } finally {
            Common.close(vertx);
        }
    }

    private static List<String> ownedCentres(int httpPort) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> owned = new ArrayList<>();
        new JsonObject(body).getJsonArray("ownedCentres", new JsonArray()).forEach(c -> owned.add((String) c));
        return owned;
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                p.setProperty(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return p;
    }

    private static String required(Properties p, String key, String from) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new Options.UsageException(key + " is missing; it comes from " + from);
        }
        return v;
    }
}
