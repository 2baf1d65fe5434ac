package vn.onedesk.gateway.devices;

import java.util.List;
import vn.onedesk.protocol.TopicFilters;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * Who may publish and subscribe to what: every role only in its own centre, and
 * <ul>
 *   <li>a kiosk publishes its own ticket requests and reads its own responses;</li>
 *   <li>a counter terminal commands only its own counter and reads only its own replies and its own
 *       counter's queue;</li>
 *   <li>a display publishes nothing but its own status;</li>
 *   <li>a rating pad publishes only its own counter's rating submissions and reads only its own counter's rating
 *       prompt and rating replies;</li>
 *   <li>everyone may read the centre's calls, board, counters' now-serving and service waits, and
 *       publish its own status and read its own errors.</li>
 * </ul>
 */
public final class AccessPolicy {

    public boolean mayPublish(Device device, Topic topic) {
        if (!topic.centre().equals(device.centre())) {
            return false;
        }
        if (topic instanceof Topic.DeviceStatus status) {
            return status.device().equals(device.id());
        }
        return switch (device.role()) {
            case KIOSK -> topic instanceof Topic.TicketRequest request && request.kiosk().equals(device.id());
            case COUNTER -> topic instanceof Topic.CounterCommands commands
                    && commands.counter().equals(device.counter());
            case DISPLAY -> false;
            case RATING_PAD -> topic instanceof Topic.RatingSubmit submit && submit.counter().equals(device.counter());
        };
    }

    public boolean maySubscribe(Device device, String filter) {
        if (!TopicFilters.isValidFilter(filter)) {
            return false;
        }
        return allowedFilters(device).stream().anyMatch(allowed -> TopicFilters.covers(allowed, filter));
    }

    /**
     * Whether a reply to this device may be published on this topic (an MQTT 5 response topic): only
     * on a topic that no other device reads, i.e. its own reply topic or its own errors topic. Shared
     * topics the device may read (calls, board, now, wait, its counter's queue) are refused, or a
     * device could write into what displays or the counter's own screen show.
     */
    public boolean mayReceive(Device device, String topic) {
        Topic parsed = Topics.parse(topic).orElse(null);
        if (parsed == null || !parsed.centre().equals(device.centre()) || !maySubscribe(device, topic)) {
            return false;
        }
        if (parsed instanceof Topic.DeviceErrors errors) {
            return errors.device().equals(device.id());
        }
        return switch (device.role()) {
            case KIOSK -> parsed instanceof Topic.TicketResponse response && response.kiosk().equals(device.id());
            case COUNTER -> parsed instanceof Topic.CounterReplies replies && replies.counter().equals(device.counter());
            case DISPLAY -> false;
            case RATING_PAD -> parsed instanceof Topic.RatingReplies replies
                    && replies.counter().equals(device.counter());
        };
    }

    private static List<String> allowedFilters(Device device) {
        String c = Topics.PREFIX + device.centre() + "/";
        List<String> everyone = List.of(
                c + "calls",
                c + "board",
                c + "counters/+/now",
                c + "services/+/wait",
                c + "devices/" + device.id() + "/errors");
        return switch (device.role()) {
            case KIOSK -> concat(everyone, c + "kiosks/" + device.id() + "/tickets/response");
            case COUNTER -> concat(everyone, c + "counters/" + device.counter() + "/replies",
                    c + "counters/" + device.counter() + "/queue");
            case DISPLAY -> concat(everyone, c + "devices/+/status");
            case RATING_PAD -> concat(everyone, c + "counters/" + device.counter() + "/rating/prompt",
                    c + "counters/" + device.counter() + "/rating/replies");
        };
    }

    private static List<String> concat(List<String> base, String... extra) {
        return java.util.stream.Stream.concat(base.stream(), java.util.stream.Stream.of(extra)).toList();
    }
}
