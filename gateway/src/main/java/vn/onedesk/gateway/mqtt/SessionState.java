package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.protocol.TopicFilters;

/**
 * What MQTT keeps for one client id of one device between its connections: the subscriptions with their
 * granted QoS, the QoS 1 messages sent and not yet acknowledged (in flight, by packet id, in the order they
 * were sent) and the QoS 1 messages still to send (queued, in order). While a connection is attached,
 * at most {@code window} messages are in flight; the rest wait their turn.
 *
 * <p>Lock discipline. The centres publish from their own contexts, the session's connection lives on
 * another, and a reconnect may land on a third, so the state cannot be confined to one context. Each session
 * is guarded by its own monitor instead:
 * <ol>
 *   <li>every field below is read and written holding {@code this}. Publishers find the sessions that want
 *       a topic in the {@link SubscriptionIndex}, which each change of {@code subscriptions} updates under
 *       this lock, so a publish never takes the lock of a session that does not want its topic;</li>
 *   <li>an endpoint is written only on its own connection's context thread, holding {@code this}, and only
 *       while that connection is the attached one. The wire order is therefore the order of the state
 *       changes, and a connection that was taken over or has closed is never written again: a message is
 *       either in flight on the attached connection or waiting, never lost between two connections;</li>
 *   <li>locks are taken in one order: the {@link SessionStore}'s, then a session's, then the index's or (inside
 *       vertx-mqtt) the endpoint's connection lock. vertx-mqtt calls our handlers holding that connection
 *       lock, but always on the connection's own thread, the only thread that ever takes it (rule 2), so it
 *       cannot close a cycle with another thread.</li>
 * </ol>
 * Hand-offs to a connection's context ({@code runOnContext}) only enqueue, so they are made under the lock.
 */
final class SessionState {
    private static final Logger LOG = Logger.getLogger(SessionState.class.getName());
    private static final int MAX_PACKET_ID = 65_535;

    record Subscription(String filter, String[] levels, MqttQoS qos) {
    }

    /** A QoS 1 message for this session, with the retain flag it is sent with (set for retained-on-subscribe). */
    record Pending(OutboundMessage message, boolean retainFlag) {
    }

    private final String clientId;
    private final Device device;
    private final int maxQueued;
    private final SubscriptionIndex index;
    private volatile List<Subscription> subscriptions = List.of();

    /**
     * Allocated with the first QoS 1 message, then kept: an idle display that was never sent one holds neither
     * (the empty map, the deque and its 16 slots were about 170 bytes of every idle connection's heap).
     */
    private LinkedHashMap<Integer, Pending> inFlight;
    private ArrayDeque<Pending> queued;
    private int lastPacketId;
    private DeviceSession connection;
    private DeviceSession drainScheduledFor;
    private int window;
    private long expirySeconds;
    private long offlineSinceNanos;
    private long dropped;
    private boolean ended;

    SessionState(String clientId, Device device, int maxQueued, SubscriptionIndex index) {
        this.clientId = clientId;
        this.device = device;
        this.maxQueued = maxQueued;
        this.index = index;
    }

    String clientId() {
        return clientId;
    }

    Device device() {
        return device;
    }

    // --- subscriptions: changed on the connection's context, read by every publisher ---

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    synchronized void subscribe(String filter, MqttQoS qos) {
        List<Subscription> next = new ArrayList<>(subscriptions.size() + 1);
        for (Subscription s : subscriptions) {
            if (!s.filter().equals(filter)) {
                next.add(s);
            }
        }
        Subscription added = index.subscription(filter, qos);
        next.add(added);
        subscriptions = List.copyOf(next);
        if (!ended) {
            index.add(this, added.levels(), qos);
        }
    }

    synchronized void unsubscribe(String filter) {
        subscriptions = subscriptions.stream().filter(s -> !s.filter().equals(filter)).toList();
        index.remove(this, TopicFilters.levels(filter));
    }

    // --- delivery ---

