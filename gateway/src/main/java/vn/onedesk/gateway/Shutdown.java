package vn.onedesk.gateway;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Stops the gateway once, whoever asks first: SIGTERM or Ctrl-C, handled by {@code Main} itself, or a JVM
 * shutdown hook for every other way out. The signals are handled rather than left to the JVM's shutdown
 * hooks because the embedded PostgreSQL has a shutdown hook of its own, which would stop the database at
 * the same moment as the gateway's stop began: the last commits (the demo's officers closing their
 * counters, a ticket being issued) would fail. Handled first, the gateway stops while its database still
 * runs, and only then does the JVM exit.
 */
final class Shutdown {
    private static final long WAIT_SECONDS = 20;

    private final Vertx vertx;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile OneDeskGateway gateway;

    Shutdown(Vertx vertx) {
        this.vertx = vertx;
    }

    void started(OneDeskGateway running) {
        this.gateway = running;
    }

    /** Stops the gateway and Vert.x, if no one has yet; blocking, so never on an event loop. */
    void stop(String why, Consumer<String> log) {
        OneDeskGateway running = gateway;
        if (running == null || !begun.compareAndSet(false, true)) {
            return;
        }
        log.accept("OneDesk is stopping (" + why + "): closing connections and the database");
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] clean = {false};
        running.stop().eventually(vertx::close).onComplete(ar -> {
            clean[0] = ar.succeeded();
            stopped.countDown();
        });
        try {
            boolean inTime = stopped.await(WAIT_SECONDS, TimeUnit.SECONDS);
            log.accept(inTime && clean[0] ? "OneDesk stopped cleanly"
                    : "OneDesk stopped, but not everything closed in time; the next start recovers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
