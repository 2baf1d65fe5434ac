package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Every session the broker keeps, by client id: the connected ones and, within {@link SessionLimits}, the
 * disconnected ones waiting for their client. A session belongs to a client id AND the device that created
 * it: while it lives (connected, or stored for a client that asked to be remembered), another device connecting
 * with that client id is refused and the session is left alone; only an expired one is freed for a new owner.
 *
 * <p>Attaching, detaching, sweeping and evicting hold this store's lock, then the session's (see
 * {@link SessionState} for the order); they happen once per connect or disconnect. Publishing reads the map
 * without this lock.
 */
final class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class.getName());

    /**
     * The session a connection got, whether it existed before (CONNACK sessionPresent), and whom it replaced;
     * or, with no state, the device that holds the client id, when it is another device's.
     */
    record Attached(SessionState state, boolean sessionPresent, DeviceSession replaced, String heldBy) {
        Attached(SessionState state, boolean sessionPresent, DeviceSession replaced) {
            this(state, sessionPresent, replaced, null);
        }

        static Attached refused(String heldBy) {
            return new Attached(null, false, null, heldBy);
        }

        boolean isRefused() {
            return state == null;
        }
    }

    private final SessionLimits limits;
    private final LongSupplier nanoTime;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    /** Disconnected sessions in the order they disconnected, so the one offline longest goes first. Guarded by this. */
    private final LinkedHashMap<String, SessionState> offline = new LinkedHashMap<>();

    SessionStore(SessionLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /**
     * Gives connection c its session: the stored one if the client asked to resume it (clean session/start
     * false), it belongs to the same device and has not expired; otherwise a new one, discarding the same
     * device's old one. The session's previous connection, if any, is returned to be closed: from now on it is
     * never written. A client id whose live session (connected or stored) is another device's is refused:
     * nothing changes, and the result names that device.
     */
    synchronized Attached attach(DeviceSession c, boolean cleanStart, long expirySeconds, int window) {
        String clientId = c.clientId();
        SessionState state = sessions.get(clientId);
        DeviceSession replaced = null;
        if (state != null) {
            boolean expired = state.expired(nanoTime.getAsLong());
            boolean sameDevice = state.device().id().equals(c.device().id());
            if (!sameDevice && !expired) {
                return Attached.refused(state.device().id());
            }
            boolean resumable = !cleanStart && sameDevice && !expired;
            if (resumable) {
                offline.remove(clientId);
                replaced = state.attach(c, expirySeconds, window);
                c.bind(state);
                return new Attached(state, true, replaced);
            }
            replaced = remove(state);
        }
        state = new SessionState(clientId, c.device(), limits.maxQueued(), index);
        state.attach(c, expirySeconds, window);
        c.bind(state);
        sessions.put(clientId, state);
        return new Attached(state, false, replaced);
    }

    /**
     * Connection c ended. Unless it was taken over, its session is kept for its expiry (within the bound on
     * stored sessions, dropping the one offline longest) or, with expiry 0, discarded now.
     */
    synchronized void detach(DeviceSession c) {
        SessionState state = c.state();
        if (state == null || !state.detach(c, nanoTime.getAsLong())) {
            return;
        }
        if (state.expirySeconds() == 0) {
            remove(state);
            return;
        }
        offline.put(state.clientId(), state);
        while (offline.size() > limits.maxStoredSessions()) {
            SessionState eldest = offline.values().iterator().next();
            LOG.info(() -> "more than " + limits.maxStoredSessions() + " stored sessions; dropping "
                    + eldest.clientId() + " of " + eldest.device().id() + ", offline longest");
            remove(eldest);
        }
    }

    /** Frees the disconnected sessions whose expiry has passed; returns how many. */
    synchronized int sweep() {
        long now = nanoTime.getAsLong();
        int freed = 0;
        for (Iterator<SessionState> it = offline.values().iterator(); it.hasNext(); ) {
            SessionState state = it.next();
            if (state.expired(now)) {
                it.remove();
                sessions.remove(state.clientId(), state);
                state.end();
                freed++;
            }
        }
        return freed;
    }

    private DeviceSession remove(SessionState state) {
        sessions.remove(state.clientId(), state);
        offline.remove(state.clientId(), state);
        return state.end();
    }

    /** The sessions subscribed to a topic, at the QoS of their best matching filter. */
    Map<SessionState, MqttQoS> subscribedTo(String[] topicLevels) {
        return index.matching(topicLevels);
    }

    /** Every stored session, connected or not; safe to iterate while others connect and disconnect. */
    Collection<SessionState> all() {
        return sessions.values();
    }

    int storedCount() {
        return sessions.size();
    }

    synchronized int offlineCount() {
        return offline.size();
    }
}
