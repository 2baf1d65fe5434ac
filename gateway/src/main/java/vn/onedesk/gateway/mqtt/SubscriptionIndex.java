package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session's subscriptions as a tree of topic levels, so that a publish visits only the sessions whose
 * filters can match its topic instead of every stored session: a kiosk's reply reaches its kiosk without
 * looking at ten thousand displays. Filters with {@code +} and {@code #} are branches of the tree like any
 * other level.
 *
 * <p>Changes come once per SUBSCRIBE, UNSUBSCRIBE or session end and are serialised by this index's lock;
 * publishers read the concurrent maps without it. A publish racing a change sees the subscription or not,
 * as with any broker; a node pruned while a publisher stands on it is simply left behind by that publisher.
 */
final class SubscriptionIndex {
    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>();
        final Map<SessionState, MqttQoS> subscribers = new ConcurrentHashMap<>();

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty();
        }
    }

    private final Node root = new Node();
    private final SharedSubscriptions shared = new SharedSubscriptions();

    /** The subscription to a filter at a QoS, one instance shared by every session that holds it. */
    SessionState.Subscription subscription(String filter, MqttQoS qos) {
        return shared.of(filter, qos);
    }

    synchronized void add(SessionState session, String[] filterLevels, MqttQoS qos) {
        Node node = root;
        for (String level : filterLevels) {
            node = node.children.computeIfAbsent(level, l -> new Node());
        }
        node.subscribers.put(session, qos);
    }

    synchronized void remove(SessionState session, String[] filterLevels) {
        remove(root, session, filterLevels, 0);
    }

    private static void remove(Node node, SessionState session, String[] levels, int i) {
        if (i == levels.length) {
            node.subscribers.remove(session);
            return;
        }
        Node child = node.children.get(levels[i]);
        if (child != null) {
            remove(child, session, levels, i + 1);
            if (child.isEmpty()) {
                node.children.remove(levels[i], child);
            }
        }
    }

    /** The sessions with a filter matching the topic, each at the highest QoS among its matching filters. */
    Map<SessionState, MqttQoS> matching(String[] topicLevels) {
        Map<SessionState, MqttQoS> found = new HashMap<>();
        collect(root, topicLevels, 0, found);
        return found;
    }

    private static void collect(Node node, String[] topic, int i, Map<SessionState, MqttQoS> found) {
        Node rest = node.children.get("#");
        if (rest != null) { // "a/#" matches "a" itself as well as everything below it (MQTT 3.1.1 §4.7.1.2)
            addAll(rest, found);
        }
        if (i == topic.length) {
            addAll(node, found);
            return;
        }
        Node exact = node.children.get(topic[i]);
        if (exact != null) {
            collect(exact, topic, i + 1, found);
        }
        Node any = node.children.get("+");
        if (any != null) {
            collect(any, topic, i + 1, found);
        }
    }

    private static void addAll(Node node, Map<SessionState, MqttQoS> found) {
        node.subscribers.forEach((session, qos) -> found.merge(session, qos, (a, b) -> a.value() >= b.value() ? a : b));
    }
}
