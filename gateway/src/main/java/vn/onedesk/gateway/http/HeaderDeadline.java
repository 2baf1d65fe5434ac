package vn.onedesk.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Closes an HTTP/1.x connection that has not sent a whole request's headers in time: within the header timeout of
 * its accept, and within the idle timeout of its last response's end (a kept-alive connection waiting for its next
 * request). Vert.x 5.0.8 has no such option (its idle timeout is reset by every byte, so a client that sends one
 * byte a minute, or nothing after a request, keeps its socket for ever); this handler sits in the connection's Netty
 * pipeline, after the HTTP decoder, and sees the decoded request and the response written.
 *
 * <p>Between a request's headers and its response's end nothing is timed here: the request timeout (Vert.x Web's
 * {@code TimeoutHandler}) answers a slow request, and a server-sent-event stream lasts as long as its client reads.
 * A WebSocket upgrade (101) ends its work: MQTT's keep-alive governs /mqtt. Runs on the channel's event loop only.
 */
final class HeaderDeadline extends ChannelDuplexHandler {
    static final String NAME = "onedesk-header-deadline";
    /** The name of Vert.x's own idle-timeout handler in an HTTP/1.x pipeline (HttpServerConnectionInitializer). */
    static final String VERTX_IDLE = "idle";
    /** The name of Vert.x's handler, which this one goes in front of, and of the HTTP/1.x decoder it must follow. */
    static final String VERTX_HANDLER = "handler";
    static final String HTTP_DECODER = "httpDecoder";

    private final long headerNanos;
    private final long idleNanos;
    /** Told of each connection this closes, for the (rate-limited) log. */
    private final Consumer<ChannelHandlerContext> onExpired;
    private ScheduledFuture<?> timer;
    private int inFlight;
    private boolean upgraded;

    HeaderDeadline(long headerNanos, long idleNanos, Consumer<ChannelHandlerContext> onExpired) {
        this.headerNanos = headerNanos;
        this.idleNanos = idleNanos;
        this.onExpired = onExpired;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx, headerNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            inFlight++;
            cancel(); // the headers are complete
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            upgraded = true;
            cancel();
            super.write(ctx, msg, promise);
            // Nor is an upgraded connection cut by Vert.x's idle timeout: an MQTT client's keep-alive may be longer.
            if (ctx.pipeline().get(VERTX_IDLE) != null) {
                ctx.pipeline().remove(VERTX_IDLE);
            }
            ctx.pipeline().remove(this);
            return;
        }
        if (msg instanceof LastHttpContent && !upgraded) {
            inFlight = Math.max(0, inFlight - 1);
            if (inFlight == 0) {
                arm(ctx, idleNanos); // a kept-alive connection: the next request's headers are due within the idle timeout
            }
        }
        super.write(ctx, msg, promise);
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                onExpired.accept(ctx);
                ctx.close();
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
