package vn.onedesk.gateway.rating;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.rating.Completion;
import vn.onedesk.engine.rating.Completions;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.ticketing.TicketTokens;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.rating.RatingReason;

/**
 * Rating from the citizen's own phone, on the ticket page, with the ticket's token (the QR code on the slip):
 * <ul>
 *   <li>{@code GET /api/v1/centres/{c}/tickets/by-token/{token}/rating}: whether the ticket may be rated now,
 *       {@code {"rateable", "rated", "until"?}};</li>
 *   <li>{@code POST} the same path, {@code {"requestId", "score", "reasons"?}}: the rating, through the centre's
 *       single writer like a pad's; {@code 200 {"requestId", "accepted": true, "ticket"}} once it is stored, else the
 *       error (400 MALFORMED, 404 UNKNOWN_TICKET, 409 NOT_RATEABLE / ALREADY_RATED / RATING_CLOSED /
 *       DUPLICATE_REQUEST, 503 UNAVAILABLE), the same bytes for a retry with the same requestId.</li>
 * </ul>
 * The token is the secret and is never logged (errors name the route's pattern) nor stored with the rating: the
 * request is remembered under {@code phone:<ticket id>}. No rate limit beyond the token's own: 128 random bits cannot
 * be guessed, a ticket is rated once, and a refused rating writes nothing.
 */
public final class PhoneRatingApi {
    static final String PATH = "/api/v1/centres/:centre/tickets/by-token/:token/rating";
    private static final Logger LOG = Logger.getLogger(PhoneRatingApi.class.getName());
    private static final int BODY_LIMIT = 1024;
    /** The writer remembers a phone's rating under this prefix and the ticket's id. */
    static final String DEVICE_PREFIX = "phone:";

    private final Centres centres;
    private final Pool pool;
    private final Clock clock;

    public PhoneRatingApi(Centres centres, Pool pool, Clock clock) {
        this.centres = centres;
        this.pool = pool;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::status);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::rate);
    }

    private void status(RoutingContext ctx) {
        withTicket(ctx, (centre, ticket) -> centre.read(queue -> queue.completions().of(ticket.id()))
                .onFailure(e -> internal(ctx, e))
                .onSuccess(found -> {
                    JsonObject body = new JsonObject();
                    Instant now = clock.instant();
                    Optional<Completion> open = found.filter(c -> !c.rated()
                            && !now.isAfter(Completions.phoneClosesAt(c)));
                    body.put("rateable", open.isPresent());
                    body.put("rated", found.map(Completion::rated).orElse(false));
                    open.ifPresent(c -> body.put("until", Completions.phoneClosesAt(c).toString()));
                    json(ctx, 200, Buffer.buffer(body.encode()));
                }));
    }

    private void rate(RoutingContext ctx) {
        byte[] payload = ctx.body() == null || ctx.body().buffer() == null ? new byte[0]
                : ctx.body().buffer().getBytes();
        Decoded<PhoneRating> decoded = JsonCodec.decode(payload, PhoneRating.class);
        if (decoded instanceof Decoded.Failed<PhoneRating> failed) {
            HttpErrors.send(ctx, 400, failed.error().code(), failed.error().detail());
            return;
        }
        PhoneRating rating = ((Decoded.Ok<PhoneRating>) decoded).message();
        withTicket(ctx, (centre, ticket) -> {
            var reasons = rating.reasons().stream().map(RatingReason::name).toList();
            RatingDesk.Replies replies = new RatingDesk.Replies(rating.requestId(), ticket.number(),
                    HttpErrors.language(ctx));
            centre.submit(new QueueRequest(DEVICE_PREFIX + ticket.id(), rating.requestId(),
                            rating.score() + "|" + reasons, Command.RateService.byPhone(ticket.id(), rating.score(),
                            reasons), replies))
                    .onFailure(e -> internal(ctx, e))
                    .onSuccess(reply -> json(ctx, status(reply), Buffer.buffer(reply)));
        });
    }

    /** 200 for an accepted rating, else by the error's code. */
    private static int status(byte[] reply) {
        JsonObject json = new JsonObject(Buffer.buffer(reply));
        if (json.getBoolean("accepted", false)) {
            return 200;
        }
        ErrorCode code = ErrorCode.valueOf(json.getJsonObject("error").getString("code"));
        return switch (code) {
            case MALFORMED -> 400;
            case UNKNOWN_TICKET -> 404;
            case UNAVAILABLE, INTERNAL -> 503;
            default -> 409;
        };
    }

    /** The centre and the ticket whose token this is; answers 404 itself when either is unknown. */
    private void withTicket(RoutingContext ctx, java.util.function.BiConsumer<CentreRuntime, Ticket> found) {
        String centreId = ctx.pathParam("centre");
        Optional<CentreRuntime> centre = centres.find(centreId);
        if (centre.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + centreId + "'");
            return;
        }
        String token = ctx.pathParam("token");
        Future<Optional<Ticket>> lookup = TicketTokens.plausible(token)
                ? new CentreStore(pool, centreId).findTicketByToken(token)
                : Future.succeededFuture(Optional.empty());
        lookup.onFailure(e -> internal(ctx, e)).onSuccess(ticket -> {
            if (ticket.isEmpty()) {
                HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_TICKET, "centre " + centreId
                        + " has no ticket with this token");
            } else {
                found.accept(centre.get(), ticket.get());
            }
        });
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body);
    }

    private static void internal(RoutingContext ctx, Throwable cause) {
        // The route's pattern, never the path: the path holds the ticket's token.
        LOG.log(Level.WARNING, "phone rating " + PATH + " for centre " + ctx.pathParam("centre") + " failed", cause);
        HttpErrors.send(ctx, 500, ErrorCode.INTERNAL, "the request failed");
    }

}
