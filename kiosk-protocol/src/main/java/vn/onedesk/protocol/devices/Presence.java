package vn.onedesk.protocol.devices;

/** Whether a device is connected; OFFLINE is what a device's last will says. */
public enum Presence {
    ONLINE,
    OFFLINE
}
