package vn.onedesk.monitoring;

/** What the connection caps record. Addresses are never labels: they are logged (rate-limited) instead. */
public interface ConnectionMetrics {
    /** A connection (or stream) closed or answered at once because a cap was reached. */
    void connectionRefused(ConnectionListener listener, ConnectionRefusal reason);

    /** How many connections (or streams) are open now. */
    void connectionsOpen(ConnectionListener listener, int open);
}
