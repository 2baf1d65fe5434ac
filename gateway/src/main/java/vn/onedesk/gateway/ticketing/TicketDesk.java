package vn.onedesk.gateway.ticketing;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
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
 */
public final class TicketDesk implements InboundHandler {
    private final Centres centres;
    private final TicketReplyObserver observer;
    private final TicketTokens tokens = new TicketTokens();

    public TicketDesk(Centres centres) {
        this(centres, TicketReplyObserver.NONE);
    }

    public TicketDesk(Centres centres, TicketReplyObserver observer) {
        this.centres = centres;
        this.observer = observer;
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
        Command.IssueTicket command = new Command.IssueTicket(UUID.randomUUID().toString(), request.service(),
                PriorityGroup.valueOf(request.priority().name()), Channel.valueOf(request.channel().name()),
                request.appointmentAt(), request.dossier());
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
