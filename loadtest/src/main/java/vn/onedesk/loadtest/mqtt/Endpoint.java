package vn.onedesk.loadtest.mqtt;

/**
 * Where the MQTT server listens, and the loopback addresses the load may connect from. One source
 * address has about 28,000 ephemeral ports towards one server port; more connections than that are
 * spread over 127.0.0.1, 127.0.0.2, ... (all of 127/8 is loopback on Linux).
 */
public record Endpoint(String host, int port, int sourceAddresses) {
    public static final int CONNECTIONS_PER_SOURCE = 25_000;

    public Endpoint {
        if (sourceAddresses < 1 || sourceAddresses > 250) {
            throw new IllegalArgumentException("between 1 and 250 source addresses");
        }
    }

    public static Endpoint forConnections(String host, int port, int connections) {
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        int sources = loopback ? Math.max(1, (connections + CONNECTIONS_PER_SOURCE - 1) / CONNECTIONS_PER_SOURCE) : 1;
        return new Endpoint(host.equals("localhost") ? "127.0.0.1" : host, port, sources);
    }

    /** The address connection {@code index} binds to, or null to let the kernel choose. */
    public String sourceFor(int index) {
        return sourceAddresses == 1 ? null : "127.0.0." + (1 + index % sourceAddresses);
    }
}
