package vn.onedesk.gateway.mqtt;

import io.vertx.core.net.NetSocket;
import java.lang.reflect.Field;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * Gives a new connection an outbound write queue that costs nothing while the connection is idle.
 *
 * <p>Vert.x 5.0.8 gives every TCP connection an outbound queue backed by Netty's {@code MpscUnboundedArrayQueue}
 * with a fixed chunk of 1,024 slots, allocated up front: 4,112 bytes of slots plus a 576-byte padded queue object,
 * half of what an idle device connection held on the heap (measured with {@code jmap -histo:live} over 5,000 idle
 * connections: 9.2 KB per connection in all). No Vert.x or Netty option sizes it. The queue's owner only ever calls
 * {@code add} and {@code poll} on it, from any thread, so an empty {@link ConcurrentLinkedQueue} (48 bytes, a node
 * per message while it waits) takes its place before anything was written: same order, same thread safety.
 *
 * <p>It is reached by reflection, as {@link MqttListener} reaches vertx-mqtt's socket. If another Vert.x moves it,
 * connections keep Vert.x's queue (a warning at start says so) and {@code IdleConnectionFootprintTest} fails.
 */
final class LeanOutboundQueue {
    private static final Logger LOG = Logger.getLogger(LeanOutboundQueue.class.getName());
    /** VertxConnection.outboundMessageQueue, OutboundMessageQueue.mqp, MessagePassingQueue.queue; null if absent. */
    private static final Field[] PATH = path();

    private LeanOutboundQueue() {
    }

    /**
     * Replaces the connection's outbound queue, if it is still empty (a new connection's always is); on the
     * connection's own thread, before vertx-mqtt or anyone writes to it. False if it could not.
     */
    static boolean install(NetSocket socket) {
        if (PATH == null) {
            return false;
        }
        try {
            Object holder = holderOf(socket);
            if (holder == null || !(PATH[2].get(holder) instanceof Queue<?> queue) || !queue.isEmpty()) {
                return false;
            }
            PATH[2].set(holder, new ConcurrentLinkedQueue<>());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the connection writes through the lean queue (for tests). */
    static boolean installedOn(NetSocket socket) {
        try {
            Object holder = PATH == null ? null : holderOf(socket);
            return holder != null && PATH[2].get(holder) instanceof ConcurrentLinkedQueue<?>;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The MessagePassingQueue that holds the queue, or null when the socket is not a VertxConnection. */
    private static Object holderOf(NetSocket socket) throws IllegalAccessException {
        if (!PATH[0].getDeclaringClass().isInstance(socket)) {
            return null;
        }
        Object outbound = PATH[0].get(socket);
        if (outbound == null || !PATH[1].getDeclaringClass().isInstance(outbound)) {
            return null; // Vert.x's direct (queue-less) variant: nothing to trim
        }
        return PATH[1].get(outbound);
    }

    private static Field[] path() {
        try {
            Field outbound = Class.forName("io.vertx.core.net.impl.VertxConnection")
                    .getDeclaredField("outboundMessageQueue");
            Field mqp = Class.forName("io.vertx.core.internal.concurrent.OutboundMessageQueue").getDeclaredField("mqp");
            Field queue = Class.forName("io.vertx.core.streams.impl.MessagePassingQueue").getDeclaredField("queue");
            if (!Queue.class.isAssignableFrom(queue.getType())) {
                throw new NoSuchFieldException("MessagePassingQueue.queue is a " + queue.getType());
            }
            for (Field f : new Field[] {outbound, mqp, queue}) {
                f.setAccessible(true);
            }
            return new Field[] {outbound, mqp, queue};
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("Vert.x's outbound connection queue is not reachable (" + e + "): every MQTT connection keeps"
                    + " its 4.6 KB queue");
            return null;
        }
    }
}
