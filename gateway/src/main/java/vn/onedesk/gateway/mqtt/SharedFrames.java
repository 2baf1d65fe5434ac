package vn.onedesk.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Writes encoded PUBLISH packets to channels, without flushing. Within one delivery task on one event loop
 * ({@link LoopDelivery}), the shared part of each frame is copied once into a direct buffer and every session
 * gets a {@code retainedDuplicate} of it: one buffer, one copy, for all the displays on that loop, where Netty would
 * otherwise copy a heap buffer into a direct one for each write. The task closes this when done, which releases
 * the buffers (each write holds its own reference until the channel has sent it).
 *
 * <p>Outside such a task ({@link #NONE}), a session's write is one direct buffer of its own ({@link #copy}): the
 * encoded frame copied and patched, no encoding.
 */
final class SharedFrames implements AutoCloseable {
    /** For writes that are not part of a delivery task: nothing shared, nothing to release. */
    static final SharedFrames NONE = new SharedFrames(false);

    private final boolean sharing;
    private EncodedPublish[] frames;
    private ByteBuf[] buffers;
    private int size;

    private SharedFrames(boolean sharing) {
        this.sharing = sharing;
    }

    /** A scope for one task on one event loop; close it in a finally block. */
    static SharedFrames open() {
        return new SharedFrames(true);
    }

    /** Writes the frame with this packet id and DUP flag (ignored for QoS 0) to the channel, without a flush. */
    void write(ChannelHandlerContext ctx, EncodedPublish frame, int packetId, boolean dup) {
        ChannelPromise ignored = ctx.voidPromise();
        if (!sharing) {
            ctx.write(copy(ctx.alloc(), frame, packetId, dup), ignored);
            return;
        }
        if (frame.hasPacketId()) {
            ByteBuf head = ctx.alloc().ioBuffer(frame.bodyOffset());
            head.writeBytes(frame.frame(), 0, frame.bodyOffset());
            if (dup) {
                head.setByte(0, frame.frame()[0] | EncodedPublish.DUP_FLAG);
            }
            head.setShort(frame.packetIdOffset(), packetId);
            ctx.write(head, ignored);
        }
        if (frame.bodyLength() > 0) {
            ctx.write(body(frame, ctx.alloc()), ignored);
        }
    }

    /** The whole frame in one buffer of its own, with this packet id and DUP flag: for a single write. */
    static ByteBuf copy(ByteBufAllocator alloc, EncodedPublish frame, int packetId, boolean dup) {
        ByteBuf out = alloc.ioBuffer(frame.frame().length);
        out.writeBytes(frame.frame());
        if (frame.hasPacketId()) {
            if (dup) {
                out.setByte(0, frame.frame()[0] | EncodedPublish.DUP_FLAG);
            }
            out.setShort(frame.packetIdOffset(), packetId);
        }
        return out;
    }

    private ByteBuf body(EncodedPublish frame, ByteBufAllocator alloc) {
        for (int i = 0; i < size; i++) {
            if (frames[i] == frame) {
                return buffers[i].retainedDuplicate();
            }
        }
        ByteBuf shared = alloc.directBuffer(frame.bodyLength());
        shared.writeBytes(frame.frame(), frame.bodyOffset(), frame.bodyLength());
        if (frames == null) {
            frames = new EncodedPublish[4];
            buffers = new ByteBuf[4];
        } else if (size == frames.length) {
            frames = java.util.Arrays.copyOf(frames, size * 2);
            buffers = java.util.Arrays.copyOf(buffers, size * 2);
        }
        frames[size] = frame;
        buffers[size++] = shared;
        return shared.retainedDuplicate();
    }

    /** Releases this scope's reference to each shared buffer; the writes still queued hold their own. */
    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            buffers[i].release();
            buffers[i] = null;
            frames[i] = null;
        }
        size = 0;
    }
}
