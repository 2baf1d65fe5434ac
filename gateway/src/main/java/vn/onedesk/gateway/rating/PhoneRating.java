package vn.onedesk.gateway.rating;

import java.util.List;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.rating.RatingReason;
import vn.onedesk.protocol.rating.Ratings;

/**
 * The body of a rating from the citizen's phone ({@code POST .../tickets/by-token/{token}/rating}): the same checks
 * as a pad's rating, without the ticket, which the token names.
 *
 * @param requestId chosen by the page, unique per rating: a retry with it gets the same answer
 * @param score     1 (Rất không hài lòng) to 5 (Rất hài lòng)
 * @param reasons   optional, only with a score of 1 or 2
 */
public record PhoneRating(String requestId, Integer score, List<RatingReason> reasons) {
    public PhoneRating {
        Fields.identifier("requestId", requestId);
        reasons = Ratings.checked(score, reasons);
    }
}
