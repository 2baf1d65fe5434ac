package vn.onedesk.loadtest.mqtt;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-loop contexts for the load: each connection lives on one lane, and the schedule that feeds it
 * runs on the same lane, so that sending never hops threads. One lane per event loop.
 */
public final class Lanes {
    private Lanes() {
    }

    public static Future<List<Context>> start(Vertx vertx, int count) {
        List<Context> contexts = new ArrayList<>();
        Future<Void> all = Future.succeededFuture();
        for (int i = 0; i < count; i++) {
            all = all.compose(v -> vertx.deployVerticle(new AbstractVerticle() {
                @Override
                public void start() {
                    synchronized (contexts) {
                        contexts.add(context);
                    }
                }
            }).mapEmpty());
        }
        return all.map(v -> List.copyOf(contexts));
    }

    /** Runs {@code task} on the context and returns its future there. */
    public static <T> Future<T> on(Context context, java.util.function.Supplier<Future<T>> task) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        context.runOnContext(v -> task.get().onComplete(promise));
        return promise.future();
    }
}
