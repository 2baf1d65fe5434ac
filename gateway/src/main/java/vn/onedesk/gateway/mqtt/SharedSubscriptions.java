package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.protocol.TopicFilters;

/**
 * One {@link SessionState.Subscription} per filter and QoS, shared by every session that subscribes to it: the
 * thousands of hall displays of a centre all hold its calls filter, its levels and the record once instead of
 * each its own copy from its SUBSCRIBE (about 300 bytes per idle display connection). The records are immutable.
 *
 * <p>Bounded: past {@link #MAX_SHARED} distinct filters (the access policy keeps the filters a fleet may use to a
 * few per device), a new one is simply not shared.
 */
final class SharedSubscriptions {
    static final int MAX_SHARED = 100_000;

    private record Pair(SessionState.Subscription atMostOnce, SessionState.Subscription atLeastOnce) {
    }

    private final Map<String, Pair> byFilter = new ConcurrentHashMap<>();

    SessionState.Subscription of(String filter, MqttQoS qos) {
        Pair pair = byFilter.get(filter);
        if (pair == null) {
            String[] levels = TopicFilters.levels(filter); // read only, by the index and the session
            Pair made = new Pair(new SessionState.Subscription(filter, levels, MqttQoS.AT_MOST_ONCE),
                    new SessionState.Subscription(filter, levels, MqttQoS.AT_LEAST_ONCE));
            pair = byFilter.size() >= MAX_SHARED ? made : byFilter.computeIfAbsent(filter, f -> made);
        }
        return switch (qos) {
            case AT_MOST_ONCE -> pair.atMostOnce();
            case AT_LEAST_ONCE -> pair.atLeastOnce();
            default -> new SessionState.Subscription(filter, pair.atMostOnce().levels(), qos);
        };
    }

    int size() {
        return byFilter.size();
    }
}
