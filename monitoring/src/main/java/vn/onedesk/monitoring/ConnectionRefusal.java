package vn.onedesk.monitoring;

/** Which cap refused a connection or a stream. */
public enum ConnectionRefusal {
    /** The listener holds as many as it may in total (derived from the process's open-files limit). */
    TOTAL,
    /** The client's address holds as many as one address may. */
    PER_ADDRESS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
