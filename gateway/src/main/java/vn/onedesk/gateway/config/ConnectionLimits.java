package vn.onedesk.gateway.config;

import java.time.Duration;

/**
 * How long a connection may take and how many one client, and everyone together, may hold: what keeps one client
 * from using up the process's file handles, which MQTT, HTTP and the database pool share. Set in the file's
 * {@code gateway.limits} or by {@code ONEDESK_*} variables (the README's table); every value has a default.
 *
 * <p>A total of 0 means "derive it from the process's open-files limit" (see the {@code net} package's
 * {@code ConnectionCaps}): the totals are then chosen so that connections can never use the last
 * {@code reservedFiles} handles. A per-address cap of 0 means no per-address cap.
 *
 * @param httpHeaderTimeout  a new HTTP connection must have sent a whole request's headers within this, or it is
 *                           closed: an idle socket that never sends a byte holds a file handle only this long
 * @param httpIdleTimeout    an HTTP connection with no byte read or written for this long is closed; a kept-alive
 *                           connection must send its next request's headers within it. Server-sent-event streams
 *                           are kept open by their heartbeat, and WebSockets (MQTT at /mqtt) by MQTT's keep-alive,
 *                           which the MQTT listener enforces, so neither is cut by it
 * @param httpRequestTimeout a request not answered within this gets 503 {@code UNAVAILABLE}; not applied to
 *                           server-sent-event streams or to /mqtt
 * @param mqttConnectTimeout an MQTT connection must send its CONNECT within this, or it is closed
 * @param httpMaxConnections total HTTP connections; 0 = derived from the open-files limit
 * @param httpMaxConnectionsPerAddress HTTP connections from one address; 0 = no cap
 * @param mqttMaxConnections total MQTT connections; 0 = derived from the open-files limit
 * @param mqttMaxConnectionsPerAddress MQTT connections from one address (the WebSocket bridge's own loopback
 *                           connections are not counted against it: the browser's address is counted at /mqtt, as
 *                           an HTTP connection); 0 = no cap
 * @param sseMaxStreams      total server-sent-event streams (a stream holds an HTTP connection for as long as it
 *                           lasts); never more than half the HTTP total
 * @param sseMaxStreamsPerAddress streams from one address; 0 = no cap
 * @param reservedFiles      file handles connections may never take: kept for the database pool, the listeners,
 *                           the JVM's own files and the embedded database's client side
 * @param mqttProxyProtocol  the MQTT listener (plain and TLS) expects HAProxy's PROXY protocol (v1 or v2) before
 *                           every connection's first byte and takes the device's address from it, for the
 *                           per-address caps and login throttles: behind a load balancer that always sends it only
 */
public record ConnectionLimits(Duration httpHeaderTimeout, Duration httpIdleTimeout, Duration httpRequestTimeout,
                               Duration mqttConnectTimeout, int httpMaxConnections, int httpMaxConnectionsPerAddress,
                               int mqttMaxConnections, int mqttMaxConnectionsPerAddress, int sseMaxStreams,
                               int sseMaxStreamsPerAddress, int reservedFiles, boolean mqttProxyProtocol) {

    /**
     * The defaults, and why:
     * <ul>
     * <li>header 10 s: a browser or device on a LAN sends its headers within milliseconds; 10 s leaves room for a
     * slow mobile link and ends an idle attacker's socket quickly;</li>
     * <li>idle 60 s: longer than browsers keep an unused connection for reuse is not useful to them, and an
     * event stream's heartbeat (15 s) is well inside it;</li>
     * <li>request 30 s: the slowest answers (a report over a period) take well under a second on a centre's data;</li>
     * <li>MQTT CONNECT 10 s: as for HTTP headers;</li>
     * <li>512 per address for MQTT and HTTP: devices of a centre each have an address of their own, and 512 leaves
     * room for a branch office or a hall behind one NAT address, while no single address can take the totals;</li>
     * <li>2,000 streams, 32 per address: a hall display or a phone needs one; a browser opens at most six
     * connections to one host, so 32 leaves room for a few people behind one address;</li>
     * <li>1,024 reserved files: the pool's 8 connections, the listeners, the JVM's jars and sockets, with a wide
     * margin.</li>
     * </ul>
     */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(10), 0, 512, 0, 512, 2000, 32, 1024, false);

    /** Without the PROXY protocol: the listeners see their clients' own addresses. */
    public ConnectionLimits(Duration httpHeaderTimeout, Duration httpIdleTimeout, Duration httpRequestTimeout,
                            Duration mqttConnectTimeout, int httpMaxConnections, int httpMaxConnectionsPerAddress,
                            int mqttMaxConnections, int mqttMaxConnectionsPerAddress, int sseMaxStreams,
                            int sseMaxStreamsPerAddress, int reservedFiles) {
        this(httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout, httpMaxConnections,
                httpMaxConnectionsPerAddress, mqttMaxConnections, mqttMaxConnectionsPerAddress, sseMaxStreams,
                sseMaxStreamsPerAddress, reservedFiles, false);
    }

    public ConnectionLimits {
        for (Duration d : new Duration[] {httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("connection timeouts must be positive, got " + d);
            }
        }
        for (int n : new int[] {httpMaxConnections, httpMaxConnectionsPerAddress, mqttMaxConnections,
                mqttMaxConnectionsPerAddress, sseMaxStreams, sseMaxStreamsPerAddress, reservedFiles}) {
            if (n < 0) {
                throw new IllegalArgumentException("connection caps must be 0 or more, got " + n);
            }
        }
    }

    public ConnectionLimits withHttpMaxConnections(int total, int perAddress) {
        return new ConnectionLimits(httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout, total,
                perAddress, mqttMaxConnections, mqttMaxConnectionsPerAddress, sseMaxStreams, sseMaxStreamsPerAddress,
                reservedFiles, mqttProxyProtocol);
    }

    public ConnectionLimits withMqttMaxConnections(int total, int perAddress) {
        return new ConnectionLimits(httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout,
                httpMaxConnections, httpMaxConnectionsPerAddress, total, perAddress, sseMaxStreams,
                sseMaxStreamsPerAddress, reservedFiles, mqttProxyProtocol);
    }

    public ConnectionLimits withSseMaxStreams(int total, int perAddress) {
        return new ConnectionLimits(httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout,
                httpMaxConnections, httpMaxConnectionsPerAddress, mqttMaxConnections, mqttMaxConnectionsPerAddress,
                total, perAddress, reservedFiles, mqttProxyProtocol);
    }

    public ConnectionLimits withTimeouts(Duration header, Duration idle, Duration request, Duration mqttConnect) {
        return new ConnectionLimits(header, idle, request, mqttConnect, httpMaxConnections,
                httpMaxConnectionsPerAddress, mqttMaxConnections, mqttMaxConnectionsPerAddress, sseMaxStreams,
                sseMaxStreamsPerAddress, reservedFiles, mqttProxyProtocol);
    }

    public ConnectionLimits withMqttProxyProtocol(boolean on) {
        return new ConnectionLimits(httpHeaderTimeout, httpIdleTimeout, httpRequestTimeout, mqttConnectTimeout,
                httpMaxConnections, httpMaxConnectionsPerAddress, mqttMaxConnections, mqttMaxConnectionsPerAddress,
                sseMaxStreams, sseMaxStreamsPerAddress, reservedFiles, on);
    }
}
