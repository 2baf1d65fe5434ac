package vn.onedesk.monitoring;

/** What the MQTT server records. {@code topicKind} is a bounded name such as ticket_request or unknown. */
public interface MqttMetrics {
    void connectRefused(ConnectRefusal reason);

    /** One refused device login; the device id and the address are logged, never labels. */
    void deviceLoginFailed(DeviceLoginFailure reason);

    void messageReceived(String topicKind);

    /** A received message answered with an error code instead of being handled. */
    void messageRefused(String topicKind, String errorCode);

    /** One message delivered to one subscribed device. */
    void messageSent(String topicKind);

    /** One message delivered to {@code devices} subscribed devices (a fan-out counts as many deliveries). */
    default void messagesSent(String topicKind, int devices) {
        for (int i = 0; i < devices; i++) {
            messageSent(topicKind);
        }
    }
}
