package vn.onedesk.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One server-sent-events response (text/event-stream). Sends a comment line as a heartbeat, so that
 * proxies keep the connection and a client notices a dead one. Runs its clean-ups exactly once,
 * whether the client went away, the connection failed, the client could not keep up, or the server
 * ended the stream. Use it on the request's context only.
 */
final class SseStream {
    /** How long a browser waits before reconnecting after the stream drops. */
    private static final long RETRY_MS = 2000;
    /**
     * The id of a stream's last event ({@link #finish}). A client that reconnects all the same sends it
     * back as Last-Event-ID; the server answers 204, which stops every EventSource for good.
     */
    static final String FINISHED_ID = "end";

    private final Vertx vertx;
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final List<Runnable> onClose = new ArrayList<>();
    private long heartbeat = -1;
    private boolean started;
    private boolean closed;

    private SseStream(Vertx vertx, RoutingContext ctx) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.response = ctx.response();
    }

    static SseStream open(Vertx vertx, RoutingContext ctx, Duration heartbeatEvery) {
        SseStream stream = prepare(vertx, ctx);
        stream.start(heartbeatEvery);
        return stream;
    }

    /**
     * Watches the connection without answering yet, so that a client gone before the answer still
     * runs the clean-ups; the response may still be an ordinary error until {@link #start}.
     */
    static SseStream prepare(Vertx vertx, RoutingContext ctx) {
        SseStream stream = new SseStream(vertx, ctx);
        stream.response.closeHandler(v -> stream.cleanUp());
        stream.response.exceptionHandler(e -> stream.cleanUp());
        return stream;
    }

    /** Sends the event-stream headers and starts the heartbeat. */
    void start(Duration heartbeatEvery) {
        if (closed || started) {
            return;
        }
        if (response.headWritten()) {
            cleanUp(); // answered 503 at the database deadline while the stream's subject was looked up
            return;
        }
        started = true;
        response.setStatusCode(200).setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache, no-transform")
                .putHeader("x-accel-buffering", "no");
        response.write("retry: " + RETRY_MS + "\n\n");
        heartbeat = vertx.setPeriodic(heartbeatEvery.toMillis(), id -> comment("heartbeat"));
    }

    boolean isStarted() {
        return started;
    }

    /** Runs when the stream ends for whatever reason; at once if it already has. */
    void onClose(Runnable cleanUp) {
        if (closed) {
            cleanUp.run();
        } else {
            onClose.add(cleanUp);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** One event; {@code data} is one line of JSON. */
    void event(String name, Long id, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48).append("event: ").append(name).append('\n');
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        frame.append("data: ").append(data).append("\n\n");
        write(frame.toString());
    }

    /**
     * Sends the last event, named {@code name}, and ends the stream: nothing it is about will change
     * again. Ending alone is not enough, since a browser reconnects to an ended stream after the retry
     * delay, for ever; the page closes its EventSource on this event.
     */
    void finish(String name, String data) {
        write("event: " + name + "\nid: " + FINISHED_ID + "\ndata: " + data + "\n\n");
        end();
    }

    /** Whether the client says, in Last-Event-ID, that it already had the {@link #finish finishing} event. */
    static boolean clientSawFinish(RoutingContext ctx) {
        return FINISHED_ID.equals(ctx.request().getHeader("Last-Event-ID"));
    }

    void comment(String text) {
        write(": " + text + "\n\n");
    }

    /** Ends the response normally (nothing more will change). */
    void end() {
        if (!closed) {
            if (started) {
                response.end();
            }
            cleanUp();
        }
    }

    private void write(String frame) {
        if (closed || !started) {
            return;
        }
        if (response.writeQueueFull()) {
            // A client that does not read would make us buffer without bound: drop it. A browser
            // reconnects with Last-Event-ID and gets what it missed from the replay buffer.
            ctx.request().connection().close();
            cleanUp();
            return;
        }
        response.write(frame);
    }

    private void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
        }
        onClose.forEach(Runnable::run);
        onClose.clear();
    }
}
