package vn.onedesk.monitoring;

/** What device presence records. {@code kind} is the device's role (KIOSK, COUNTER, DISPLAY). */
public interface DeviceMetrics {
    /** A configured device, offline until it connects: its series exist from the start. */
    void deviceKnown(String centre, String kind, String device);

    void deviceConnected(String centre, String kind, String device);

    void deviceOffline(String centre, String kind, String device, OfflineCause cause);

    void heartbeat(String centre, String kind, String device);

    /** @param paper one of {@link Metric#PAPER_STATES} */
    void printer(String centre, String kind, String device, String paper, boolean jammed);
}
