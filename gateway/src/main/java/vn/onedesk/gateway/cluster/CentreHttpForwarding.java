package vn.onedesk.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.onedesk.gateway.http.ClientAddress;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.protocol.ErrorCode;

/**
 * HTTP for a centre written by another node: the hall display's board and event streams, a ticket's page and stream,
 * a rating by a ticket's token, the live administration of the centre, a screen's configuration ({@code ?c=}). Each node puts the address of its HTTP
 * listener, for every centre it writes, in a cluster-wide map; a request that reaches another node is passed to that
 * address by Vert.x's reverse proxy, which streams the answer back (an SSE stream stays open through it). While a
 * centre has no writer (a failover) the answer is 503 UNAVAILABLE with Retry-After.
 *
 * <p>The hop between nodes is inside the cluster's private network; over TLS the proxy does not check the other
 * node's certificate (its name is the public one, not the node's address).
 */
public final class CentreHttpForwarding {
    private static final Logger LOG = Logger.getLogger(CentreHttpForwarding.class.getName());
    private static final Pattern CENTRE_PATH = Pattern.compile("^/api/v1/(?:admin/)?centres/([^/?#]+)");
    private static final String MAP = "onedesk.centre-http";
    private static final String PAGES_CONFIG = "/api/v1/pages/config";

    private final Vertx vertx;
    private final Predicate<String> writtenHere;
    private final Predicate<String> known;
    private final HttpProxy proxy;
    /** Where the last request for each centre went; read by the proxy once the request is handed to it. */
    private final Map<String, SocketAddress> origins = new ConcurrentHashMap<>();
    private final Map<String, Boolean> mine = new ConcurrentHashMap<>();
    private volatile AsyncMap<String, String> addresses;
    private volatile String self;
    private volatile java.util.Set<String> peers = java.util.Set.of();
    private static final long PEERS_MS = 5_000;

    /**
     * @param writtenHere whether this node writes the centre now
     * @param known       whether the centre exists in the cluster (an unknown one is this node's 404 to give)
     * @param tls         whether the nodes listen over TLS
     */
    public CentreHttpForwarding(Vertx vertx, Predicate<String> writtenHere, Predicate<String> known, boolean tls) {
        this.vertx = vertx;
        this.writtenHere = writtenHere;
        this.known = known;
        HttpClientOptions options = new HttpClientOptions().setSsl(tls).setTrustAll(tls).setVerifyHost(false)
                .setKeepAlive(true);
        this.proxy = HttpProxy.reverseProxy(vertx.createHttpClient(options))
                .origin(OriginRequestProvider.selector(context -> {
                    HttpServerRequest original = context.request().proxiedRequest();
                    String centre = centreOf(original.path()).or(() -> PAGES_CONFIG.equals(original.path())
                            ? Optional.ofNullable(original.getParam("c")) : Optional.empty()).orElse("");
                    SocketAddress origin = origins.get(centre);
                    return origin == null ? Future.failedFuture("no node writes centre " + centre)
                            : Future.succeededFuture(origin);
                }));
    }

    public Future<Void> start() {
        return vertx.sharedData().<String, String>getAsyncMap(MAP).map(map -> {
            addresses = map;
            refreshPeers();
            vertx.setPeriodic(PEERS_MS, t -> refreshPeers());
            return null;
        });
    }

    /**
     * The hosts of the nodes' HTTP listeners, as they announced them: a request from one of them may say whose it
     * is. Read every few seconds; a node that joined since is trusted from the next read.
     */
    private void refreshPeers() {
        addresses.entries().onSuccess(entries -> {
            java.util.Set<String> hosts = ConcurrentHashMap.newKeySet();
            entries.values().forEach(a -> {
                int colon = a.lastIndexOf(':');
                if (colon > 0) {
                    hosts.add(resolved(a.substring(0, colon)));
                }
            });
            if (self != null) {
                hosts.add(resolved(self.substring(0, self.lastIndexOf(':'))));
            }
            peers = hosts;
        });
    }

    /**
     * An IP literal in the form a connection's peer has ({@code 127.0.0.1}, {@code ::1}); a name is kept as it is and
     * so never matches a peer (resolving it here would block the event loop): nodes that announce names are not
     * trusted to pass on addresses, and their forwarded requests count against the forwarding node's address.
     */
    private static String resolved(String host) {
        boolean literal = host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || host.contains(":") && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!literal) {
            return host;
        }
        try {
            return java.net.InetAddress.getByName(host).getHostAddress(); // a literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            return host;
        }
    }

    /** This node's HTTP listener, as the other nodes reach it: from now on its centres are announced. */
    public void listening(String host, int port) {
        self = host + ":" + port;
        mine.keySet().forEach(this::announce);
    }

    /** This node writes the centre from now on. */
    public void gained(String centre) {
        mine.put(centre, true);
        if (self != null) {
            announce(centre);
        }
    }

    /** This node no longer writes the centre. */
    public void lost(String centre) {
        mine.remove(centre);
        if (self != null && addresses != null) {
            addresses.removeIfPresent(centre, self).onFailure(e -> LOG.fine(() -> "centre " + centre
                    + ": the cluster has not heard that this node's HTTP stopped serving it: " + e.getMessage()));
        }
    }

    /**
     * First of the routes: the client's address another node passed on is taken when that node is a peer (for the
     * limits per address); requests for centres written elsewhere go there, the others go on.
     */
    public void mount(Router router) {
        router.route().handler(ctx -> ClientAddress.accept(ctx, peers::contains));
        router.routeWithRegex(CENTRE_PATH.pattern() + ".*").handler(ctx -> route(ctx, centreOf(ctx.request().path())));
        // a screen's configuration names its centre in the query (?c=): the writer has the centre's live definition
        router.get(PAGES_CONFIG).handler(ctx -> route(ctx, Optional.ofNullable(ctx.request().getParam("c"))));
    }

    private void route(RoutingContext ctx, Optional<String> centre) {
        if (centre.isEmpty() || writtenHere.test(centre.get()) || !known.test(centre.get()) || addresses == null) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        request.pause(); // its body waits for the proxy
        addresses.get(centre.get()).onComplete(ar -> {
            String address = ar.succeeded() ? ar.result() : null;
            int colon = address == null ? -1 : address.lastIndexOf(':');
            if (colon < 0 || address.equals(self)) {
                request.resume();
                ctx.response().putHeader("Retry-After", "1");
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "centre " + centre.get()
                        + " is moving to another gateway node");
                return;
            }
            origins.put(centre.get(), SocketAddress.inetSocketAddress(Integer.parseInt(address.substring(colon + 1)),
                    address.substring(0, colon)));
            // the writer's limits per address count the citizen, not this node
            request.headers().set(ClientAddress.FORWARDED_BY_NODE, ClientAddress.of(ctx));
            proxy.handle(request);
        });
    }

    private void announce(String centre) {
        if (addresses != null) {
            addresses.put(centre, self).onFailure(e -> LOG.warning("centre " + centre
                    + ": could not tell the cluster where its HTTP is served: " + e.getMessage()));
        }
    }

    static Optional<String> centreOf(String path) {
        Matcher m = path == null ? null : CENTRE_PATH.matcher(path);
        return m != null && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
