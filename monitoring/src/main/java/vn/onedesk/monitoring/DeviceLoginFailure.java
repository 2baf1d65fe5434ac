package vn.onedesk.monitoring;

/**
 * Why a device's login (MQTT CONNECT with a username and password) was refused. A small fixed set: the device id
 * claimed is never a label, since whoever connects chooses it; the log names it instead.
 */
public enum DeviceLoginFailure {
    /** No such device, or the password is wrong: one reason, as the device is answered one way for both. */
    UNKNOWN_OR_WRONG,
    /** Too many failures for this device id or this address: refused without checking the password. */
    LOCKED,
    /** Every password-check thread was taken and the queue full: refused at once, the password not checked. */
    BUSY,
    /** The device exists but is disabled (its password checked against a stand-in, as for an unknown one). */
    DISABLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
