package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.monitoring.MqttMetrics;
import vn.onedesk.monitoring.NoopMetrics;
import vn.onedesk.protocol.TopicFilters;

/**
 * The part of a broker that OneDesk needs: who is connected, the sessions (subscriptions and undelivered
 * QoS 1 messages, kept across connections for clients that ask), the retained messages, and delivery.
 * vertx-mqtt gives only the protocol; routing, retention and sessions are ours.
 */
public final class MqttBroker {
    private final SessionLimits limits;
    private final SessionStore store;
    private final Map<String, DeviceSession> connections = new ConcurrentHashMap<>();
    private final Map<String, OutboundMessage> retained = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<OutboundMessage> relay = m -> { };
    private final MqttMetrics metrics;

    public MqttBroker() {
        this(SessionLimits.DEFAULTS, NoopMetrics.INSTANCE);
    }

    public MqttBroker(MqttMetrics metrics) {
        this(SessionLimits.DEFAULTS, metrics);
    }

    public MqttBroker(SessionLimits limits) {
        this(limits, NoopMetrics.INSTANCE);
    }

    public MqttBroker(SessionLimits limits, MqttMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        this.store = new SessionStore(limits, System::nanoTime);
    }

    public SessionLimits limits() {
        return limits;
    }

    /**
     * Attaches a new connection to its session (see {@link SessionStore#attach}) and counts it as connected,
     * unless the client id is another device's: then nothing changes.
     */
    SessionStore.Attached attach(DeviceSession connection, boolean cleanStart, long expirySeconds, int window) {
        SessionStore.Attached attached = store.attach(connection, cleanStart, expirySeconds, window);
        if (attached.isRefused()) {
            return attached;
        }
        connections.put(connection.clientId(), connection);
        return attached;
    }

    /** The connection ended: it no longer counts as connected, and its session is kept or discarded. */
    void detach(DeviceSession connection) {
        connections.remove(connection.clientId(), connection);
        store.detach(connection);
    }

    int sweepExpiredSessions() {
        return store.sweep();
    }

    /** The open connections. */
    public Collection<DeviceSession> sessions() {
        return connections.values();
    }

    public int connectedCount() {
        return connections.size();
    }

    /** Sessions kept in memory, connected or waiting for their client to come back. */
    public int storedSessionCount() {
        return store.storedCount();
    }

    /** Sessions kept for clients that are not connected. */
    public int offlineSessionCount() {
        return store.offlineCount();
    }

    /**
     * Publishes to every session with a matching subscription, connected or not, at the lower of the
     * message's and the subscription's QoS. A disconnected session keeps only QoS 1 messages.
     */
    public void publish(OutboundMessage message) {
        deliver(message);
        relay.accept(message);
    }

    /**
     * In a cluster: every message this node publishes also goes to the other nodes, whose devices may subscribe to
     * it (a call made at a counter written here, shown by a display connected to another node).
     */
    public void relayTo(java.util.function.Consumer<OutboundMessage> relay) {
        this.relay = relay;
    }

    /** A message another node published: to this node's sessions, and retained here too if it is retained. */
    public void deliverFromCluster(OutboundMessage message) {
        deliver(message);
    }

    /** The retained message of this topic, if any. */
    public java.util.Optional<OutboundMessage> retainedOn(String topic) {
        return java.util.Optional.ofNullable(retained.get(topic));
    }

    private void deliver(OutboundMessage message) {
        if (message.retain()) {
            if (message.payload().length == 0) {
                retained.remove(message.topic());
            } else {
                retained.put(message.topic(), message);
            }
        }
        // One task per event loop for all its sessions, one encoding per kind of session (LoopDelivery).
        int taken = LoopDelivery.publish(message, store.subscribedTo(TopicFilters.levels(message.topic())));
        MqttTraffic.sent(metrics, message.topic(), taken);
    }

    /** Sends the retained messages matching a new subscription, with the retain flag set. */
    void deliverRetained(DeviceSession connection, String filter, MqttQoS granted) {
        String[] levels = TopicFilters.levels(filter);
        for (OutboundMessage message : retained.values()) {
            if (TopicFilters.matches(levels, TopicFilters.levels(message.topic()))) {
                connection.state().offer(message, lower(granted, message.qos()), true);
                MqttTraffic.sent(metrics, message.topic());
            }
        }
    }

    public List<OutboundMessage> retainedMatching(String filter) {
        return retained.values().stream().filter(m -> TopicFilters.matches(filter, m.topic())).toList();
    }

    private static MqttQoS lower(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }
}
