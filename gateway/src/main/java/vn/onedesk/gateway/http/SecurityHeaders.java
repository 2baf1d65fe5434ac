package vn.onedesk.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * The headers every HTTP answer carries, set as its headers are written (so error answers and 304s get them too).
 *
 * <ul>
 *   <li>Pages and their assets: a Content-Security-Policy that allows only the gateway's own files. The pages load
 *       nothing from elsewhere (no CDN) and hold no inline script or style, so {@code script-src 'self'} and
 *       {@code style-src 'self'} cost nothing; {@code connect-src} adds the gateway's own {@code ws:}/{@code wss:}
 *       address for MQTT over WebSocket, which older browsers do not count as {@code 'self'}; the QR code is an
 *       image from the gateway, and {@code data:} images are allowed; no page may be framed.</li>
 *   <li>Everything else (the API, health, metrics, errors): {@code default-src 'none'}, so an answer opened as a page
 *       runs and loads nothing.</li>
 *   <li>Over TLS: {@code Strict-Transport-Security: max-age=31536000}, so a browser that once reached the gateway
 *       over HTTPS never again sends a session cookie or a password to it in clear (not {@code includeSubDomains}:
 *       the centre's other hosts are not the gateway's to decide).</li>
 *   <li>Always: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (for browsers without
 *       {@code frame-ancestors}) and {@code Referrer-Policy: no-referrer}: the citizen's ticket page holds the
 *       ticket's token in its URL, which no request the page makes may carry elsewhere.</li>
 * </ul>
 * Whether an answer holds personal data is each route's to say ({@code cache-control: no-store}).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'%s; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** A host name or IPv4 address as CSP's host-source can name it; anything else gets no ws: source of its own. */
    private static final Pattern CSP_HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> apply(ctx));
        ctx.next();
    }

    private static void apply(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("x-content-type-options", "nosniff");
        headers.set("x-frame-options", "DENY");
        headers.set("referrer-policy", "no-referrer");
        if (ctx.request().isSSL()) {
            headers.set("strict-transport-security", HSTS);
        }
        if (headers.contains("content-security-policy")) {
            return;
        }
        String type = headers.get("content-type");
        boolean page = type != null && type.regionMatches(true, 0, "text/html", 0, 9)
                || ctx.request().path() != null && ctx.request().path().startsWith("/assets/");
        headers.set("content-security-policy", page ? pagePolicy(ctx.request().authority()) : API_POLICY);
    }

    /** The page policy for a page asked for at this Host. */
    static String pagePolicy(HostAndPort authority) {
        if (authority == null || authority.host() == null || !CSP_HOST.matcher(authority.host()).matches()) {
            return String.format(PAGE_POLICY, "");
        }
        String hostPort = authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
        return String.format(PAGE_POLICY, " ws://" + hostPort + " wss://" + hostPort);
    }
}
