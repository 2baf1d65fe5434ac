package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The projections' shared pool outlives the centre it was first made for: Vert.x closes what a verticle made when the
 * verticle is undeployed (a centre that moved to another node, or was retired), and the other centres' projections
 * must still run (a node that took a centre back used to wait forever).
 */
class ProjectionWorkerTest {
    /** A centre's verticle: only its context matters here. */
    private static final class Centre extends VerticleBase {
        Context own() {
            return context;
        }
    }

    private static CentreProjection projection(long version) {
        return new CentreProjection(version, Instant.EPOCH, List.of(), List.of(), Map.of(), Map.of());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Future<CentreProjection> runOn(ProjectionWorker worker, Context context, long version) {
        Promise<CentreProjection> done = Promise.promise();
        context.runOnContext(v -> worker.run(context, () -> projection(version)).onComplete(done));
        return done.future();
    }

    @Test
    void projectionsStillRunAfterTheCentreWhosePoolItWasIsUndeployed() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ProjectionWorker worker = ProjectionWorker.pool();
            Centre first = new Centre();
            String firstId = await(vertx.deployVerticle(first));
            assertEquals(1, await(runOn(worker, first.own(), 1)).version(), "the pool made on the first centre");
            Centre second = new Centre();
            await(vertx.deployVerticle(second));
            await(vertx.undeploy(firstId)); // the first centre moved to another node: its pool is closed with it
            assertEquals(2, await(runOn(worker, second.own(), 2)).version(), "another centre still projects");
            Centre back = new Centre(); // the centre taken back
            await(vertx.deployVerticle(back));
            assertEquals(3, await(runOn(worker, back.own(), 3)).version());
        } finally {
            await(vertx.close());
        }
    }
}
