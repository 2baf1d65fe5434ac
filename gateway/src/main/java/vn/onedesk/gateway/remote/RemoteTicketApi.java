package vn.onedesk.gateway.remote;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.gateway.config.RemoteTicketSettings;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.http.PublicTicketView;
import vn.onedesk.gateway.http.QrSvg;
import vn.onedesk.gateway.phones.PhoneNumbers;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.Outcome;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.queue.Rejections;
import vn.onedesk.gateway.queue.ReplyRenderer;
import vn.onedesk.gateway.security.RateLimiter;
import vn.onedesk.gateway.ticketing.TicketTokens;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.ticketing.RemoteCodes;

/**
 * Remote tickets from the citizen's phone (README "Remote tickets"): {@code POST /api/v1/centres/{c}/remote-tickets}
 * {@code {"requestId", "service", "phone"}} takes a ticket (channel REMOTE) through the centre's single writer, like a
 * kiosk's, and answers once it is committed: {@code 201 {"requestId", "accepted": true, "token", "code", "ticketPage",
 * "ticket"}}, the same bytes for a retry with the same requestId (the page makes one id per tap and keeps it until it
 * has an answer). The ticket waits in line like any other and must be confirmed in the hall with {@code code}; the
 * rule is the engine's ({@link vn.onedesk.engine.ticketing.RemoteHold}). {@code GET .../remote-tickets/{code}/qr.svg}
 * draws a code as a QR code for the ticket page.
 *
 * <p>Refusals: 400 MALFORMED / INVALID_FIELD (the {@code field} named), 404 UNKNOWN_CENTRE / UNKNOWN_SERVICE, 409
 * SERVICE_CLOSED (outside the sessions, or no counter serves it now), REMOTE_LIMIT, DUPLICATE_REQUEST, 429
 * TOO_MANY_REQUESTS with Retry-After (the address's hourly rate), 503 UNAVAILABLE.
 *
 * <p>The phone number is never stored nor logged: only its keyed hash ({@link vn.onedesk.gateway.config.PhoneKey}),
 * with the ticket while it waits (the per-phone bound) and in the request's fingerprint (a retry must be the same
 * request). Nothing here needs a login: what it answers is the citizen's own ticket.
 */
public final class RemoteTicketApi {
    static final String PATH = "/api/v1/centres/:centre/remote-tickets";
    /** The writer remembers remote requests under this device and the client's requestId. */
    static final String DEVICE = "remote-web";
    private static final Logger LOG = Logger.getLogger(RemoteTicketApi.class.getName());
    private static final int BODY_LIMIT = 1024;
    /** QR codes one address may ask for a minute (a ticket page asks once per load). */
    static final int QR_PER_MINUTE = 120;

    private final Centres centres;
    private final Clock clock;
    private final RemoteTicketSettings settings;
    private final AddressRate rate;
    private final TicketTokens tokens = new TicketTokens();
    private final SecureRandom random = new SecureRandom();
    private final RateLimiter qrReads = new RateLimiter(QR_PER_MINUTE, Duration.ofMinutes(1));