    /**
     * Takes a message for this session, from any thread, and sends it from the connection's context. QoS 0 goes
     * out only if a connection is attached; QoS 1 joins the queue (dropping the oldest when full) and goes out in
     * order as the window allows.
     */
    synchronized void offer(OutboundMessage message, MqttQoS qos, boolean retainFlag) {
        DeviceSession c = take(message, qos, retainFlag);
        if (c == null) {
            return;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            c.context().runOnContext(v -> sendAtMostOnce(c, message, retainFlag));
        } else {
            scheduleDrain(c);
        }
    }

    /**
     * Takes a message for this session, from any thread, leaving the sending to the caller: a QoS 1 message joins
     * the queue (dropping the oldest when full). Returns the attached connection, on whose context
     * {@link #deliver} then sends it, or null if there is none (a QoS 0 message is then dropped).
     */
    synchronized DeviceSession take(OutboundMessage message, MqttQoS qos, boolean retainFlag) {
        if (ended) {
            return null;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return connection;
        }
        queue().addLast(new Pending(message, retainFlag));
        if (queued.size() > maxQueued) {
            queued.removeFirst();
            if (dropped++ == 0) {
                LOG.info(() -> "session " + clientId + " of " + device.id() + " holds " + maxQueued
                        + " undelivered messages; dropping the oldest from now on");
            }
        }
        return connection;
    }

    /**
     * On c's context, for a message {@link #take} answered c for: sends it (QoS 0) or what the window allows of
     * the queue (QoS 1), without flushing. True if anything was written, for the caller to flush once.
     */
    synchronized boolean deliver(DeviceSession c, OutboundMessage message, MqttQoS qos, boolean retainFlag,
                                 SharedFrames shared) {
        if (connection != c || !c.isWritable()) {
            return false;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            c.write(message, MqttQoS.AT_MOST_ONCE, retainFlag, 0, false, shared);
            return true;
        }
        return sendQueued(c, shared);
    }

    private synchronized void sendAtMostOnce(DeviceSession c, OutboundMessage message, boolean retainFlag) {
        if (connection == c && c.isWritable()) {
            c.write(message, MqttQoS.AT_MOST_ONCE, retainFlag, 0, false, SharedFrames.NONE);
            c.flushSoon();
        }
    }

    /** Holding this: one drain task per connection at a time, run on that connection's context. */
    private void scheduleDrain(DeviceSession c) {
        if (drainScheduledFor != c) {
            drainScheduledFor = c;
            c.context().runOnContext(v -> drain(c));
        }
    }

    private synchronized void drain(DeviceSession c) {
        if (drainScheduledFor == c) {
            drainScheduledFor = null;
        }
        if (connection == c && sendQueued(c, SharedFrames.NONE)) {
            c.flushSoon();
        }
    }

    /**
     * Holding this, on c's context: fills the window from the queue, in order; true if it wrote. Written in a
     * delivery task ({@code shared} open), the caller flushes; otherwise it calls {@link DeviceSession#flushSoon}.
     */
    private boolean sendQueued(DeviceSession c, SharedFrames shared) {
        if (queued == null) {
            return false;
        }
        boolean wrote = false;
        while (inFlight().size() < window && !queued.isEmpty() && c.isWritable()) {
            Pending next = queued.removeFirst();
            int packetId = nextPacketId();
            inFlight.put(packetId, next);
            c.write(next.message(), MqttQoS.AT_LEAST_ONCE, next.retainFlag(), packetId, false, shared);
            wrote = true;
        }
        return wrote;
    }

    /** A PUBACK that arrived on connection c, on c's context. */
    synchronized void acknowledged(DeviceSession c, int packetId) {
        // A late PUBACK on a replaced connection is ignored: its packet id may already name another message.
        if (connection == c && inFlight != null && inFlight.remove(packetId) != null
                && sendQueued(c, SharedFrames.NONE)) {
            c.flushSoon();
        }
    }

    /** Holding this: the queue, allocated on first use. */
    private ArrayDeque<Pending> queue() {
        if (queued == null) {
            queued = new ArrayDeque<>();
        }
        return queued;
    }

