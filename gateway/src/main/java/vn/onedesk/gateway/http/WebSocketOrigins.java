package vn.onedesk.gateway.http;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser pages may open MQTT over WebSocket at {@code /mqtt} (against cross-site WebSocket hijacking: a page on
 * any site the staff's browser visits could otherwise open a socket to the gateway on the centre's LAN).
 *
 * <p>A request without {@code Origin} is not from a browser page (a device's MQTT-over-WebSocket client, a script):
 * it is allowed, and its MQTT login decides. A browser always sends {@code Origin} on a WebSocket upgrade; it is
 * allowed when it is the gateway's own, the same host as the request's {@code Host} (and the same port, when
 * {@code Host} names one), or one the configuration lists ({@code gateway.allowedOrigins}): a host name there allows
 * that host with any scheme and port, an origin ({@code https://host:port}) only itself. Anything else, {@code null}
 * included (a sandboxed frame, a file), is refused.
 */
public final class WebSocketOrigins {
    private final List<String> allowed;

    /** @param allowed lower-case host names or origins, as {@code ConfigLoader} checked them */
    public WebSocketOrigins(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public boolean allows(String origin, HostAndPort authority) {
        if (origin == null) {
            return true;
        }
        Parsed o = parse(origin);
        if (o == null) {
            return false;
        }
        if (authority != null && authority.host() != null && o.host.equals(bare(authority.host()))
                && (authority.port() < 0 || authority.port() == o.port)) {
            return true;
        }
        for (String entry : allowed) {
            if (entry.contains("://")) {
                Parsed e = parse(entry);
                if (e != null && e.equals(o)) {
                    return true;
                }
            } else if (bare(entry).equals(o.host)) {
                return true;
            }
        }
        return false;
    }

    private record Parsed(String scheme, String host, int port) {
    }

    private static Parsed parse(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))
                    || uri.getRawUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return new Parsed(scheme, bare(uri.getHost()), port);
        } catch (Exception e) {
            return null;
        }
    }

    /** Lower case, without an IPv6 address's brackets. */
    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
