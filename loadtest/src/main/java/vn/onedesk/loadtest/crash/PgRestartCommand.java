package vn.onedesk.loadtest.crash;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.onedesk.loadtest.bench.BenchConfig;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.Lanes;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.loadtest.tickets.TicketLog;
import vn.onedesk.loadtest.tickets.TicketsCommand;

/**
 * {@code pg-restart --pg-url URL --stop-command CMD --start-command CMD}: the gateway (runnable jar) on an
 * external PostgreSQL, kiosks taking tickets, and the database stopped under load for {@code --down}
 * then started again. Passes when every request was answered within {@code --bound} while the database
 * was away (UNAVAILABLE, not silence), the gateway issued tickets again within {@code --recover-within}
 * of the database's return without being restarted, and {@link TicketAudit} finds nothing lost or
 * half-written.
 */
public final class PgRestartCommand {
    private PgRestartCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        String pgUrl = o.required("pg-url");
        String stop = o.required("stop-command");
        String start = o.required("start-command");
        Path jar = Path.of(o.string("gateway-jar", "gateway/target/onedesk-gateway.jar"));
        Path workDir = o.get("work-dir").map(Path::of).orElse(null);
        workDir = workDir != null ? workDir : Files.createTempDirectory("onedesk-pg-restart");
        double rate = o.number("rate", 200);
        int kioskCount = o.integer("kiosks", 20);
        Duration down = o.duration("down", Duration.ofSeconds(10));
        Duration bound = o.duration("bound", Duration.ofSeconds(5));
        Duration recoverWithin = o.duration("recover-within", Duration.ofSeconds(60));
        o.rejectUnused();

        Files.createDirectories(workDir);
        Path config = workDir.resolve("pg-restart-config.json");
        BenchConfig.write(new BenchConfig.Settings(null, 1, kioskCount, 1, BenchConfig.DEFAULT_PASSWORD,
                BenchConfig.DEFAULT_ITERATIONS), config);
        Fleet fleet = Fleet.load(config, BenchConfig.DEFAULT_PASSWORD);
        String centre = fleet.firstCentre();
        int mqttPort = GatewayProcess.freePort();
        GatewayProcess gateway = new GatewayProcess(jar, "512m", Map.of("ONEDESK_CONFIG", config.toString(),
                "ONEDESK_PG_URL", pgUrl), workDir.resolve("gateway.log"), mqttPort, GatewayProcess.freePort());
        Path ticketLog = workDir.resolve("kiosk-tickets.jsonl");
        Vertx vertx = Vertx.vertx();
        out.printf("PostgreSQL restart under load: %s tickets/s from %d kiosks, database down for %s; work dir %s%n",
                rate, kioskCount, down, workDir);
        try (TicketLog log = new TicketLog(ticketLog)) {
            gateway.start(Duration.ofSeconds(120));
            TicketLoad load = new TicketLoad(vertx, new TicketLoad.Settings(rate, Duration.ZERO, null,
                    MqttQoS.AT_LEAST_ONCE, Endpoint.forConnections("127.0.0.1", mqttPort, kioskCount),
                    TicketsCommand.kiosks(fleet, centre, kioskCount), fleet.password(),
                    TicketsCommand.services(fleet, centre, null), Duration.ofSeconds(30), true,
                    Duration.ofMillis(500), bound, log, TicketLoad.newRunId()));
            Common.await(load.connect(Common.await(Lanes.start(vertx, 2), 30)), 300);
            Thread runner = new Thread(() -> {
                try {
                    load.run(null, Duration.ofSeconds(120));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pg-restart-load");
            runner.start();
            Thread.sleep(5000);
            long okBefore = load.ok();
            long overBoundBefore = load.overBound();
            out.println("stopping PostgreSQL: " + stop);
            shell(stop);
            long stoppedAt = System.nanoTime();
            java.util.Set<Integer> readyWhileDown = new java.util.TreeSet<>();
            long unavailableAtStop = load.errors().getOrDefault("UNAVAILABLE", 0L);
            long overBoundAtStop = load.overBound();
            while (System.nanoTime() - stoppedAt < down.toNanos()) {
                readyWhileDown.add(gateway.readiness());
                Thread.sleep(200);
            }
            long silentWhileDown = load.overBound() - overBoundAtStop;
            long unavailableWhileDown = load.errors().getOrDefault("UNAVAILABLE", 0L) - unavailableAtStop;
            long okWhileDown = load.ok();
            out.println("starting PostgreSQL: " + start);
            shell(start);
            long startedAt = System.nanoTime();
            double recoverySeconds = Double.NaN;
            while (System.nanoTime() - startedAt < recoverWithin.toNanos()) {
                if (load.ok() > okWhileDown + 10 && gateway.readiness() == 200) {
                    recoverySeconds = (System.nanoTime() - startedAt) / 1e9;
                    break;
                }
                Thread.sleep(100);
            }
            Thread.sleep(5000);
            load.stopSchedule();
            runner.join();
            Common.await(load.close(), 30);
            log.flush();
            long unansweredAtEnd = load.errors().getOrDefault("UNANSWERED", 0L);
            long silent = load.overBound() - overBoundBefore;
            TicketAudit.Result audit = TicketAudit.run(vertx, pgUrl, TicketLog.read(ticketLog));
            boolean recovered = !Double.isNaN(recoverySeconds);
            // the bound is about the outage: kiosks must hear UNAVAILABLE, not silence, while the database is away;
            // how slowly a recovering gateway works off the retries is reported, not judged
            boolean passed = audit.passed() && recovered && silentWhileDown == 0 && unansweredAtEnd == 0
                    && unavailableWhileDown > 0 && gateway.alive();

            RunReport report = new RunReport("pg-restart", "onedesk", Map.of("rate", String.valueOf(rate),
                    "down", down.toString(), "bound", bound.toString()));
            report.put("ticketsBeforeStop", okBefore).put("unavailableWhileDown", unavailableWhileDown)
                    .put("requestsUnansweredLongerThanBound", silent)
                    .put("maxAnswerMs", Math.round(load.maxAnswerMillis()))
                    .put("healthWhileDown", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(readyWhileDown)))
                    .put("requestsUnansweredLongerThanBoundWhileDown", silentWhileDown)
                    .put("recoverySeconds", recovered ? Math.round(recoverySeconds * 10) / 10.0 : null)
                    .put("unansweredAtEnd", unansweredAtEnd).put("gatewayStillRunning", gateway.alive())
                    .put("passed", passed).put("workDir", workDir.toString());
            report.line(String.format("database down %s: %d UNAVAILABLE answers; %d requests unanswered for more than"
                            + " %s (%d while the database was down); longest wait for any answer %d ms;"
                            + " /health/ready answered %s while down (-1: no answer within 5 s)", down,
                    unavailableWhileDown, silent, bound, silentWhileDown, Math.round(load.maxAnswerMillis()),
                    readyWhileDown));
            report.line(recovered
                    ? String.format("the gateway issued tickets again %.1f s after PostgreSQL was started, by itself",
                    recoverySeconds)
                    : "the gateway did NOT issue tickets again within " + recoverWithin + " of PostgreSQL's return;"
                    + " see " + workDir.resolve("gateway.log"));
            report.latency("every answer, from the request's last send", load.answers());
            report.errors(load.errors());
            AuditCommand.report(report, audit);
            report.line(passed ? "PostgreSQL restart check PASSED" : "PostgreSQL restart check FAILED");
            Common.finish(o, report, out);
            return passed ? 0 : 1;
        } finally {
            gateway.stop();
            Common.close(vertx);
        }
    }

    private static void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("'" + command + "' failed");
        }
    }
}
