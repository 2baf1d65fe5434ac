package vn.onedesk.gateway.rating;

import io.vertx.core.Future;
import java.util.Optional;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
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
import vn.onedesk.protocol.rating.RatingReason;
import vn.onedesk.protocol.rating.RatingReply;
import vn.onedesk.protocol.rating.RatingSubmit;

/**
 * A rating pad's ratings: decode, hand to the centre's single writer as a {@link Command.RateService} at the pad's
 * counter, and reply once the rating is committed (or refused). The writer remembers the reply by pad and requestId,
 * so a retry gets the same bytes. The engine decides whether the ticket may be rated; nothing here re-derives it.
 */
public final class RatingDesk implements InboundHandler {
    private final Centres centres;

    public RatingDesk(Centres centres) {
        this.centres = centres;
    }

    @Override
    public Future<Optional<ErrorCode>> handle(InboundContext context) {
        Topic.RatingSubmit topic = (Topic.RatingSubmit) context.topic();
        Topic reply = replyTopic(context.device());
        Decoded<RatingSubmit> decoded = JsonCodec.decode(context.payload(), RatingSubmit.class);
        if (decoded instanceof Decoded.Failed<RatingSubmit> failed) {
            context.reply(reply, JsonCodec.encode(RatingReply.refused(failed.requestId().orElse(null), null,
                    failed.error(), failed.replyLanguage())));
            return Future.succeededFuture(Optional.of(failed.error().code()));
        }
        RatingSubmit submit = ((Decoded.Ok<RatingSubmit>) decoded).message();
        Optional<CentreRuntime> centre = centres.find(topic.centre());
        if (centre.isEmpty()) { // removed by the administration while the pad was connected
            context.reply(reply, JsonCodec.encode(RatingReply.refused(submit.requestId(), submit.ticket(),
                    ProtocolError.of(ErrorCode.UNKNOWN_CENTRE, "centre " + topic.centre() + " is not running"),
                    submit.language())));
            return Future.succeededFuture(Optional.of(ErrorCode.UNKNOWN_CENTRE));
        }
        var reasons = RatingSubmit.reasonsOf(submit).stream().map(RatingReason::name).toList();
        String fingerprint = topic.counter() + "|" + submit.ticket() + "|" + submit.score() + "|" + reasons;
        Replies replies = new Replies(submit.requestId(), submit.ticket(), submit.language());
        return centre.get().submit(new QueueRequest(context.device().id(), submit.requestId(), fingerprint,
                        Command.RateService.atPad(topic.counter(), submit.ticket(), submit.score(), reasons), replies))
                .map(payload -> {
                    context.reply(reply, payload);
                    return Optional.empty();
                });
    }

    @Override
    public boolean repliesTo(Device device) {
        return device.role() == DeviceRole.RATING_PAD;
    }

    @Override
    public void refuse(InboundContext context, ProtocolError error) {
        Decoded<RatingSubmit> decoded = JsonCodec.decode(context.payload(), RatingSubmit.class);
        String requestId = decoded.fold(RatingSubmit::requestId, f -> f.requestId().orElse(null));
        Language language = decoded.fold(RatingSubmit::language, Decoded.Failed::replyLanguage);
        // A refusal before the queue (forbidden, too large) names no ticket: nothing was looked at.
        context.reply(replyTopic(context.device()), JsonCodec.encode(RatingReply.refused(requestId, null, error,
                language)));
    }

    private static Topic replyTopic(Device pad) {
        return new Topic.RatingReplies(pad.centre(), pad.counter());
    }

    /** The pad's reply: accepted, or the engine's refusal with its stable code. */
    record Replies(String requestId, String ticket, Language language) implements ReplyRenderer {
        @Override
        public byte[] accepted(Outcome outcome) {
            return JsonCodec.encode(RatingReply.done(requestId, ticket));
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return failed(Rejections.error(rejection, detail));
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return JsonCodec.encode(RatingReply.refused(requestId, ticket, error, language));
        }
    }
}
