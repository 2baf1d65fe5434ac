package vn.onedesk.loadtest.report;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the server process during the measured window: CPU share (of the process and of its tree),
 * resident memory at the end and at its peak (sampled every second), and heap at the end when asked.
 * Without a pid it reports nothing, and the run goes on.
 */
public final class ServerWatch implements AutoCloseable {
    private final ProcessProbe probe;
    private final boolean heap;
    private final ScheduledExecutorService sampler;
    private volatile ProcessProbe.Sample first;
    private volatile long peakRssKb;
    private volatile long peakTreeRssKb;

    private ServerWatch(ProcessProbe probe, boolean heap) {
        this.probe = probe;
        this.heap = heap;
        this.sampler = probe == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** @param pid the server's process id, or 0 for none; {@code heap}: ask the JVM for its heap at the end */
    public static ServerWatch of(long pid, boolean heap) {
        return of(pid, 0, heap);
    }

    /** @param dbPid the database's postmaster, counted "with children" (0 for none) */
    public static ServerWatch of(long pid, long dbPid, boolean heap) {
        return new ServerWatch(pid > 0 ? ProcessProbe.of(pid, dbPid > 0 ? List.of(dbPid) : List.of()) : null, heap);
    }

    public void start() {
        if (probe == null) {
            return;
        }
        first = probe.sample();
        peakRssKb = first.rssKb();
        peakTreeRssKb = first.treeRssKb();
        sampler.scheduleAtFixedRate(() -> {
            if (probe.alive()) {
                ProcessProbe.Sample s = probe.sample();
                peakRssKb = Math.max(peakRssKb, s.rssKb());
                peakTreeRssKb = Math.max(peakTreeRssKb, s.treeRssKb());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** CPU and memory over the window since {@link #start}; empty JSON without a pid. */
    public JsonObject stop() {
        if (probe == null || first == null) {
            return new JsonObject();
        }
        sampler.shutdownNow();
        ProcessProbe.Sample last = probe.sample();
        JsonObject json = new JsonObject()
                .put("pid", probe.pid())
                .put("cpuPercent", Latencies.round(ProcessProbe.cpuPercent(first.cpuTicks(), last.cpuTicks(),
                        first.nanos(), last.nanos())))
                .put("treeCpuPercent", Latencies.round(ProcessProbe.cpuPercent(first.treeCpuTicks(),
                        last.treeCpuTicks(), first.nanos(), last.nanos())))
                .put("rssMb", last.rssKb() / 1024.0)
                .put("peakRssMb", Math.max(peakRssKb, last.rssKb()) / 1024.0)
                .put("treeRssMb", last.treeRssKb() / 1024.0)
                .put("peakTreeRssMb", Math.max(peakTreeRssKb, last.treeRssKb()) / 1024.0)
                .put("treeProcesses", last.treeSize());
        if (heap) {
            OptionalLong used = probe.heapUsedBytes(false);
            used.ifPresent(b -> json.put("heapUsedMb", b / 1024.0 / 1024.0));
        }
        return json;
    }

    public ProcessProbe probe() {
        return probe;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** "server pid 123: CPU 85% of a core (with children 120%), RSS 300 MB (tree 450 MB), heap 80 MB" */
    public static String line(JsonObject server) {
        if (server == null || server.isEmpty()) {
            return "server: not watched (give --gateway-pid)";
        }
        StringBuilder s = new StringBuilder(String.format("server pid %d: CPU %.0f%% of a core (with children and database %.0f%%),"
                        + " RSS %.0f MB, peak %.0f MB (with children and database %.0f MB)", server.getLong("pid"),
                server.getDouble("cpuPercent"), server.getDouble("treeCpuPercent"), server.getDouble("rssMb"),
                server.getDouble("peakRssMb"), server.getDouble("treeRssMb")));
        if (server.containsKey("heapUsedMb")) {
            s.append(String.format(", heap used %.0f MB", server.getDouble("heapUsedMb")));
        }
        return s.toString();
    }
}
