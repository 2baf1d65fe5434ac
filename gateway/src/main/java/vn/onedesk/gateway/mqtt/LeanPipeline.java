package vn.onedesk.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Two per-connection objects an idle MQTT connection does without (measured with {@code jmap -histo:live} over
 * 5,000 idle displays; about 170 bytes per connection together):
 * <ul>
 *   <li>Netty gives each channel its own adaptive receive-buffer sizer (an allocator, its handle and its calculator,
 *       144 bytes). MQTT packets from devices are small and bounded, so every connection shares one fixed-size
 *       allocator instead: its per-channel handle is half the size. 2 KB is the adaptive sizer's own first guess, and
 *       a read buffer is taken from the pool for a read and returned at once, never held by an idle connection.</li>
 *   <li>vertx-mqtt puts a {@code keepAliveHandler} behind its keep-alive {@link IdleStateHandler} that closes the
 *       connection when the client has been silent for 1.5 × its keep-alive. Vert.x's own connection handler, next
 *       in the pipeline, closes the connection on that same event, so the extra handler (and its pipeline context,
 *       88 bytes) is taken out. A silent client is still disconnected: {@code IdleConnectionFootprintTest}.</li>
 * </ul>
 */
final class LeanPipeline {
    /** Shared by every connection: the allocator only makes one handle per channel. */
    static final RecvByteBufAllocator READS = new FixedRecvByteBufAllocator(2048);
    private static final String KEEP_ALIVE_CLOSER = "keepAliveHandler";
    private static final String KEEP_ALIVE_TIMER = "idle";
    private static final String VERTX_HANDLER = "handler";

    private LeanPipeline() {
    }

    /** A new connection, before its first read. */
    static void opened(Channel channel) {
        channel.config().setRecvByteBufAllocator(READS);
    }

    /**
     * After vertx-mqtt read the CONNECT (it has set up its keep-alive handlers by then): removes the redundant closer,
     * only if the keep-alive timer and Vert.x's handler, which closes on the timer's event, are both there.
     */
    static void connected(ChannelPipeline pipeline) {
        ChannelHandler closer = pipeline.get(KEEP_ALIVE_CLOSER);
        if (closer != null && pipeline.get(KEEP_ALIVE_TIMER) instanceof IdleStateHandler
                && pipeline.get(VERTX_HANDLER) != null) {
            pipeline.remove(closer);
        }
    }
}
