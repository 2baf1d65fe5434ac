package vn.onedesk.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.displays.LiveEvent;
import vn.onedesk.gateway.displays.LiveFeeds;
import vn.onedesk.gateway.displays.Subscriber;
import vn.onedesk.gateway.net.ConnectionGate;
import vn.onedesk.monitoring.ConnectionRefusal;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.ticketing.TicketTokens;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Live waits over HTTP, for web pages and phones: the board, a server-sent-events stream of calls,
 * waits and boards (with replay of missed calls by Last-Event-ID), a ticket's view and its own
 * stream, and the QR code printed on the ticket. Everything comes from the live feeds, never by
 * polling the engine; finished tickets, which the queue no longer holds, are read from the database.
 *
 * <p>Nothing here needs a login, so nothing here is personal: the board and its stream name tickets by number, and
 * a ticket is read only by the unguessable token its QR code carries ({@link TicketTokens}), as a
 * {@link PublicTicketView} without its priority group or internal id.
 */
public final class LiveApi {
    /** How often an idle stream gets a comment line, so that proxies and browsers keep it open. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(LiveApi.class.getName());
    /** What a Host header may be before it goes into a URL: a name or address, and a port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?");
    private static final String CENTRE = "/api/v1/centres/:centre";

    private final Vertx vertx;
    private final Centres centres;
    private final LiveFeeds feeds;
    private final Pool pool;
    private final Duration heartbeat;
    /** Caps on open streams, in total and per address; none until {@link #limitStreams}. */
    private ConnectionGate streams;

    public LiveApi(Vertx vertx, Centres centres, LiveFeeds feeds, Pool pool) {
        this(vertx, centres, feeds, pool, DEFAULT_HEARTBEAT);
    }

    public LiveApi(Vertx vertx, Centres centres, LiveFeeds feeds, Pool pool, Duration heartbeat) {
        this.vertx = vertx;
        this.centres = centres;
        this.feeds = feeds;
        this.pool = pool;
        this.heartbeat = heartbeat;
    }

    /**
     * Caps the open event streams: one over the cap of its address is answered 429, over the total 503, both
     * {@code TOO_MANY_STREAMS} with {@code Retry-After}. Call before {@link #mount}.
     */
    public LiveApi limitStreams(ConnectionGate gate) {
        this.streams = gate;
        return this;
    }

    public void mount(Router router) {
        router.get(CENTRE + "/board").handler(this::board);
        router.get(CENTRE + "/waits/stream").handler(this::waitsStream);
        // A ticket is read by the token its QR code carries, never by its internal id: there is no route for that.
        router.get(CENTRE + "/tickets/by-token/:token").handler(this::ticket);
        router.get(CENTRE + "/tickets/by-token/:token/stream").handler(this::ticketStream);
        router.get(CENTRE + "/tickets/by-token/:token/qr.svg").handler(this::qr);
    }

    // ---------------------------------------------------------------- board and waits

    private void board(RoutingContext ctx) {
        String centre = ctx.pathParam("centre");
        if (!knownCentre(ctx, centre)) {
            return;
        }
        feeds.board(centre).onComplete(ar -> {
            if (ar.failed()) {
                internal(ctx, ar.cause());
            } else {
                json(ctx, 200, JsonCodec.encode(ar.result()));
            }
        });
    }

