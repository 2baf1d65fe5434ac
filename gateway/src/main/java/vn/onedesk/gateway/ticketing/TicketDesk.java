package vn.onedesk.gateway.ticketing;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.mqtt.InboundContext;
import vn.onedesk.gateway.mqtt.InboundHandler;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.Outcome;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.queue.Rejections;
import vn.onedesk.gateway.queue.ReplyRenderer;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Kiosk ticket requests: decode, hand to the centre's queue, answer once the ticket is committed.
 * The answer is stored with the ticket, so a retry with the same requestId gets the same bytes.
 *
 * <p><b>Appointments come from bookings only.</b> A request with {@code booking} is checked against the booking's row
 * ({@link #checkIn}); a request that says {@code channel: APPOINTMENT} with an {@code appointmentAt} but no booking is
 * issued as a walk-in: the kiosk's word gives no priority.
 */
public final class TicketDesk implements InboundHandler {
    private final Centres centres;
    private final TicketReplyObserver observer;
    private final TicketTokens tokens = new TicketTokens();
    /** The bookings, for check-ins; null in a gateway without them (every booking is then unknown). */
    private final BookedSlots bookings;
    private final Clock clock;

    public TicketDesk(Centres centres) {
        this(centres, TicketReplyObserver.NONE);
    }

    public TicketDesk(Centres centres, TicketReplyObserver observer) {
        this(centres, observer, null, Clock.systemUTC());
    }

    /**
     * The bookings as a check-in reads them (the booking feature's store, which this package does not depend on).
     */
    public interface BookedSlots {
        /** The booking with this code at the centre, if any. */
        Future<Optional<Booked>> find(String centre, String code);
    }

    /**
     * A booking as a check-in needs it.
     *
     * @param state            BOOKED, CANCELLED or CHECKED_IN
     * @param checkedInDevice  the kiosk that checked it in, when it is
     * @param checkedInRequest that kiosk's request id
     */
    public record Booked(String service, Instant slotStart, String state, String checkedInDevice,
                         String checkedInRequest) {
    }

    public TicketDesk(Centres centres, TicketReplyObserver observer, BookedSlots bookings, Clock clock) {
        this.centres = centres;
        this.observer = observer;
        this.bookings = bookings;
        this.clock = clock;
    }

    @Override
    public Future<Optional<ErrorCode>> handle(InboundContext context) {
        Topic reply = replyTopic(context.device());
        Decoded<TicketRequest> decoded = JsonCodec.decode(context.payload(), TicketRequest.class);
        if (decoded instanceof Decoded.Failed<TicketRequest> failed) {
            context.reply(reply, JsonCodec.encode(TicketResponse.refused(failed.requestId().orElse(null),
                    failed.error(), failed.replyLanguage())));
            return Future.succeededFuture(Optional.of(failed.error().code()));
        }
        TicketRequest request = ((Decoded.Ok<TicketRequest>) decoded).message();
        Optional<CentreRuntime> running = centres.find(context.topic().centre());
        if (running.isEmpty()) { // the administration removed the centre while this kiosk was still connected
            ProtocolError error = ProtocolError.of(ErrorCode.UNKNOWN_CENTRE,
                    "centre " + context.topic().centre() + " is not running");
            context.reply(reply, JsonCodec.encode(TicketResponse.refused(request.requestId(), error,
                    request.language())));
            return Future.succeededFuture(Optional.of(error.code()));
        }
        CentreRuntime centre = running.get();
        if (request.requeue() != null) {
            return requeue(context, reply, centre, request);
        }
        if (request.remoteCode() != null) {
            return confirmRemote(context, reply, centre, request);
        }
        if (request.booking() != null) {
            return checkIn(context, reply, centre, request);
        }
        // Without a booking, an appointment the kiosk asserts is not one: a walk-in, in line like any other.
        Command.IssueTicket command = new Command.IssueTicket(UUID.randomUUID().toString(), request.service(),
                PriorityGroup.valueOf(request.priority().name()), Channel.WALK_IN, null, request.dossier());
        // A dossier is added only when given, so that a retry of a request stored before dossiers existed still matches.
        String fingerprint = request.service() + "|" + request.priority() + "|" + request.channel() + "|"
                + request.appointmentAt() + (request.dossier() == null ? "" : "|dossier=" + request.dossier());
        // A fresh token for every attempt; a retry that the queue answers from the stored reply gets the token of
        // the ticket it issued the first time, and this one is never used.
        String token = tokens.next();
        Replies replies = new Replies(request, token);
        QueueRequest queued = new QueueRequest(context.device().id(), request.requestId(), fingerprint, command,
                replies, token);
        return centre.submit(queued).map(payload -> {
            context.reply(reply, payload);
            if (replies.issued != null) {
                observer.replied(centre.centreId(), replies.issued);
            }
            return Optional.empty();
        });
    }

    /**
     * "Tôi đã đặt lịch": a ticket for the booking's service. The booking is read first: unknown or cancelled is
     * UNKNOWN_BOOKING, checked in by another request BOOKING_USED (by this same request: its stored reply, through the
     * writer), booked for another day BOOKING_NOT_TODAY. Inside the centre's window around the slot's start
     * ({@code booking.checkInEarly} before to {@code checkInLate} after) the ticket is an APPOINTMENT at the slot's
     * start, which the queue's appointment lane serves near that time; earlier or later the same day, a WALK_IN (the
     * documented rule: the booking is used either way, so it cannot be checked in twice). The writer checks the
     * booking in within the ticket's own commit, and refuses a second request with the same booking meanwhile.
     */
    private Future<Optional<ErrorCode>> checkIn(InboundContext context, Topic reply, CentreRuntime centre,
                                                TicketRequest request) {
        Replies replies = new Replies(request, tokens.next());
        if (bookings == null) {
            return refuse(context, reply, replies, ErrorCode.UNKNOWN_BOOKING, "this gateway takes no bookings");
        }
        String code = request.booking();
        return bookings.find(centre.centreId(), code).compose(found -> {
            if (found.isEmpty() || found.get().state().equals("CANCELLED")) {
                return refuse(context, reply, replies, ErrorCode.UNKNOWN_BOOKING, "centre " + centre.centreId()
                        + (found.isEmpty() ? " has no booking " + code : ": booking " + code + " was cancelled"));
            }
            Booked booking = found.get();
            boolean retry = context.device().id().equals(booking.checkedInDevice())
                    && request.requestId().equals(booking.checkedInRequest());
            if (booking.state().equals("CHECKED_IN") && !retry) {
                return refuse(context, reply, replies, ErrorCode.BOOKING_USED, "booking " + code
                        + " was checked in already");
            }
            CentreDefinition definition = centre.definition();
            Instant now = clock.instant();
            if (!retry && !definition.serviceDay(booking.slotStart()).equals(definition.serviceDay(now))) {
                return refuse(context, reply, replies, ErrorCode.BOOKING_NOT_TODAY, "booking " + code + " is for "
                        + definition.serviceDay(booking.slotStart()) + ", not today");
            }
            boolean inWindow = !now.isBefore(booking.slotStart().minus(definition.booking().checkInEarly()))
                    && !now.isAfter(booking.slotStart().plus(definition.booking().checkInLate()));
            Command.IssueTicket command = new Command.IssueTicket(UUID.randomUUID().toString(), booking.service(),
                    PriorityGroup.valueOf(request.priority().name()),
                    inWindow ? Channel.APPOINTMENT : Channel.WALK_IN, inWindow ? booking.slotStart() : null,
                    request.dossier());
            // What the kiosk sent, not what the window decided: a retry a minute later gets the same stored reply.
            String fingerprint = "booking|" + code + "|" + request.priority()
                    + (request.dossier() == null ? "" : "|dossier=" + request.dossier());
            QueueRequest queued = new QueueRequest(context.device().id(), request.requestId(), fingerprint, command,
                    replies, replies.token, null, new QueueRequest.BookingClaim(code, inWindow));
            return centre.submit(queued).map(payload -> {
                context.reply(reply, payload);
                if (replies.issued != null) {
                    observer.replied(centre.centreId(), replies.issued);
                }
                return Optional.<ErrorCode>empty();
            });
        }, lookupFailed -> refuse(context, reply, replies, ErrorCode.UNAVAILABLE,
                "the booking could not be read; retry with the same requestId"));
    }

    private static Future<Optional<ErrorCode>> refuse(InboundContext context, Topic reply, Replies replies,
                                                      ErrorCode code, String detail) {
        context.reply(reply, replies.failed(ProtocolError.of(code, detail)));
        return Future.succeededFuture(Optional.of(code));
    }

    /**
     * "Tôi bị lỡ lượt": the citizen's missed ticket back in line, through the same writer as a counter's REQUEUE. The
     * reply carries that ticket without a token (the citizen keeps the slip they have) or the engine's refusal.
     */
    private Future<Optional<ErrorCode>> requeue(InboundContext context, Topic reply, CentreRuntime centre,
                                                TicketRequest request) {
        Replies replies = new Replies(request, null);
        QueueRequest queued = new QueueRequest(context.device().id(), request.requestId(),
                "requeue|" + request.requeue(), new Command.Requeue(request.requeue(), null), replies);
        return centre.submit(queued).map(payload -> {
            context.reply(reply, payload);
            return Optional.empty();
        });
    }

    /**
     * "Tôi đã lấy số từ xa": the code of a ticket the citizen took from their phone, which confirms that they are in
     * the hall, through the centre's writer. The reply carries that ticket without a token (the phone has its page).
     */
    private Future<Optional<ErrorCode>> confirmRemote(InboundContext context, Topic reply, CentreRuntime centre,
                                                      TicketRequest request) {
        Replies replies = new Replies(request, null);
        QueueRequest queued = new QueueRequest(context.device().id(), request.requestId(),
                "remote|" + request.remoteCode(), new Command.ConfirmRemote(request.remoteCode(),
                context.device().id()), replies);
        return centre.submit(queued).map(payload -> {
            context.reply(reply, payload);
            return Optional.empty();
        });
    }

    @Override
    public boolean repliesTo(Device device) {
        return device.role() == DeviceRole.KIOSK;
    }

    @Override
    public void refuse(InboundContext context, ProtocolError error) {
        Decoded<TicketRequest> decoded = JsonCodec.decode(context.payload(), TicketRequest.class);
        String requestId = decoded.fold(TicketRequest::requestId, f -> f.requestId().orElse(null));
        Language language = decoded.fold(TicketRequest::language, Decoded.Failed::replyLanguage);
        context.reply(replyTopic(context.device()),
                JsonCodec.encode(TicketResponse.refused(requestId, error, language)));
    }

    private static Topic replyTopic(Device kiosk) {
        return new Topic.TicketResponse(kiosk.centre(), kiosk.id());
    }

    /**
     * Renders one request's reply, remembering the ticket it issued (none if the stored reply was replayed). The
     * kiosk alone gets the ticket's public token, for the QR code and the slip.
     */
    private static final class Replies implements ReplyRenderer {
        private final TicketRequest request;
        private final String token;
        private TicketView issued;

        Replies(TicketRequest request, String token) {
            this.request = request;
            this.token = token;
        }

        @Override
        public byte[] accepted(Outcome outcome) {
            // a confirmation that changed nothing (confirmed already) touched no ticket: it is found by its code
            TicketView view = TicketViews.of(outcome.ticket().or(() -> request.remoteCode() == null ? Optional.empty()
                    : outcome.queue().remoteByCode(request.remoteCode())).orElseThrow(), outcome.queue());
            if (token == null) { // a requeued ticket: its estimate was shown when it was issued, not now
                return JsonCodec.encode(TicketResponse.issued(request.requestId(), view));
            }
            issued = view.withToken(token);
            return JsonCodec.encode(TicketResponse.issued(request.requestId(), issued));
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return failed(Rejections.error(rejection, detail));
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return JsonCodec.encode(TicketResponse.refused(request.requestId(), error, request.language()));
        }
    }
}
