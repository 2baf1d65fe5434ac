package vn.onedesk.protocol;

/**
 * Published on {@code onedesk/v1/{c}/devices/{deviceId}/errors} when a device's message has no
 * reply topic of its own to carry the error.
 *
 * @param topic     the topic the device published or subscribed to
 * @param requestId the request id of the message, when it could be read
 */
public record DeviceError(String topic, String requestId, ErrorView error) {

    /** The most characters of a topic an error repeats; a longer one is cut there and ends with "…". */
    public static final int MAX_TOPIC_ECHO = 200;

    public DeviceError {
        topic = boundedTopic(topic);
    }

    /**
     * A topic as an error may repeat it: whole up to {@link #MAX_TOPIC_ECHO} characters, else its first
     * {@value #MAX_TOPIC_ECHO} followed by "…", so a device that publishes on a 60 KB topic gets a small error.
     */
    public static String boundedTopic(String topic) {
        if (topic == null || topic.length() <= MAX_TOPIC_ECHO) {
            return topic;
        }
        int end = MAX_TOPIC_ECHO;
        if (Character.isHighSurrogate(topic.charAt(end - 1))) {
            end--;
        }
        return topic.substring(0, end) + "…";
    }

    /** The error in the language the refused message asked for (Vietnamese when it did not or could not). */
    public static DeviceError of(String topic, String requestId, ProtocolError error, Language language) {
        return new DeviceError(topic, requestId, error.view(language));
    }
}
