package vn.onedesk.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.onedesk.gateway.config.MetricsToken;
import vn.onedesk.protocol.ErrorCode;

/**
 * Who may read {@code /metrics}. With a token configured ({@code gateway.metricsToken} or
 * {@code ONEDESK_METRICS_TOKEN}), every caller must send {@code Authorization: Bearer <token>}, loopback
 * included. Without one, only loopback callers may (the demo, and a Prometheus on the same machine); the rest get
 * 401. The caller's address is the TCP peer's: a forwarded-for header is never believed, so a reverse proxy on the
 * same machine makes every caller loopback, and then a token is the way.
 */
public final class MetricsAccess implements Handler<RoutingContext> {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private final Optional<MetricsToken> token;

    public MetricsAccess(Optional<MetricsToken> token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allows(ctx.request().remoteAddress(), ctx.request().getHeader("authorization"))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("www-authenticate", "Bearer realm=\"OneDesk metrics\"");
        HttpErrors.send(ctx, 401, ErrorCode.UNAUTHENTICATED, token.isPresent()
                ? "/metrics needs Authorization: Bearer <the token of gateway.metricsToken or ONEDESK_METRICS_TOKEN>"
                : "without a metrics token configured, /metrics answers loopback callers only; set"
                        + " ONEDESK_METRICS_TOKEN (or gateway.metricsToken) to scrape from another machine");
    }

    /** Whether a caller at {@code peer} sending this Authorization header may read the metrics. */
    boolean allows(SocketAddress peer, String authorization) {
        if (token.isPresent()) {
            return token.get().matches(bearer(authorization));
        }
        return peer != null && isLoopback(peer.hostAddress());
    }

    /** In words, for the startup log. */
    public String describe() {
        return token.isPresent() ? "bearer token required (gateway.metricsToken)"
                : "loopback callers only; set ONEDESK_METRICS_TOKEN to scrape from elsewhere";
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") ? parts[1].trim() : null;
    }

    /**
     * 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6, in any spelling. Only an address literal is parsed
     * (the peer is always one), so this never asks DNS.
     */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        Matcher v4 = IPV4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(1).equals("127");
        }
        if (!address.contains(":") || !address.matches("[0-9A-Za-z:.%_-]+")) {
            return false;
        }
        try {
            // With a colon, Java parses an IPv6 literal and never asks DNS; an IPv4-mapped one becomes IPv4.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
