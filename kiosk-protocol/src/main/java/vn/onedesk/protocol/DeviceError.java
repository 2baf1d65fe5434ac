package vn.onedesk.protocol;

/**
 * Published on {@code onedesk/v1/{c}/devices/{deviceId}/errors} when a device's message has no
 * reply topic of its own to carry the error.
 *
 * @param topic     the topic the device published or subscribed to
 * @param requestId the request id of the message, when it could be read
 */
public record DeviceError(String topic, String requestId, ErrorView error) {

    /** The error in the language the refused message asked for (Vietnamese when it did not or could not). */
    public static DeviceError of(String topic, String requestId, ProtocolError error, Language language) {
        return new DeviceError(topic, requestId, error.view(language));
    }
}