    /** Holding this: the in-flight map, allocated on first use. */
    private LinkedHashMap<Integer, Pending> inFlight() {
        if (inFlight == null) {
            inFlight = new LinkedHashMap<>();
        }
        return inFlight;
    }

    private int nextPacketId() {
        // The window is far below 65,535, so a free id is always near.
        do {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
        } while (inFlight.containsKey(lastPacketId));
        return lastPacketId;
    }

    // --- lifecycle: attach, detach and end are called by SessionStore holding its lock ---

    /** Makes c the session's connection; returns the connection it replaces, if any. Nothing is sent yet. */
    synchronized DeviceSession attach(DeviceSession c, long expirySeconds, int window) {
        DeviceSession previous = connection;
        connection = c;
        drainScheduledFor = null;
        this.expirySeconds = expirySeconds;
        this.window = window;
        dropped = 0;
        return previous;
    }

    /**
     * After the CONNACK, on c's context: sends again, with DUP set and their packet ids, the messages still
     * in flight, in their original order, then the queued ones as the window allows. If this connection's
     * window is smaller than the last one's, the newest of them go back to the head of the queue.
     */
    synchronized void resume(DeviceSession c) {
        if (connection != c) {
            return;
        }
        if (inFlight == null) { // never sent a QoS 1 message: nothing to send again
            if (sendQueued(c, SharedFrames.NONE)) {
                c.flushSoon();
            }
            return;
        }
        if (inFlight.size() > window) {
            List<Pending> back = new ArrayList<>();
            Iterator<Map.Entry<Integer, Pending>> it = inFlight.entrySet().iterator();
            for (int kept = 0; it.hasNext(); kept++) {
                Map.Entry<Integer, Pending> e = it.next();
                if (kept >= window) {
                    back.add(e.getValue());
                    it.remove();
                }
            }
            for (int i = back.size() - 1; i >= 0; i--) {
                queue().addFirst(back.get(i));
            }
        }
        for (Map.Entry<Integer, Pending> e : inFlight.entrySet()) {
            if (!c.isWritable()) {
                return;
            }
            c.write(e.getValue().message(), MqttQoS.AT_LEAST_ONCE, e.getValue().retainFlag(), e.getKey(), true,
                    SharedFrames.NONE);
        }
        sendQueued(c, SharedFrames.NONE);
        c.flushSoon();
    }

    /** Connection c ended. False if it was no longer the session's connection (taken over): nothing changes. */
    synchronized boolean detach(DeviceSession c, long nowNanos) {
        if (connection != c) {
            return false;
        }
        connection = null;
        drainScheduledFor = null;
        offlineSinceNanos = nowNanos;
        return true;
    }

    /** An MQTT 5 DISCONNECT may change the Session Expiry Interval (already capped) for what follows. */
    synchronized void expiryOnDisconnect(DeviceSession c, long seconds) {
        if (connection == c) {
            expirySeconds = seconds;
        }
    }

    synchronized long expirySeconds() {
        return expirySeconds;
    }

    synchronized boolean expired(long nowNanos) {
        return connection == null && nowNanos - offlineSinceNanos >= TimeUnit.SECONDS.toNanos(expirySeconds);
    }

    /** Frees everything; the session never sends again. Returns the connection it still had, if any. */
    synchronized DeviceSession end() {
        DeviceSession c = connection;
        ended = true;
        connection = null;
        drainScheduledFor = null;
        inFlight = null;
        queued = null;
        subscriptions.forEach(s -> index.remove(this, s.levels()));
        subscriptions = List.of();
        return c;
    }

    synchronized int inFlightCount() {
        return inFlight == null ? 0 : inFlight.size();
    }

    synchronized int queuedCount() {
        return queued == null ? 0 : queued.size();
    }

    /** Whether the in-flight map or the queue was ever allocated (for tests: an idle session holds neither). */
    synchronized boolean holdsDeliveryState() {
        return inFlight != null || queued != null;
    }
}
