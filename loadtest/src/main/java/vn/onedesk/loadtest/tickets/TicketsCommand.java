package vn.onedesk.loadtest.tickets;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.report.ServerWatch;

/** {@code tickets --rate R --kiosks K --duration D}: the open-loop ticket round trip. */
public final class TicketsCommand {
    private TicketsCommand() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        double rate = o.number("rate", 100);
        int kioskCount = o.integer("kiosks", 200);
        Duration duration = o.duration("duration", Duration.ofSeconds(60));
        Duration warmup = o.duration("warmup", Duration.ofSeconds(10));
        MqttQoS qos = MqttQoS.valueOf(o.integer("qos", 1));
        String target = o.string("target", "onedesk");
        if (!target.equals("onedesk") && !target.equals("echo")) {
            throw new Options.UsageException("--target must be onedesk or echo");
        }
        Fleet fleet = Common.fleet(o);
        List<TicketLoad.KioskDevice> kiosks = kiosks(fleet, o.string("centre", fleet.firstCentre()), kioskCount);
        List<String> services = services(fleet, kiosks.get(0).centre(), o.get("services").orElse(null));
        Duration timeout = o.duration("timeout", Duration.ofSeconds(10));
        Path logFile = o.get("log").map(Path::of).orElse(null);
        o.flag("sustain", false); // a label: this run is a step of the search for the highest sustained rate
        ServerWatch watch = Common.watch(o, target.equals("onedesk"));
        var endpoint = Common.endpoint(o, kiosks.size());
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        TicketLog log = logFile == null ? null : new TicketLog(logFile);
        try {
            TicketLoad load = new TicketLoad(vertx, new TicketLoad.Settings(rate, warmup, duration, qos, endpoint,
                    kiosks, fleet.password(), services, timeout, false, Duration.ofMillis(500), timeout, log,
                    TicketLoad.newRunId()));
            long connectStart = System.nanoTime();
            Common.await(load.connect(Common.lanes(vertx)), 600);
            out.printf("connected %d kiosks in %.1f s; %s/s for %s after %s of warm-up%n", kiosks.size(),
                    (System.nanoTime() - connectStart) / 1e9, fmt(rate), duration, warmup);
            load.run(watch::start, timeout);
            var server = watch.stop();
            Common.await(load.close(), 30);
            RunReport report = new RunReport("tickets", target, o.given());
            long measured = load.measuredSent();
            double throughput = load.measuredOk() / (duration.toNanos() / 1e9);
            report.put("rate", rate).put("kiosks", kiosks.size())
                    .put("centres", kiosks.stream().map(TicketLoad.KioskDevice::centre).distinct().count())
                    .put("qos", qos.value())
                    .put("durationSeconds", duration.toSeconds()).put("warmupSeconds", warmup.toSeconds())
                    .put("sent", measured).put("ok", load.measuredOk()).put("throughputPerSecond", round(throughput))
                    .put("lateOrRepeatedResponses", load.lateOrRepeated())
                    .put("maxPacerLagMs", round(load.maxPacerLagMillis()));
            report.line(String.format("%s kiosks in %d centre(s), %s tickets/s offered, QoS %d, %s measured after %s"
                            + " warm-up", kiosks.size(), kiosks.stream().map(TicketLoad.KioskDevice::centre).distinct()
                            .count(), fmt(rate), qos.value(), duration, warmup));
            report.line(String.format("sent %d, tickets %d, throughput %.1f/s", measured, load.measuredOk(),
                    throughput));
            report.latency("latency from scheduled send to response", load.latencies());
            report.errors(load.errors());
            report.server(server);
            if (load.maxPacerLagMillis() > 5) {
                report.note(String.format("the load generator itself fell up to %.1f ms behind its schedule;"
                        + " that delay is inside the latencies (measured from the schedule)", load.maxPacerLagMillis()));
            }
            Common.finish(o, report, out);
            return 0;
        } finally {
            if (log != null) {
                log.close();
            }
            Common.close(vertx);
        }
    }

    /** The first {@code count} kiosk devices of the centre ("all": of every centre, taken in turn). */
    public static List<TicketLoad.KioskDevice> kiosks(Fleet fleet, String centre, int count) {
        List<String> centres = centre.equals("all") ? fleet.centres().stream().map(CentreDefinition::id).toList()
                : List.of(fleet.centre(centre).id());
        List<List<TicketLoad.KioskDevice>> perCentre = new ArrayList<>();
        int available = 0;
        for (String c : centres) {
            List<TicketLoad.KioskDevice> ks = fleet.devices(c, DeviceRole.KIOSK).stream()
                    .map(d -> new TicketLoad.KioskDevice(d.id(), c)).toList();
            perCentre.add(ks);
            available += ks.size();
        }
        if (available < count) {
            throw new Options.UsageException("the configuration has " + available + " kiosk(s) in " + centre
                    + ", fewer than --kiosks " + count + "; write one with: config --kiosks " + count + " --out FILE");
        }
        List<TicketLoad.KioskDevice> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < count; i++) {
            List<TicketLoad.KioskDevice> ks = perCentre.get(i % perCentre.size());
            int k = i / perCentre.size();
            if (k < ks.size()) {
                chosen.add(ks.get(k));
            }
        }
        return chosen;
    }

    public static List<String> services(Fleet fleet, String centre, String given) {
        if (given != null) {
            return Arrays.asList(given.split(","));
        }
        return fleet.centre(centre).services().stream().map(ServiceField::code).toList();
    }

    static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
