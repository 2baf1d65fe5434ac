package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

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

            /**
             * The pool is made on the context of the first centre that projects, and Vert.x closes what a verticle
             * made when that verticle is undeployed: once this node stops running that centre (it moved to another
             * node, or was retired), the pool refuses every task. It is then made again, once, and the task given
             * to the new one; without this, a node that took a centre back waited forever for its projections
             * (PausedNodeIsFencedTest caught it: the resumed node re-took the centre after the cluster merged).
             */
            @Override
            public Future<CentreProjection> run(Context context, Callable<CentreProjection> work) {
                try {
                    return pool(context).executeBlocking(work, false)
                            .recover(e -> e instanceof RejectedExecutionException ? again(context, work)
                                    : Future.failedFuture(e));
                } catch (RejectedExecutionException closed) {
                    return again(context, work);
                }
            }

            private Future<CentreProjection> again(Context context, Callable<CentreProjection> work) {
                executor = null;
                return pool(context).executeBlocking(work, false);
            }

            private WorkerExecutor pool(Context context) {
                WorkerExecutor pool = executor;
                if (pool == null) {
                    pool = context.owner().createSharedWorkerExecutor(POOL,
                            Math.max(1, Runtime.getRuntime().availableProcessors()));
                    executor = pool;
                }
                return pool;
            }
        };
    }
}
