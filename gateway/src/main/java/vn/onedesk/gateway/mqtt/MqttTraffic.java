package vn.onedesk.gateway.mqtt;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.monitoring.MqttMetrics;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * Counts MQTT messages by topic kind: the snake_case name of the {@link Topic} record
 * ({@code ticket_request}, {@code calls}...), or {@code unknown} for topics that are not OneDesk's.
 * Kinds, not topic names, so that a device inventing topics cannot create new series.
 */
public final class MqttTraffic {
    public static final String UNKNOWN = "unknown";
    private static final int CACHE_LIMIT = 10_000;
    private static final ClassValue<String> KIND = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        }
    };
    /** Kinds of the gateway's own outbound topics: a bounded set, named by configuration. */
    private static final Map<String, String> OUTBOUND = new ConcurrentHashMap<>();

    private MqttTraffic() {
    }

    public static String kindOf(Topic topic) {
        return KIND.get(topic.getClass());
    }

    public static String kindOf(String topicName) {
        return Topics.parse(topicName).map(MqttTraffic::kindOf).orElse(UNKNOWN);
    }

    /** A message received; once handled, an error answered instead counts as refused with its code. */
    static void received(MqttMetrics metrics, String topicName, Future<Optional<ErrorCode>> handled) {
        String kind = kindOf(topicName);
        metrics.messageReceived(kind);
        handled.onSuccess(error -> error.ifPresent(code -> metrics.messageRefused(kind, code.name())));
    }

    /** One message delivered to one subscriber. */
    static void sent(MqttMetrics metrics, String topicName) {
        sent(metrics, topicName, 1);
    }

    /** One message delivered to {@code subscribers} subscribers: the counter is found once, not once per display. */
    static void sent(MqttMetrics metrics, String topicName, int subscribers) {
        if (subscribers == 0) {
            return;
        }
        String kind = OUTBOUND.get(topicName);
        if (kind == null) {
            kind = kindOf(topicName);
            if (OUTBOUND.size() < CACHE_LIMIT) {
                OUTBOUND.put(topicName, kind);
            }
        }
        metrics.messagesSent(kind, subscribers);
    }
}
