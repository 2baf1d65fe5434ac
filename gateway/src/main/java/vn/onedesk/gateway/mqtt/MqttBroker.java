package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.monitoring.MqttMetrics;
import vn.onedesk.monitoring.NoopMetrics;

/**
 * The part of a broker that OneDesk needs: who is connected, what they subscribed to, the retained
 * messages, and delivery. vertx-mqtt gives only the protocol; routing and retention are ours.
 */
public final class MqttBroker {
    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, OutboundMessage> retained = new ConcurrentHashMap<>();
    private final MqttMetrics metrics;

    public MqttBroker() {
        this(NoopMetrics.INSTANCE);
    }

    public MqttBroker(MqttMetrics metrics) {
        this.metrics = metrics;
    }

    /** Registers the session; returns the session it takes over from, which the caller closes. */
    DeviceSession register(DeviceSession session) {
        return sessions.put(session.clientId(), session);
    }

    void unregister(DeviceSession session) {
        sessions.remove(session.clientId(), session);
    }

    public Collection<DeviceSession> sessions() {
        return sessions.values();
    }

    public int connectedCount() {
        return sessions.size();
    }

    /** Publishes to every matching subscriber, at the lower of the message's and the subscription's QoS. */
    public void publish(OutboundMessage message) {
        if (message.retain()) {
            if (message.payload().length == 0) {
                retained.remove(message.topic());
            } else {
                retained.put(message.topic(), message);
            }
        }
        for (DeviceSession session : sessions.values()) {
            MqttQoS wanted = session.wants(message.topic());
            if (wanted != null) {
                session.deliver(message, lower(wanted, message.qos()), false);
                MqttTraffic.sent(metrics, message.topic());
            }
        }
    }

    /** Sends the retained messages matching a new subscription, with the retain flag set. */
    void deliverRetained(DeviceSession session, String filter, MqttQoS granted) {
        for (OutboundMessage message : retained.values()) {
            if (TopicFilters.matches(filter, message.topic())) {
                session.deliver(message, lower(granted, message.qos()), true);
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