    private void waitsStream(RoutingContext ctx) {
        String centre = ctx.pathParam("centre");
        if (!knownCentre(ctx, centre)) {
            return;
        }
        if (!holdsSlot(ctx)) {
            return;
        }
        SseStream stream = SseStream.open(vertx, ctx, heartbeat);
        stream.onClose(slotRelease(ctx));
        Subscriber<LiveEvent> subscriber = Subscriber.onCurrentContext(event -> {
            if (event instanceof LiveEvent.Call call) {
                stream.event("call", call.call().seq(), JsonCodec.encodeToString(call.call()));
            } else if (event instanceof LiveEvent.Wait wait) {
                stream.event("wait", null, JsonCodec.encodeToString(wait.estimate()));
            } else if (event instanceof LiveEvent.BoardUpdate board) {
                stream.event("board", board.board().lastSeq(), JsonCodec.encodeToString(board.board()));
            }
        });
        feeds.streamWaits(centre, lastEventId(ctx), subscriber).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "waits stream of " + centre + " failed", ar.cause());
                stream.end();
            } else {
                stream.onClose(ar.result()::close);
            }
        });
    }

    /** How long a refused stream is told to wait: long enough for others to end, short enough for a display. */
    static final int STREAM_RETRY_AFTER_SECONDS = 30;
    private static final String SLOT = "onedesk.streamSlot";

    /**
     * Takes a stream slot for the client's address, kept in the context until the stream ends; or answers the
     * refusal (429 for the address's cap, 503 for the total) and returns false.
     */
    private boolean holdsSlot(RoutingContext ctx) {
        if (streams == null) {
            return true;
        }
        var remote = ctx.request().connection().remoteAddress();
        java.net.InetAddress address = null;
        if (remote != null && remote.hostAddress() != null) {
            try {
                address = java.net.InetAddress.getByName(remote.hostAddress()); // an IP literal: no name lookup
            } catch (java.net.UnknownHostException e) {
                address = null;
            }
        }
        ConnectionGate.Slot slot = streams.tryAcquire(address);
        if (slot.refused().isEmpty()) {
            ctx.put(SLOT, slot);
            // Given back once, whichever comes first: the stream's end, or an answer that is not a stream (404).
            ctx.addEndHandler(ended -> slot.release());
            return true;
        }
        boolean perAddress = slot.refused().get() == ConnectionRefusal.PER_ADDRESS;
        ctx.response().putHeader("retry-after", String.valueOf(STREAM_RETRY_AFTER_SECONDS));
        error(ctx, perAddress ? 429 : 503, ErrorCode.TOO_MANY_STREAMS, perAddress
                ? "this address already has " + streams.perAddress() + " live streams open, the most one address may"
                + " have; close one, or retry in " + STREAM_RETRY_AFTER_SECONDS + " s"
                : "the gateway already has " + streams.total() + " live streams open, the most it serves; retry in "
                + STREAM_RETRY_AFTER_SECONDS + " s");
        return false;
    }

    private static Runnable slotRelease(RoutingContext ctx) {
        ConnectionGate.Slot slot = ctx.get(SLOT);
        return slot == null ? () -> { } : slot::release;
    }

    /** The id of the last event a reconnecting client saw: the standard header, or a query parameter. */
    private static Long lastEventId(RoutingContext ctx) {
        String value = ctx.request().getHeader("Last-Event-ID");
        if (value == null) {
            value = ctx.request().getParam("lastEventId");
        }
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            return id >= 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- tickets, by their public token

    private void ticket(RoutingContext ctx) {
        String centre = ctx.pathParam("centre");
        if (!knownCentre(ctx, centre)) {
            return;
        }
        whenFound(ctx, byToken(centre, ctx.pathParam("token")).compose(found -> found.isEmpty()
                        ? Future.succeededFuture(Optional.empty()) : current(centre, found.get())),
                view -> json(ctx, 200, JsonCodec.encode(PublicTicketView.of(view))));
    }

    private void ticketStream(RoutingContext ctx) {
        String centre = ctx.pathParam("centre");
        if (!knownCentre(ctx, centre)) {
            return;
        }
        // The answer waits for the lookup, so that an unknown ticket still gets a 404 with a JSON body;
        // views that arrive before the stream starts are held back and sent first, in order.
        if (!holdsSlot(ctx)) {
            return;
        }
        SseStream stream = SseStream.prepare(vertx, ctx);
        stream.onClose(slotRelease(ctx));
        List<TicketView> early = new ArrayList<>();
        Subscriber<TicketView> subscriber = Subscriber.onCurrentContext(view -> {
            if (stream.isStarted()) {
                sendTicket(stream, view);
            } else {
                early.add(view);
            }
        });
        stream.onClose(subscriber::close);
        whenFound(ctx, byToken(centre, ctx.pathParam("token")), ticket -> watch(ctx, stream, centre, ticket,
                subscriber, early));
    }

    private void watch(RoutingContext ctx, SseStream stream, String centre, Ticket ticket,
                       Subscriber<TicketView> subscriber, List<TicketView> early) {
        feeds.watchTicket(centre, ticket.id(), subscriber).onComplete(ar -> {
            if (ar.failed()) {
                internal(ctx, ar.cause());
            } else if (ar.result().isPresent()) {
                stream.onClose(ar.result().get()::close);
                stream.start(heartbeat);
                early.forEach(view -> sendTicket(stream, view));
                early.clear();
            } else {
                // Not in the queue: finished, and its last state never changes again.
                whenFound(ctx, archived(centre, ticket), view -> {
                    if (isFinished(view) && SseStream.clientSawFinish(ctx)) {
                        // A client that ignored the "end" event and reconnected: 204 makes EventSource stop.
                        stream.end();
                        if (ctx.response().headWritten()) {
                            return;
                        }
                        ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
                        return;
                    }
                    stream.start(heartbeat);
                    sendTicket(stream, view);
                });
            }
        });
    }

    /**
     * One state of the ticket, as the public may see it. A finished ticket's state is its last: it is followed by
     * an "end" event and the stream ends, so that the page stops listening instead of reconnecting for ever.
     */
    private static void sendTicket(SseStream stream, TicketView view) {
        String json = JsonCodec.encodeToString(PublicTicketView.of(view));
        stream.event("ticket", null, json);
        if (isFinished(view)) {
            stream.finish("end", json);
        }
    }

    /** DONE and NO_SHOW are final; a transfer puts a ticket back to WAITING, so it is not. */
    private static boolean isFinished(TicketView view) {
        return view.state().equals(TicketState.DONE.name()) || view.state().equals(TicketState.NO_SHOW.name());
    }

    private void qr(RoutingContext ctx) {
        String centre = ctx.pathParam("centre");
        String token = ctx.pathParam("token");
        if (!knownCentre(ctx, centre)) {
            return;
        }
        whenFound(ctx, byToken(centre, token), ticket -> ctx.response()
                .putHeader("content-type", "image/svg+xml")
                .putHeader("cache-control", "no-store") // it holds the ticket's token: no kiosk keeps one on disk
                .end(QrSvg.of(ticketPageUrl(ctx, centre, token))));
    }

    /** Answers a failed lookup (500) or an unknown ticket (404) itself; otherwise hands the ticket on. */
    private static <T> void whenFound(RoutingContext ctx, Future<Optional<T>> lookup, Consumer<T> found) {
        lookup.onComplete(ar -> {
            if (ar.failed()) {
                internal(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                error(ctx, 404, ErrorCode.UNKNOWN_TICKET, "centre " + ctx.pathParam("centre")
                        + " has no ticket with this token; a ticket is read by the token of its QR code, never by its id");
            } else {
                found.accept(ar.result().get());
            }
        });
    }

    /** The citizen's ticket page, on the host and scheme (https with TLS) the citizen's kiosk or phone reached us by. */
    static String ticketPageUrl(RoutingContext ctx, String centre, String token) {
        String host = ctx.request().getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
        }
        return (ctx.request().isSSL() ? "https://" : "http://") + host + "/ticket/"
                + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "?c=" + URLEncoder.encode(centre, StandardCharsets.UTF_8);
    }

    /**
     * The ticket whose public token this is, as last committed. Whatever is not shaped like a token (an internal
     * ticket id, say) is unknown without asking the database; a well-shaped one costs one lookup by a unique index,
     * found or not. Tokens are 128 random bits, so trying them is hopeless and no rate limit is needed for that.
     */
    private Future<Optional<Ticket>> byToken(String centre, String token) {
        if (!TicketTokens.plausible(token)) {
            return Future.succeededFuture(Optional.empty());
        }
        return new CentreStore(pool, centre).findTicketByToken(token);
    }

    /** The ticket's view now: live from the queue while it is active, else as last stored. */
    private Future<Optional<TicketView>> current(String centre, Ticket ticket) {
        return feeds.activeTicket(centre, ticket.id())
                .compose(active -> active.isPresent() ? Future.succeededFuture(active) : archived(centre, ticket));
    }

    /**
     * A ticket the queue no longer holds. A finished row is final as read; a row read as active has finished since
     * (it left the queue), so it is read again for its last state.
     */
    private Future<Optional<TicketView>> archived(String centre, Ticket ticket) {
        CentreRuntime runtime = centres.find(centre).orElseThrow();
        Future<Optional<Ticket>> last = ticket.state().isActive()
                ? new CentreStore(pool, centre).findTicket(ticket.id())
                : Future.succeededFuture(Optional.of(ticket));
        return last.map(found -> found.map(t -> TicketViews.of(t, runtime.definition(), null, null)));
    }

    // ---------------------------------------------------------------- answers

    private boolean knownCentre(RoutingContext ctx, String centre) {
        if (centres.find(centre).isPresent() && feeds.runs(centre)) {
            return true;
        }
        error(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + centre + "'");
        return false;
    }

    private static void json(RoutingContext ctx, int status, byte[] body) {
        if (ctx.response().headWritten()) {
            return; // already answered: 503 at the database deadline (DatabaseDeadline)
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(Buffer.buffer(body));
    }

    private static void error(RoutingContext ctx, int status, ErrorCode code, String detail) {
        HttpErrors.send(ctx, status, code, detail);
    }

    private static void internal(RoutingContext ctx, Throwable cause) {
        // The route's pattern, not the path: a ticket's token is not written to the log.
        String route = ctx.currentRoute() != null && ctx.currentRoute().getPath() != null
                ? ctx.currentRoute().getPath() : "a live request";
        LOG.log(Level.WARNING, "live request " + route + " for centre " + ctx.pathParam("centre") + " failed", cause);
        if (!ctx.response().headWritten()) {
            error(ctx, 500, ErrorCode.INTERNAL, "the request failed");
        } else if (!ctx.response().ended()) {
            ctx.response().end();
        }
    }
}
