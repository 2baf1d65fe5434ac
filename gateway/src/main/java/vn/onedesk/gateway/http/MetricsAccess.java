package vn.onedesk.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
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

    /** 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6; never a name (the peer is always an address). */
    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(java.util.Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")
                || a.matches("(::ffff:|0:0:0:0:0:ffff:)127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
