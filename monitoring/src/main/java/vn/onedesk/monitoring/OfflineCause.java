package vn.onedesk.monitoring;

/** Why a device went offline. */
public enum OfflineCause {
    /** It dropped without DISCONNECT and the gateway published its last will. */
    LAST_WILL,
    /** It disconnected, or dropped without a last will of its own. */
    DISCONNECTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
