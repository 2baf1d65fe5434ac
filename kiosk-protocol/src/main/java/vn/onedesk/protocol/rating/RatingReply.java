package vn.onedesk.protocol.rating;

import vn.onedesk.protocol.ErrorView;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;

/**
 * Gateway → rating pad on {@code onedesk/v1/{c}/counters/{counterId}/rating/replies}, once the rating is stored (or
 * refused): {@code accepted} true and no error, or false with the error.
 *
 * @param ticket the ticket number the submit named, when it could be read
 */
public record RatingReply(String requestId, boolean accepted, String ticket, ErrorView error) {
    public RatingReply {
        if (accepted == (error != null)) {
            throw new IllegalArgumentException("a rating reply is accepted, or carries an error");
        }
    }

    public static RatingReply done(String requestId, String ticket) {
        return new RatingReply(requestId, true, ticket, null);
    }

    public static RatingReply refused(String requestId, String ticket, ProtocolError error, Language language) {
        return new RatingReply(requestId, false, ticket, error.view(language));
    }
}
