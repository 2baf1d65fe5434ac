package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One listener of a centre's feed (an SSE connection). The feed calls {@link #send} on the centre's
 * context; the handler runs on the subscriber's own context, in the order sent, so the HTTP side
 * never touches the queue and the queue's context never writes to a socket.
 */
public final class Subscriber<T> {
    private final Context context;
    private final Consumer<T> handler;
    private volatile boolean closed;

    private Subscriber(Context context, Consumer<T> handler) {
        this.context = Objects.requireNonNull(context, "context");
        this.handler = handler;
    }

    /** A subscriber whose handler runs on the calling thread's Vert.x context. */
    public static <T> Subscriber<T> onCurrentContext(Consumer<T> handler) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("subscribe from a Vert.x context");
        }
        return new Subscriber<>(context, handler);
    }

    void send(T item) {
        if (!closed) {
            context.runOnContext(v -> {
                if (!closed) {
                    handler.accept(item);
                }
            });
        }
    }

    /** Stops delivery at once; the feed forgets the subscriber on its next turn. */
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