    public RemoteTicketApi(Centres centres, Clock clock, RemoteTicketSettings settings) {
        this.centres = centres;
        this.clock = clock;
        this.settings = settings;
        this.rate = new AddressRate(settings.perAddressPerHour());
    }

    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::take);
        router.get(PATH + "/:code/qr.svg").handler(this::qr);
    }

    /**
     * {@code GET /api/v1/centres/{c}/remote-tickets/{code}/qr.svg}: the code as a QR code, for the ticket page, so
     * that the kiosk's scanner reads it from the phone's screen. Only the code is in it (the scanner types it back as
     * the kiosk's {@code remoteCode}), and nothing is looked up: the answer is the same for a code that names no
     * ticket, so this cannot tell anyone which codes are in use. Bounded per address like the booking's QR codes.
     */
    private void qr(RoutingContext ctx) {
        String centreId = ctx.pathParam("centre");
        if (centres.find(centreId).isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + centreId + "'");
            return;
        }
        Optional<Duration> wait = qrReads.acquire(vn.onedesk.gateway.http.ClientAddress.of(ctx), clock.instant());
        if (wait.isPresent()) {
            ctx.response().putHeader("retry-after", String.valueOf(Math.max(1, wait.get().toSeconds())));
            HttpErrors.send(ctx, 429, ErrorCode.TOO_MANY_REQUESTS, "at most " + QR_PER_MINUTE
                    + " QR codes a minute from one address");
            return;
        }
        String code = ctx.pathParam("code");
        if (!canonical(code)) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_REMOTE_TICKET, "not a remote ticket's code: "
                    + RemoteCodes.LENGTH + " characters of " + RemoteCodes.ALPHABET);
            return;
        }
        ctx.response().putHeader("content-type", "image/svg+xml").putHeader("cache-control", "no-store")
                .end(QrSvg.of(code));
    }

    /** Whether the code is one as the gateway writes it (capitals of the alphabet, nothing else). */
    private static boolean canonical(String code) {
        try {
            return code != null && RemoteCodes.normalised("code", code).equals(code);
        } catch (Fields.InvalidFieldException e) {
            return false;
        }
    }

    private void take(RoutingContext ctx) {
        String centreId = ctx.pathParam("centre");
        Optional<CentreRuntime> centre = centres.find(centreId);
        if (centre.isEmpty()) {
            HttpErrors.send(ctx, 404, ErrorCode.UNKNOWN_CENTRE, "this gateway runs no centre '" + centreId + "'");
            return;
        }
        Optional<Duration> wait = rate.take(vn.onedesk.gateway.http.ClientAddress.of(ctx), clock.instant());
        if (wait.isPresent()) {
            ctx.response().putHeader("retry-after", String.valueOf(Math.max(1, wait.get().toSeconds())));
            HttpErrors.send(ctx, 429, ErrorCode.TOO_MANY_REQUESTS, "at most " + settings.perAddressPerHour()
                    + " remote tickets an hour from one address");
            return;
        }
        JsonObject body;
        try {
            body = ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            HttpErrors.send(ctx, 400, ErrorCode.MALFORMED, "the body must be a JSON object"
                    + " {\"requestId\", \"service\", \"phone\"}");
            return;
        }
        String requestId;
        String service;
        try {
            requestId = Fields.identifier("requestId", body.getValue("requestId") instanceof String s ? s : null);
            service = Fields.identifier("service", body.getValue("service") instanceof String s ? s : null);
        } catch (Fields.InvalidFieldException e) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_FIELD, e.field(), e.getMessage());
            return;
        }
        Optional<String> phone = PhoneNumbers.mobile(body.getValue("phone") instanceof String s ? s : null);
        if (phone.isEmpty()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_FIELD, "phone", "'phone' must be a Vietnamese mobile number"
                    + " such as 0912 345 678 or +84 912 345 678");
            return;
        }
        String holder = settings.phoneKey().hash(phone.get());
        String token = tokens.next();
        Replies replies = new Replies(requestId, centreId, token, HttpErrors.language(ctx));
        Command.IssueTicket command = Command.IssueTicket.remote(UUID.randomUUID().toString(), service,
                RemoteHold.taken(holder, code()));
        centre.get().submit(new QueueRequest(DEVICE, requestId, "remote|" + service + "|" + holder, command, replies,
                        token))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "remote ticket for centre " + centreId + " failed", e);
                    HttpErrors.send(ctx, 500, ErrorCode.INTERNAL, "the request failed");
                })
                .onSuccess(reply -> {
                    if (!ctx.response().headWritten()) {
                        ctx.response().setStatusCode(status(reply))
                                .putHeader("content-type", "application/json; charset=utf-8")
                                .putHeader("cache-control", "no-store").end(Buffer.buffer(reply));
                    }
                });
    }

    /** A fresh confirmation code; the engine refuses one in use (INVALID_STATE), and a retry draws another. */
    private String code() {
        StringBuilder code = new StringBuilder(RemoteCodes.LENGTH);
        for (int i = 0; i < RemoteCodes.LENGTH; i++) {
            code.append(RemoteCodes.ALPHABET.charAt(random.nextInt(RemoteCodes.ALPHABET.length())));
        }
        return code.toString();
    }

    /** 201 for a ticket taken, else by the error's code: the stored reply of a retry gets the first answer's status. */
    static int status(byte[] reply) {
        JsonObject json = new JsonObject(Buffer.buffer(reply));
        if (json.getBoolean("accepted", false)) {
            return 201;
        }
        ErrorCode code = ErrorCode.valueOf(json.getJsonObject("error").getString("code"));
        return switch (code) {
            case MALFORMED, INVALID_FIELD -> 400;
            case UNKNOWN_CENTRE, UNKNOWN_SERVICE -> 404;
            case UNAVAILABLE, INTERNAL, INVALID_STATE -> 503; // INVALID_STATE: a code in use, which a retry redraws
            default -> 409;
        };
    }

    /** The answer to one request: the ticket with its token and code, or the error, as JSON. */
    private static final class Replies implements ReplyRenderer {
        private final String requestId;
        private final String centre;
        private final String token;
        private final Language language;

        Replies(String requestId, String centre, String token, Language language) {
            this.requestId = requestId;
            this.centre = centre;
            this.token = token;
            this.language = language;
        }

        @Override
        public byte[] accepted(Outcome outcome) {
            var ticket = outcome.ticket().orElseThrow();
            PublicTicketView view = PublicTicketView.of(TicketViews.of(ticket, outcome.queue()));
            JsonObject json = new JsonObject().put("requestId", requestId).put("accepted", true)
                    .put("token", token).put("code", ticket.remote().code())
                    .put("ticketPage", "/ticket/" + token + "?c=" + centre)
                    .put("ticket", new JsonObject(JsonCodec.encodeToString(view)));
            return json.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return failed(Rejections.error(rejection, detail));
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return HttpErrors.body(error.code(), error.detail(), language).put("requestId", requestId).encode()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
