package vn.onedesk.monitoring;

/** Where a connection (or a stream on one) was opened, as the {@code listener} label says. */
public enum ConnectionListener {
    /** The MQTT port (devices, and the WebSocket bridge's loopback connections). */
    MQTT,
    /** The HTTP port (pages, the API, MQTT over WebSocket at /mqtt). */
    HTTP,
    /** Server-sent-event streams on the HTTP port (the waits and a ticket's stream). */
    SSE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
