package vn.onedesk.loadtest.cli;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.Lanes;
import vn.onedesk.loadtest.report.RunReport;
import vn.onedesk.loadtest.report.ServerWatch;

/** Options every subcommand shares: where the server is, which configuration, where the report goes. */
public final class Common {
    private Common() {
    }

    private static volatile int eventLoops = 2;

    public static Vertx vertx(Options o) {
        int loops = o.integer("event-loops", Math.max(2, Runtime.getRuntime().availableProcessors()));
        eventLoops = loops;
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops)
                // a load generator on a shared core is sometimes descheduled; that is not a blocked loop
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
                .setMaxEventLoopExecuteTime(5).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    }

    public static List<Context> lanes(Vertx vertx) {
        return await(Lanes.start(vertx, eventLoops), 30);
    }

    /** The server's process probe (--gateway-pid, with --db-pid counted in its tree), or null. */
    public static vn.onedesk.loadtest.report.ProcessProbe probe(Options o) {
        long pid = o.integer("gateway-pid", 0);
        long db = o.integer("db-pid", 0);
        return pid <= 0 ? null : vn.onedesk.loadtest.report.ProcessProbe.of(pid, db > 0 ? List.of(db) : List.of());
    }

    public static Endpoint endpoint(Options o, int connections) {
        return Endpoint.forConnections(o.string("host", "127.0.0.1"), o.integer("port", 1883), connections);
    }

    public static Fleet fleet(Options o) {
        return Fleet.load(o.get("config").map(Path::of).orElse(null), o.get("password").orElse(null));
    }

    public static ServerWatch watch(Options o, boolean heap) {
        return ServerWatch.of(o.integer("gateway-pid", 0), o.integer("db-pid", 0), heap);
    }

    public static void finish(Options o, RunReport report, java.io.PrintStream out) throws IOException {
        report.print(out);
        var json = o.get("json");
        if (json.isPresent()) {
            report.write(Path.of(json.get()));
            out.println("report written to " + json.get());
        }
    }

    public static <T> T await(Future<T> future, int seconds) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("not done within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    public static void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort at the end of a run
        }
    }
}
