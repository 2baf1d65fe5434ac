package vn.onedesk.gateway.queue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.persistence.WriterFence;


/** Gives one centre its own Vert.x context: the single writer of that centre's queue. */
public final class CentreVerticle extends VerticleBase {
    private final CentreDefinition centre;
    private final Pool pool;
    private final CommitListener listener;
    private final Clock clock;
    private final RoutingPolicy routing;
    private final WaitEstimator estimator;
    private final java.time.Duration commitTimeout;
    private final WriterFence fence;
    private Announcements announcements = Announcements.NONE;
    private CentreRuntime runtime;

    /** @param commitTimeout how long a commit may go unanswered before its requests get UNAVAILABLE */
    public CentreVerticle(CentreDefinition centre, RoutingPolicy routing, WaitEstimator estimator, Pool pool,
                          CommitListener listener, Clock clock, java.time.Duration commitTimeout) {
        this(centre, routing, estimator, pool, listener, clock, commitTimeout, WriterFence.ALONE);
    }

    /** @param fence whether this node may load the centre (in a cluster: while it holds the centre's lease) */
    public CentreVerticle(CentreDefinition centre, RoutingPolicy routing, WaitEstimator estimator, Pool pool,
                          CommitListener listener, Clock clock, java.time.Duration commitTimeout, WriterFence fence) {
        this.fence = fence;
        this.commitTimeout = commitTimeout;
        this.centre = centre;
        this.routing = routing;
        this.estimator = estimator;
        this.pool = pool;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        runtime = new CentreRuntime(vertx, context, centre, routing, estimator, new CentreStore(pool, centre.id(), fence),
                listener, clock, commitTimeout, announcements);
        return runtime.start();
    }

    /** Answers whatever still waits for this writer: nothing of it runs once it is undeployed. */
    @Override
    public Future<?> stop() {
        if (runtime != null) {
            runtime.stop();
        }
        return Future.succeededFuture();
    }

    /** What of each batch goes to the webhook outbox; set before the verticle is deployed. */
    public CentreVerticle announcing(Announcements announcements) {
        this.announcements = announcements;
        return this;
    }

    public CentreRuntime runtime() {
        return runtime;
    }
}
