package vn.onedesk.loadtest.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import vn.onedesk.loadtest.cli.Options;

/**
 * {@code report --dir RUNS --out docs/benchmarks.md}: the JSON reports of a benchmark run (several
 * repetitions of each scenario) as one Markdown page: for every figure the median over repetitions and
 * the range, OneDesk beside its baseline, and the targets checked. The machine and the commands
 * come from {@code machine.txt} and {@code commands.txt} in the same directory.
 */
public final class ReportCommand {
    private ReportCommand() {
    }

    public static int run(Options o, PrintStream out) throws IOException {
        Path dir = Path.of(o.required("dir"));
        Path file = Path.of(o.string("out", "docs/benchmarks.md"));
        String banner = o.string("banner", "");
        o.rejectUnused();
        List<JsonObject> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                runs.add(new JsonObject(Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        String md = markdown(runs, read(dir, "commands.txt"), read(dir, "machine.txt"), banner);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, md, StandardCharsets.UTF_8);
        out.println("wrote " + file + " from " + runs.size() + " reports in " + dir);
        return 0;
    }

    static String markdown(List<JsonObject> runs, String commands, String machine, String banner) {
        StringBuilder s = new StringBuilder();
        s.append("# OneDesk benchmarks\n\n");
        if (!banner.isBlank()) {
            s.append("> **").append(banner.strip()).append("**\n\n");
        }
        s.append("Written by `scripts/benchmarks.sh` from the load tool's JSON reports. Every figure is the **median**"
                + " over the repetitions, with the range (min–max) beside it. The server runs on CPU 0 and the load"
                + " on CPU 1 (`taskset`). Latencies are in milliseconds, measured by the load tool (open loop: from"
                + " each request's *scheduled* send time, so a server that falls behind shows it).\n\n");
        s.append("## Commands\n\n```sh\n").append(commands.strip()).append("\n```\n\n");
        s.append("## Machine\n\n```\n").append(machine.strip()).append("\n```\n\n");
        tickets(s, runs);
        fanout(s, runs);
        idle(s, runs);
        day(s, runs);
        notes(s, runs);
        return s.toString();
    }

    // --- 1. tickets ---

    private static void tickets(StringBuilder s, List<JsonObject> runs) {
        s.append("## 1. Ticket round trip (QoS 1)\n\n");
        Map<String, List<JsonObject>> groups = group(runs, r -> r.getString("scenario").equals("tickets")
                && !r.getJsonObject("options").containsKey("sustain"),
                r -> r.getString("target") + "|" + (long) res(r).getDouble("rate").doubleValue());
        if (groups.isEmpty()) {
            s.append("Not run.\n\n");
            return;
        }
        s.append("| tickets/s offered | kiosks in centres | system | p50 | p99 | p99.9 | max | throughput/s | errors |"
                + " server CPU % (with its DB or echo responder) | server RSS MB (same) |\n|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
        Set<Long> rates = new java.util.TreeSet<>();
        groups.keySet().forEach(k -> rates.add(Long.parseLong(k.split("\\|")[1])));
        for (long rate : rates) {
            for (String target : List.of("onedesk", "echo")) {
                List<JsonObject> g = groups.get(target + "|" + rate);
                if (g == null) {
                    continue;
                }
                s.append("| ").append(rate).append(" | ").append(res(g.get(0)).getValue("kiosks")).append(" in ")
                        .append(res(g.get(0)).getValue("centres", 1)).append(" | ")
                        .append(target.equals("onedesk") ? "OneDesk (durable)" : "Mosquitto + echo (no DB)")
                        .append(" | ").append(stat(g, r -> lat(r, "latency", "p50")))
                        .append(" | ").append(stat(g, r -> lat(r, "latency", "p99")))
                        .append(" | ").append(stat(g, r -> lat(r, "latency", "p999")))
                        .append(" | ").append(stat(g, r -> lat(r, "latency", "max")))
                        .append(" | ").append(stat(g, r -> res(r).getDouble("throughputPerSecond")))
                        .append(" | ").append(errors(g))
                        .append(" | ").append(stat(g, r -> server(r, "treeCpuPercent")))
                        .append(" | ").append(stat(g, r -> server(r, "peakTreeRssMb"))).append(" |\n");
            }
        }
        s.append("\n");
        // highest sustained rate with p99 under 50 ms, next to pgbench
        List<JsonObject> sustain = runs.stream().filter(r -> r.getString("scenario").equals("tickets")
                && r.getJsonObject("options").containsKey("sustain")).toList();
        Map<Integer, List<JsonObject>> pg = new TreeMap<>();
        runs.stream().filter(r -> r.getString("scenario").equals("pgbench"))
                .forEach(r -> pg.computeIfAbsent(res(r).getInteger("clients"), c -> new ArrayList<>()).add(r));
        if (!sustain.isEmpty()) {
            long best = sustain.stream().filter(ReportCommand::sustained)
                    .mapToLong(r -> Math.round(res(r).getDouble("rate"))).max().orElse(0);
            s.append("**Highest rate OneDesk sustained with p99 under 50 ms and no errors:** ")
                    .append(best == 0 ? "none of the rates tried" : best + " tickets/s").append(" (tried ")
                    .append(sustain.stream().map(r -> Math.round(res(r).getDouble("rate")) + "/s: p99 "
                            + fmt(lat(r, "latency", "p99")) + " ms" + (sustained(r) ? "" : " ✗")).toList())
                    .append(").\n\n");
        }
        if (!pg.isEmpty()) {
            s.append("| pgbench on the gateway's PostgreSQL, one ticket row per transaction | transactions/s |"
                    + " mean latency ms |\n|---|---:|---:|\n");
            pg.forEach((clients, g) -> s.append("| ").append(clients).append(clients == 1 ? " client (one commit at a"
                            + " time)" : " clients (commits share WAL flushes)").append(" | ")
                    .append(stat(g, r -> res(r).getDouble("tps"))).append(" | ")
                    .append(stat(g, r -> res(r).getDouble("latencyMs"))).append(" |\n"));
            s.append("\n");
        }
        // target (issue 15): p99 at 1000/s <= 3 x (echo p99 + one commit)
        List<JsonObject> od = groups.get("onedesk|1000");
        List<JsonObject> echo = groups.get("echo|1000");
        List<JsonObject> pg1 = pg.get(1);
        if (od != null && echo != null && pg1 != null) {
            double odP99 = median(od, r -> lat(r, "latency", "p99"));
            double limit = 3 * (median(echo, r -> lat(r, "latency", "p99")) + median(pg1, r -> res(r).getDouble("latencyMs")));
            s.append(verdict(odP99 <= limit, String.format("ticket p99 at 1,000/s: OneDesk %.1f ms against a limit of"
                    + " 3 × (Mosquitto's echo p99 + one PostgreSQL commit) = %.1f ms", odP99, limit)));
        }
        if (!sustain.isEmpty() && pg1 != null) {
            long best = sustain.stream().filter(ReportCommand::sustained)
                    .mapToLong(r -> Math.round(res(r).getDouble("rate"))).max().orElse(0);
            double pgTps = median(pg1, r -> res(r).getDouble("tps"));
            s.append(verdict(best >= pgTps, String.format("sustained durable tickets/s: OneDesk %s against pgbench's"
                    + " one-row-per-commit %.0f/s: %.2f× (target 1.0×, stretch 1.5×)",
                    best == 0 ? "none of the rates tried" : best + "/s", pgTps, best / pgTps)));
        }
        s.append("\n");
    }

    private static boolean sustained(JsonObject r) {
        double p99 = lat(r, "latency", "p99");
        return !Double.isNaN(p99) && p99 < 50 && res(r).getJsonObject("errors", new JsonObject()).isEmpty()
                && res(r).getDouble("throughputPerSecond") >= 0.98 * res(r).getDouble("rate");
    }

    // --- 2. fan-out ---

    private static void fanout(StringBuilder s, List<JsonObject> runs) {
        s.append("## 2. Call fan-out to displays (QoS 1)\n\n");
        Map<String, List<JsonObject>> groups = group(runs, r -> r.getString("scenario").equals("fanout"),
                r -> res(r).getInteger("displays") + "|" + res(r).getDouble("callsPerSecond") + "|" + r.getString("target"));
        if (groups.isEmpty()) {
            s.append("Not run.\n\n");
            return;
        }
        s.append("| displays | calls/s | system | per delivery p50 | p99 | until the last display p50 | p99 |"
                + " calls missing a display | server CPU % | load generator CPU % |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparing((String k) -> Integer.parseInt(k.split("\\|")[0]))
                .thenComparing(k -> Double.parseDouble(k.split("\\|")[1]))
                .thenComparing(k -> k.split("\\|")[2].equals("onedesk") ? 0 : 1));
        for (String k : keys) {
            List<JsonObject> g = groups.get(k);
            String[] p = k.split("\\|");
            s.append("| ").append(p[0]).append(" | ").append(fmt(Double.parseDouble(p[1]))).append(" | ")
                    .append(p[2].equals("onedesk") ? "OneDesk (CALL_NEXT, committed)" : "Mosquitto (publisher)")
                    .append(" | ").append(stat(g, r -> lat(r, "delivery", "p50")))
                    .append(" | ").append(stat(g, r -> lat(r, "delivery", "p99")))
                    .append(" | ").append(stat(g, r -> lat(r, "lastDisplay", "p50")))
                    .append(" | ").append(stat(g, r -> lat(r, "lastDisplay", "p99")))
                    .append(" | ").append(stat(g, r -> res(r).getDouble("callsNotReachingEveryDisplay")))
                    .append(" | ").append(stat(g, r -> server(r, "treeCpuPercent")))
                    .append(" | ").append(stat(g, r -> res(r).getJsonObject("loadGenerator", new JsonObject())
                            .getDouble("cpuPercent", Double.NaN))).append(" |\n");
        }
        s.append("\n");
        for (String k : keys) {
            if (k.endsWith("|onedesk")) {
                List<JsonObject> other = groups.get(k.replace("|onedesk", "|mosquitto"));
                if (other != null) {
                    double a = median(groups.get(k), r -> lat(r, "delivery", "p99"));
                    double b = median(other, r -> lat(r, "delivery", "p99"));
                    String[] p = k.split("\\|");
                    s.append(verdict(a <= b, String.format("fan-out p99 to %s displays at %s calls/s: OneDesk %.1f ms,"
                            + " Mosquitto %.1f ms (OneDesk's includes the commit of CALL_NEXT)", p[0],
                            fmt(Double.parseDouble(p[1])), a, b)));
                    if (Integer.parseInt(p[0]) >= 10_000) {
                        double lastA = median(groups.get(k), r -> lat(r, "lastDisplay", "p99"));
                        double lastB = median(other, r -> lat(r, "lastDisplay", "p99"));
                        double lost = groups.get(k).stream().mapToDouble(r -> res(r).getDouble(
                                "callsNotReachingEveryDisplay", 0.0)).max().orElse(0);
                        // a baseline that lost calls has no "last display" for them: it cannot be the faster one
                        s.append(verdict(lost == 0 && (Double.isNaN(lastB) || lastA <= lastB), String.format(
                                "time until the last of %s displays has a call (p99) at %s calls/s: OneDesk %.1f ms,"
                                        + " Mosquitto %.1f ms; calls that missed a display in OneDesk's worst run: %.0f",
                                p[0], fmt(Double.parseDouble(p[1])), lastA, lastB, lost)));
                    }
                }
            }
        }
        s.append("\n");
    }

    // --- 3. idle ---

    private static void idle(StringBuilder s, List<JsonObject> runs) {
        s.append("## 3. Idle device connections\n\n");
        Map<String, List<JsonObject>> groups = group(runs, r -> r.getString("scenario").equals("idle"),
                r -> res(r).getInteger("connections") + "|" + r.getString("target"));
        if (groups.isEmpty()) {
            s.append("Not run.\n\n");
            return;
        }
        s.append("The gateway's heap is committed and touched at start (`-Xms1g -Xmx1g -XX:+AlwaysPreTouch`), so its RSS"
                + " growth is memory outside the heap (buffers, native); the live heap after a full GC is added to it"
                + " for the total. Mosquitto's total is its RSS growth.\n\n");
        s.append("| connections | system | RSS growth per connection KB | live heap per connection KB | total KB |"
                + " connect rate/s | idle CPU % |\n|---:|---|---:|---:|---:|---:|---:|\n");
        for (String k : new TreeMap<>(groups).keySet()) {
            List<JsonObject> g = groups.get(k);
            String[] p = k.split("\\|");
            s.append("| ").append(p[0]).append(" | ").append(p[1].equals("onedesk") ? "OneDesk" : "Mosquitto")
                    .append(" | ").append(stat(g, r -> res(r).getDouble("rssBytesPerConnection") / 1024))
                    .append(" | ").append(stat(g, r -> res(r).getDouble("heapBytesPerConnection", Double.NaN) / 1024))
                    .append(" | ").append(stat(g, r -> perConnection(r) / 1024))
                    .append(" | ").append(stat(g, r -> res(r).getInteger("connections") / res(r).getDouble("connectSeconds")))
                    .append(" | ").append(stat(g, r -> res(r).getDouble("idleCpuPercent"))).append(" |\n");
        }
        s.append("\n");
        for (String k : groups.keySet()) {
            if (k.endsWith("|onedesk") && groups.containsKey(k.replace("|onedesk", "|mosquitto"))) {
                double a = median(groups.get(k), ReportCommand::perConnection);
                double b = median(groups.get(k.replace("|onedesk", "|mosquitto")), ReportCommand::perConnection);
                s.append(verdict(a <= 4 * b, String.format("memory per idle connection (%s): OneDesk %.1f KB,"
                        + " Mosquitto %.1f KB: %.1f× (target: within 4×)", k.split("\\|")[0], a / 1024, b / 1024, a / b)));
            }
        }
        s.append("\n");
    }

    /** RSS growth plus, for a JVM, live heap growth, per connection. */
    private static double perConnection(JsonObject r) {
        double heap = res(r).getDouble("heapBytesPerConnection", 0.0);
        return res(r).getDouble("rssBytesPerConnection") + Math.max(0, heap);
    }

    // --- 4. day ---

    private static void day(StringBuilder s, List<JsonObject> runs) {
        s.append("## 4. A simulated day\n\n");
        List<JsonObject> days = runs.stream().filter(r -> r.getString("scenario").equals("day")).toList();
        if (days.isEmpty()) {
            s.append("Not run.\n\n");
            return;
        }
        s.append("| centres | speed | wall time | arrivals | ticket p50 | p99 | max | counter command p99 | errors |"
                + " live heap start → end MB | server CPU % |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (JsonObject r : days) {
            JsonObject x = res(r);
            s.append("| ").append(x.getValue("centres")).append(" | ").append(fmt(x.getDouble("speed"))).append("× | ")
                    .append(x.getLong("durationSeconds")).append(" s | ").append(x.getValue("arrivals")).append(" | ")
                    .append(fmt(lat(r, "ticket", "p50"))).append(" | ").append(fmt(lat(r, "ticket", "p99")))
                    .append(" | ").append(fmt(lat(r, "ticket", "max"))).append(" | ")
                    .append(fmt(lat(r, "counterCommand", "p99"))).append(" | ").append(errors(List.of(r)))
                    .append(" | ").append(fmt(x.getDouble("liveHeapStartMb", Double.NaN))).append(" → ")
                    .append(fmt(x.getDouble("liveHeapEndMb", Double.NaN))).append(" | ")
                    .append(fmt(server(r, "treeCpuPercent"))).append(" |\n");
        }
        for (JsonObject r : days) {
            JsonArray intervals = res(r).getJsonArray("intervals", new JsonArray());
            double worst = intervals.stream().map(i -> (JsonObject) i).filter(j -> j.containsKey("p99"))
                    .mapToDouble(j -> j.getDouble("p99")).max().orElse(Double.NaN);
            s.append(verdict(worst <= 100, String.format("ticket p99 in every simulated hour ≤ 100 ms: the worst"
                    + " interval's is %s ms", fmt(worst))));
            double commands = lat(r, "counterCommand", "p99");
            s.append(verdict(commands <= 100, String.format("counter command p99 ≤ 100 ms: %s ms", fmt(commands))));
            double settled = res(r).getDouble("liveHeapSettledMb", Double.NaN);
            double end = res(r).getDouble("liveHeapEndMb", Double.NaN);
            if (!Double.isNaN(settled) && !Double.isNaN(end)) {
                // "flat": what the live heap holds at the end is within a fifth of what it held once settled
                s.append(verdict(end <= settled * 1.2, String.format("live heap flat after the first minutes (end"
                        + " within 1.2× of the settled figure): %s MB settled, %s MB at the end", fmt(settled),
                        fmt(end))));
            }
        }
        s.append("\nTicket p99 per interval (ms), to see whether latencies stay flat through the day:\n\n");
        for (JsonObject r : days) {
            JsonArray intervals = res(r).getJsonArray("intervals", new JsonArray());
            s.append("- ").append(intervals.stream().map(i -> {
                JsonObject j = (JsonObject) i;
                return j.getString("simulatedTime", "").replaceAll(":\\d\\d(\\.\\d+)?$", "") + " "
                        + (j.containsKey("p99") ? fmt(j.getDouble("p99")) : "–");
            }).toList()).append("\n");
        }
        s.append("\n");
    }

    private static void notes(StringBuilder s, List<JsonObject> runs) {
        Set<String> notes = new LinkedHashSet<>();
        for (JsonObject r : runs) {
            r.getJsonArray("notes", new JsonArray()).forEach(n -> notes.add(r.getString("scenario") + " ("
                    + r.getString("target") + "): " + n));
        }
        if (!notes.isEmpty()) {
            s.append("## Notes from the runs\n\n");
            notes.forEach(n -> s.append("- ").append(n).append("\n"));
            s.append("\n");
        }
    }

    // --- helpers ---

    private static Map<String, List<JsonObject>> group(List<JsonObject> runs, java.util.function.Predicate<JsonObject> which,
                                                       Function<JsonObject, String> key) {
        Map<String, List<JsonObject>> groups = new LinkedHashMap<>();
        runs.stream().filter(which).forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups;
    }

    private static JsonObject res(JsonObject r) {
        return r.getJsonObject("results", new JsonObject());
    }

    private static double lat(JsonObject r, String name, String field) {
        JsonObject l = res(r).getJsonObject(name);
        return l == null || !l.containsKey(field) ? Double.NaN : l.getDouble(field);
    }

    private static double server(JsonObject r, String field) {
        JsonObject sv = r.getJsonObject("server");
        return sv == null || !sv.containsKey(field) ? Double.NaN : sv.getDouble(field);
    }

    private static String errors(List<JsonObject> g) {
        Map<String, Long> total = new TreeMap<>();
        for (JsonObject r : g) {
            res(r).getJsonObject("errors", new JsonObject()).forEach(e -> total.merge(e.getKey(),
                    ((Number) e.getValue()).longValue(), Long::sum));
        }
        return total.isEmpty() ? "none" : total.toString().replaceAll("[{}]", "") + (g.size() > 1 ? " (all runs)" : "");
    }

    private static double median(List<JsonObject> g, Function<JsonObject, Double> f) {
        List<Double> v = g.stream().map(f).filter(Objects::nonNull).filter(d -> !d.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** "12.3 (11.0–14.2)", or the single value for one repetition. */
    private static String stat(List<JsonObject> g, Function<JsonObject, Double> f) {
        List<Double> v = g.stream().map(f).filter(Objects::nonNull).filter(d -> !d.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return "–";
        }
        double m = median(g, f);
        return v.size() == 1 ? fmt(m) : fmt(m) + " (" + fmt(v.get(0)) + "–" + fmt(v.get(v.size() - 1)) + ")";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format("%,d", (long) v);
        }
        if (Math.abs(v) >= 100) {
            return String.format("%,.0f", v);
        }
        return Math.abs(v) >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    private static String verdict(boolean met, String text) {
        return "- " + (met ? "**met**: " : "**not met**: ") + text + "\n";
    }

    /** The file in the reports' directory or the one above it (where benchmarks.sh keeps it). */
    private static String read(Path dir, String name) throws IOException {
        for (Path p : new Path[] {dir.resolve(name), dir.toAbsolutePath().getParent().resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return Files.readString(p, StandardCharsets.UTF_8);
            }
        }
        return "(not recorded)";
    }
}
