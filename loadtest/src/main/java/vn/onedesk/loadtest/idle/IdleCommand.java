package vn.onedesk.loadtest.idle;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.loadtest.report.ProcessProbe;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.protocol.Topic;

/**
 * {@code idle --connections N --gateway-pid PID}: N device connections that only keep alive (each display
 * subscribed to its centre's calls, as a hall display is), and what they cost the server: resident
 * memory and, for a JVM, live heap after a full collection, before and after, per connection.
 */
public final class IdleCommand {
    private IdleCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        int connections = o.integer("connections", 1000);
        String target = o.string("target", "onedesk");
        boolean jvm = o.flag("heap", target.equals("onedesk"));
        Duration settle = o.duration("settle", Duration.ofSeconds(10));
        Duration hold = o.duration("hold", Duration.ofSeconds(30));
        boolean subscribe = o.flag("subscribe", true);
        ProcessProbe server = Common.probe(o);
        if (server == null) {
            throw new Options.UsageException("--gateway-pid is required: the point is the server's memory");
        }
        long pid = server.pid();
        Fleet fleet = Common.fleet(o);
        CentreDefinition centre = fleet.centre(o.string("centre", fleet.firstCentre()));
        List<Device> devices = fleet.devices(centre.id(), DeviceRole.DISPLAY);
        if (devices.isEmpty()) {
            throw new Options.UsageException("the configuration has no DISPLAY device in " + centre.id());
        }
        var endpoint = Common.endpoint(o, connections);
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        checkFiles("the server", server.openFilesLimit(), connections);
        checkFiles("this load generator", ProcessProbe.of(ProcessHandle.current().pid()).openFilesLimit(), connections);
        String runId = TicketLoad.newRunId();
        String calls = new Topic.Calls(centre.id()).name();
        try {
            List<Context> lanes = Common.lanes(vertx);
            ProcessProbe.Sample before = server.sample();
            OptionalLong heapBefore = jvm ? server.heapUsedBytes(true) : OptionalLong.empty();
            before = server.sample();
            long connectStart = System.nanoTime();
            List<MqttConnection> open = Common.await(Connector.openAll(vertx, endpoint, connections, 200, i -> {
                Device d = devices.get(i % devices.size());
                return new Connector.Plan(lanes.get(i % lanes.size()), new MqttConnection.Spec(
                        "lt-" + runId + "-" + d.id() + "-" + i, d.id(), fleet.password(), m -> { }, null),
                        subscribe ? Map.of(calls, 1) : Map.of());
            }), 3600);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            out.printf("connected %d idle connections in %.1f s (%.0f/s); settling %s%n", connections, connectSeconds,
                    connections / connectSeconds, settle);
            Thread.sleep(settle.toMillis());
            ProcessProbe.Sample settled = server.sample();
            Thread.sleep(hold.toMillis());
            ProcessProbe.Sample after = server.sample();
            OptionalLong heapAfter = jvm ? server.heapUsedBytes(true) : OptionalLong.empty();
            long stillOpen = open.stream().filter(MqttConnection::isOpen).count();

            RunReport report = new RunReport("idle", target, o.given());
            double rssPer = (after.rssKb() - before.rssKb()) * 1024.0 / connections;
            double treeRssPer = (after.treeRssKb() - before.treeRssKb()) * 1024.0 / connections;
            report.put("connections", connections).put("connectSeconds", round(connectSeconds))
                    .put("stillOpen", stillOpen)
                    .put("rssBeforeMb", before.rssKb() / 1024.0).put("rssAfterMb", after.rssKb() / 1024.0)
                    .put("rssBytesPerConnection", round(rssPer))
                    .put("treeRssBytesPerConnection", round(treeRssPer))
                    .put("idleCpuPercent", round(ProcessProbe.cpuPercent(settled.treeCpuTicks(),
                            after.treeCpuTicks(), settled.nanos(), after.nanos())));
            report.line(String.format("%d idle connections (%s), %d still open after %s: connected at %.0f/s",
                    connections, subscribe ? "each subscribed to calls" : "no subscriptions", stillOpen, hold,
                    connections / connectSeconds));
            report.line(String.format("server RSS %.0f MB -> %.0f MB: %.1f KB per connection (with children and database %.1f KB)",
                    before.rssKb() / 1024.0, after.rssKb() / 1024.0, rssPer / 1024, treeRssPer / 1024));
            if (heapBefore.isPresent() && heapAfter.isPresent()) {
                double heapPer = (heapAfter.getAsLong() - heapBefore.getAsLong()) / (double) connections;
                report.put("heapBeforeMb", heapBefore.getAsLong() / 1048576.0)
                        .put("heapAfterMb", heapAfter.getAsLong() / 1048576.0)
                        .put("heapBytesPerConnection", round(heapPer));
                report.line(String.format("live heap after full GC %.1f MB -> %.1f MB: %.1f KB per connection",
                        heapBefore.getAsLong() / 1048576.0, heapAfter.getAsLong() / 1048576.0, heapPer / 1024));
            }
            report.line(String.format("server CPU while idle: %.1f%% of a core",
                    report.results().getDouble("idleCpuPercent")));
            report.server(new JsonObject().put("pid", pid).put("cpuPercent", report.results().getDouble("idleCpuPercent"))
                    .put("treeCpuPercent", report.results().getDouble("idleCpuPercent"))
                    .put("rssMb", after.rssKb() / 1024.0).put("peakRssMb", after.rssKb() / 1024.0)
                    .put("treeRssMb", after.treeRssKb() / 1024.0));
            if (stillOpen < connections) {
                report.note((connections - stillOpen) + " connections were closed during the hold");
            }
            Common.finish(o, report, out);
            List<Future<Void>> closing = new ArrayList<>();
            open.forEach(c -> closing.add(c.close().recover(e -> Future.succeededFuture())));
            Common.await(Future.all(closing), 600);
            return stillOpen == connections ? 0 : 1;
        } finally {
            Common.close(vertx);
        }
    }

    private static void checkFiles(String who, long limit, int connections) {
        if (limit >= 0 && limit < connections + 100L) {
            throw new Options.UsageException(who + " may open only " + limit + " files, too few for " + connections
                    + " connections; raise `ulimit -n` before starting it (or ask for fewer connections)");
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
