package vn.onedesk.loadtest.crash;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.onedesk.loadtest.bench.BenchConfig;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.loadtest.tickets.TicketLog;
import vn.onedesk.loadtest.tickets.TicketsCommand;

/**
 * {@code crash --kills N --rate R}: kiosks take tickets at R per second while the gateway (the runnable
 * jar, with its embedded PostgreSQL) is killed with SIGKILL N times at random moments and started again
 * on the same data. The kiosks behave as real ones: they reconnect and send every unanswered request
 * again with the same requestId. At the end every request must have been answered, and
 * {@link TicketAudit} must find every ticket the kiosks were given exactly once and the queue intact.
 */
public final class CrashCommand {
    private CrashCommand() {
    }

    /** One crash run's settings; also what the JUnit test gives. */
    public record Settings(Path gatewayJar, Path workDir, int kills, double rate, int kiosks, Duration minUptime,
                           Duration maxUptime, long seed, Duration drain, String heap) {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        Path workDir = o.get("work-dir").map(Path::of).orElse(null);
        Settings s = new Settings(Path.of(o.string("gateway-jar", "gateway/target/onedesk-gateway.jar")),
                workDir != null ? workDir : Files.createTempDirectory("onedesk-crash"),
                o.integer("kills", 10), o.number("rate", 1000), o.integer("kiosks", 50),
                o.duration("min-uptime", Duration.ofSeconds(3)), o.duration("max-uptime", Duration.ofSeconds(8)),
                Long.parseLong(o.string("seed", String.valueOf(System.currentTimeMillis()))),
                o.duration("drain", Duration.ofSeconds(120)), o.string("gateway-heap", "512m"));
        o.rejectUnused();
        RunReport report = run(s, out);
        Common.finish(o, report, out);
        return report.results().getBoolean("passed") ? 0 : 1;
    }

    public static RunReport run(Settings s, PrintStream out) throws Exception {
        vn.onedesk.loadtest.cli.Logs.quiet();
        if (!Files.isRegularFile(s.gatewayJar())) {
            throw new Options.UsageException("no gateway jar at " + s.gatewayJar().toAbsolutePath()
                    + "; build it with: mvn -B -q -DskipTests package");
        }
        Files.createDirectories(s.workDir());
        Path config = s.workDir().resolve("crash-config.json");
        BenchConfig.write(new BenchConfig.Settings(null, 1, s.kiosks(), 1, BenchConfig.DEFAULT_PASSWORD,
                BenchConfig.DEFAULT_ITERATIONS), config);
        Path dataDir = s.workDir().resolve("data");
        Path ticketLog = s.workDir().resolve("kiosk-tickets.jsonl");
        Path gatewayLog = s.workDir().resolve("gateway.log");
        int mqttPort = GatewayProcess.freePort();
        GatewayProcess gateway = new GatewayProcess(s.gatewayJar(), s.heap(), Map.of("ONEDESK_CONFIG", config.toString(),
                "ONEDESK_DATA_DIR", dataDir.toString()), gatewayLog, mqttPort, GatewayProcess.freePort());
        Fleet fleet = Fleet.load(config, BenchConfig.DEFAULT_PASSWORD);
        String centre = fleet.firstCentre();
        SplittableRandom random = new SplittableRandom(s.seed());
        Vertx vertx = Vertx.vertx();
        List<Long> downtimesMs = new ArrayList<>();
        out.printf("crash test: %d SIGKILLs at %s tickets/s from %d kiosks (seed %d); work dir %s%n", s.kills(),
                s.rate(), s.kiosks(), s.seed(), s.workDir());
        try (TicketLog log = new TicketLog(ticketLog)) {
            gateway.start(Duration.ofSeconds(120));
            String runId = TicketLoad.newRunId();
            TicketLoad load = new TicketLoad(vertx, new TicketLoad.Settings(s.rate(), Duration.ZERO, null,
                    MqttQoS.AT_LEAST_ONCE, Endpoint.forConnections("127.0.0.1", mqttPort, s.kiosks()),
                    TicketsCommand.kiosks(fleet, centre, s.kiosks()), fleet.password(),
                    TicketsCommand.services(fleet, centre, null), Duration.ofSeconds(30), true,
                    Duration.ofMillis(300), Duration.ofSeconds(10), log, runId));
            Common.await(load.connect(Common.await(vn.onedesk.loadtest.mqtt.Lanes.start(vertx, 2), 30)), 300);
            Thread runner = new Thread(() -> {
                try {
                    load.run(null, s.drain());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "crash-load");
            runner.start();
            for (int k = 1; k <= s.kills(); k++) {
                long uptime = s.minUptime().toMillis()
                        + random.nextLong(Math.max(1, s.maxUptime().toMillis() - s.minUptime().toMillis()));
                Thread.sleep(uptime);
                long before = load.ok();
                gateway.kill();
                long killedAt = System.nanoTime();
                out.printf("kill %d: SIGKILL after %d ms up, %d tickets answered so far%n", k, uptime, before);
                gateway.start(Duration.ofSeconds(120));
                downtimesMs.add((System.nanoTime() - killedAt) / 1_000_000);
            }
            Thread.sleep(s.minUptime().toMillis());
            load.stopSchedule();
            runner.join();
            Common.await(load.close(), 30);
            log.flush();
            long unansweredAtEnd = load.errors().getOrDefault("UNANSWERED", 0L);
            TicketAudit.Result audit = TicketAudit.run(vertx, TicketAudit.embeddedUrl(dataDir), TicketLog.read(ticketLog));
            boolean passed = audit.passed() && unansweredAtEnd == 0 && downtimesMs.size() == s.kills();

            RunReport report = new RunReport("crash", "onedesk", Map.of("kills", String.valueOf(s.kills()),
                    "rate", String.valueOf(s.rate()), "kiosks", String.valueOf(s.kiosks()),
                    "seed", String.valueOf(s.seed())));
            report.put("kills", downtimesMs.size()).put("requests", load.scheduled()).put("ticketsAnswered", load.ok())
                    .put("reconnects", load.reconnects()).put("unansweredAtEnd", unansweredAtEnd)
                    .put("restartMs", new JsonArray(new ArrayList<>(downtimesMs))).put("passed", passed)
                    .put("workDir", s.workDir().toString());
            report.line(String.format("%d SIGKILLs; %d requests, %d answered with a ticket, %d left unanswered;"
                            + " %d kiosk reconnections; restarts took %s ms", downtimesMs.size(), load.scheduled(),
                    load.ok(), unansweredAtEnd, load.reconnects(), downtimesMs));
            report.errors(load.errors());
            AuditCommand.report(report, audit);
            report.line(passed ? "crash test PASSED" : "crash test FAILED (work dir " + s.workDir() + ")");
            return report;
        } finally {
            gateway.stop();
            Common.close(vertx);
        }
    }
}
