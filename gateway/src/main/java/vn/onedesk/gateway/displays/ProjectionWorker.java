package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Where a centre's display projection is computed: off the centre's context, so that a projection (milliseconds per
 * service in long lines) never delays a ticket or a counter command of that centre. The result completes on the
 * context that asked.
 */
interface ProjectionWorker {
    /** The pool's name: one pool shared by every centre of the gateway. */
    String POOL = "onedesk-display-projections";

    Future<CentreProjection> run(Context context, Callable<CentreProjection> work);

    /**
     * A shared worker pool of one thread per core (projections are pure computation: more threads would only take
     * turns), unordered, so that centres project in parallel; each centre has at most one projection running.
     */
    static ProjectionWorker pool() {
        return new ProjectionWorker() {
            private volatile WorkerExecutor executor;

            @Override
            public Future<CentreProjection> run(Context context, Callable<CentreProjection> work) {
                WorkerExecutor pool = executor;
                if (pool == null) {
                    pool = context.owner().createSharedWorkerExecutor(POOL,
                            Math.max(1, Runtime.getRuntime().availableProcessors()));
                    executor = pool;
                }
                return pool.executeBlocking(work, false);
            }
        };
    }
}
