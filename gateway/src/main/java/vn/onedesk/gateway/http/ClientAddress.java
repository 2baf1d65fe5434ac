package vn.onedesk.gateway.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Whose request it is, for limits per address: the connection's peer, or, for a request another gateway node passed
 * on (a centre written here, reached through that node), the address that node saw. Only a node of the cluster can
 * say so: {@code X-Forwarded-For} and the like from anyone else are never trusted (a client would pick its own
 * address and escape every limit).
 */
public final class ClientAddress {
    /** The header a node sets when it passes a request on to the node that writes the centre. */
    public static final String FORWARDED_BY_NODE = "X-OneDesk-Client-Address";
    /** Where the first route puts the address a trusted node gave, for the handlers after it. */
    static final String KEY = "onedesk.client-address";

    private ClientAddress() {
    }

    public static String of(RoutingContext ctx) {
        String given = ctx.get(KEY);
        if (given != null) {
            return given;
        }
        return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    }

    /**
     * The first route: takes the address a cluster node passed on if the peer is one ({@code fromNode}), and drops
     * the header otherwise, so that nothing after this can mistake it for the truth.
     */
    public static void accept(RoutingContext ctx, java.util.function.Predicate<String> fromNode) {
        String given = ctx.request().getHeader(FORWARDED_BY_NODE);
        if (given != null) {
            String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
            if (peer != null && fromNode.test(peer) && given.length() <= 64) {
                ctx.put(KEY, given);
            }
            ctx.request().headers().remove(FORWARDED_BY_NODE);
        }
        ctx.next();
    }
}
