package vn.onedesk.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one bounded pool every slow password check runs on: device logins (MQTT CONNECT), staff logins and password
 * changes (HTTP) and officers' PINs. PBKDF2 is slow on purpose, so whoever can send logins can make the server
 * compute; with this pool, at most {@code threads} checks run at once, whatever arrives, and the cores left over
 * keep ticketing going. At most {@code queue} more checks wait for a thread; a check beyond that is refused at
 * once ({@link Busy}) instead of queueing without end, and the caller answers "busy, try again" (CONNACK server
 * unavailable or busy; HTTP 503 with {@code Retry-After}).
 *
 * <p>It is a Vert.x {@link WorkerExecutor} of its own, not Vert.x's shared worker pool, so that guessing cannot
 * take the worker threads that reports, the embedded database and file reads use either. Thread-safe.
 */
public final class PasswordChecks {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final WorkerExecutor workers;
    private final int threads;
    private final int queue;
    /** Checks admitted and not finished: running ones and waiting ones. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicLong checksRun = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();

    /** The pool was full: the check was not run, and will not be. */
    public static final class Busy extends RuntimeException {
        Busy(int threads, int queue) {
            super("all " + threads + " password-check threads are busy and " + queue + " checks wait already",
                    null, false, false);
        }
    }

    public PasswordChecks(Vertx vertx, int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("password checks need at least 1 thread and a queue of 0 or more");
        }
        this.threads = threads;
        this.queue = queue;
        this.workers = vertx.createSharedWorkerExecutor("onedesk-password-checks-" + INSTANCES.incrementAndGet(),
                threads);
    }

    /**
     * Runs a slow check on the pool; the future completes on the caller's context. Fails at once with
     * {@link Busy} when {@code threads} checks run and {@code queue} more wait.
     */
    public <T> Future<T> run(Callable<T> check) {
        if (admitted.incrementAndGet() > threads + queue) {
            admitted.decrementAndGet();
            refusedBusy.incrementAndGet();
            return Future.failedFuture(new Busy(threads, queue));
        }
        return workers.<T>executeBlocking(() -> {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                checksRun.incrementAndGet();
                return check.call();
            } finally {
                running.decrementAndGet();
            }
        }, false).andThen(done -> admitted.decrementAndGet());
    }

    /** How many checks may run at once. */
    public int threads() {
        return threads;
    }

    /** How many checks may wait for a thread. */
    public int queue() {
        return queue;
    }

    /** How many checks this pool has run (started), for tests and the operator. */
    public long checksRun() {
        return checksRun.get();
    }

    /** The most checks that ever ran at the same moment; never more than {@link #threads}. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** How many checks were refused because the pool was full. */
    public long refusedBusy() {
        return refusedBusy.get();
    }

    public Future<Void> close() {
        return workers.close();
    }
}
