package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.protocol.TopicFilters;

/** The subscription tree a publish uses to find its subscribers, checked against the filter rules themselves. */
class SubscriptionIndexTest {
    private static final List<String> LEVELS = List.of("onedesk", "v1", "c1", "calls", "+", "#", "");

    private SubscriptionIndex index = new SubscriptionIndex();

    private SessionState session(int i) {
        return new SessionState("client-" + i, new Device("display-" + i, "c1", DeviceRole.DISPLAY, null, new PasswordHash.DemoPlainText("x")),
                10, index);
    }

    private static String randomFilter(SplittableRandom random) {
        int length = 1 + random.nextInt(4);
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String level = LEVELS.get(random.nextInt(LEVELS.size()));
            if (level.equals("#")) {
                levels.add(level);
                break;
            }
            levels.add(level);
        }
        return String.join("/", levels);
    }

    private static String randomTopic(SplittableRandom random) {
        int length = 1 + random.nextInt(4);
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String level = LEVELS.get(random.nextInt(LEVELS.size()));
            levels.add(level.equals("+") || level.equals("#") ? "x" : level);
        }
        return String.join("/", levels);
    }

    @Test
    void aPublishFindsExactlyTheSessionsWithAMatchingFilterAtTheirBestQos() {
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            index = new SubscriptionIndex();
            List<SessionState> sessions = new ArrayList<>();
            Map<SessionState, Map<String, MqttQoS>> truth = new LinkedHashMap<>();
            Set<SessionState> ended = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                SessionState s = session(i);
                sessions.add(s);
                truth.put(s, new HashMap<>());
            }
            for (int step = 0; step < 400; step++) {
                SessionState s = sessions.get(random.nextInt(sessions.size()));
                String filter = randomFilter(random);
                int action = random.nextInt(10);
                if (action < 6) {
                    MqttQoS qos = random.nextBoolean() ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                    s.subscribe(filter, qos);
                    if (!ended.contains(s)) { // an ended session never comes back to the index
                        truth.get(s).put(filter, qos);
                    }
                } else if (action < 8 && !truth.get(s).isEmpty()) {
                    String existing = List.copyOf(truth.get(s).keySet()).get(random.nextInt(truth.get(s).size()));
                    s.unsubscribe(existing);
                    truth.get(s).remove(existing);
                } else if (action == 9) {
                    s.end();
                    ended.add(s);
                    truth.get(s).clear();
                }
                String topic = randomTopic(random);
                Map<SessionState, MqttQoS> expected = new HashMap<>();
                truth.forEach((session, filters) -> filters.forEach((f, qos) -> {
                    if (TopicFilters.matches(f, topic)) {
                        expected.merge(session, qos, (a, b) -> a.value() >= b.value() ? a : b);
                    }
                }));
                long s0 = seed;
                int st = step;
                assertEquals(expected, index.matching(TopicFilters.levels(topic)),
                        () -> "seed " + s0 + ", step " + st + ", topic " + topic);
            }
        }
    }

    @Test
    void aMultiLevelWildcardMatchesItsParentLevelAndAnEndedSessionIsForgotten() {
        SessionState hall = session(1);
        hall.subscribe("onedesk/v1/c1/#", MqttQoS.AT_LEAST_ONCE);
        SessionState kiosk = session(2);
        kiosk.subscribe("onedesk/v1/c1/kiosks/k1/tickets/response", MqttQoS.AT_MOST_ONCE);
        assertEquals(Map.of(hall, MqttQoS.AT_LEAST_ONCE), index.matching(TopicFilters.levels("onedesk/v1/c1")));
        assertEquals(Map.of(hall, MqttQoS.AT_LEAST_ONCE, kiosk, MqttQoS.AT_MOST_ONCE),
                index.matching(TopicFilters.levels("onedesk/v1/c1/kiosks/k1/tickets/response")));
        hall.end();
        kiosk.end();
        assertTrue(index.matching(TopicFilters.levels("onedesk/v1/c1/kiosks/k1/tickets/response")).isEmpty());
    }
}
