package vn.onedesk.gateway.mqtt;

import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is really at the other end of a connection the {@link WebSocketBridge} made. The bridge dials the MQTT
 * listener from loopback, so the listener sees {@code 127.0.0.1:<port>} for every browser; the bridge notes, for the
 * local address of each connection it opens, the address of the browser it carries, before a byte of it is
 * forwarded (so before its CONNECT), and forgets it when the connection closes. The login throttle then counts a
 * browser's failures against the browser's address, not against loopback, which every browser shares.
 *
 * <p>Only the bridge's own loopback sockets are noted: a client elsewhere cannot have a remote address that
 * matches one, and a local client cannot take a port that a live bridge socket holds. Thread-safe.
 */
public final class BridgedPeers {
    private final Map<String, String> browsers = new ConcurrentHashMap<>();

    /** The bridge opened {@code local} (its end of the loopback connection) for the browser at {@code browser}. */
    void opened(SocketAddress local, SocketAddress browser) {
        if (local != null && browser != null) {
            browsers.put(key(local), browser.hostAddress() != null ? browser.hostAddress() : browser.host());
        }
    }

    void closed(SocketAddress local) {
        if (local != null) {
            browsers.remove(key(local));
        }
    }

    /** The browser's address, if {@code remote} (as the MQTT listener sees a client) is one of the bridge's sockets. */
    Optional<String> browser(SocketAddress remote) {
        return remote == null ? Optional.empty() : Optional.ofNullable(browsers.get(key(remote)));
    }

    /** The address a login is counted against: the browser's for a bridged connection, else the client's own. */
    String addressOf(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return browser(remote).orElse(remote.hostAddress() != null ? remote.hostAddress() : remote.host());
    }

    int size() {
        return browsers.size();
    }

    private static String key(SocketAddress address) {
        return (address.hostAddress() != null ? address.hostAddress() : address.host()) + "|" + address.port();
    }
}
