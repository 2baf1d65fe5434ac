package vn.onedesk.protocol.rating;

import java.util.List;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.Language;

/**
 * Rating pad → gateway on {@code onedesk/v1/{c}/counters/{counterId}/rating/submit}: the citizen's rating of the
 * ticket the prompt showed.
 *
 * @param ticket   the ticket's number as the prompt gave it
 * @param score    1 (Rất không hài lòng) to 5 (Rất hài lòng)
 * @param reasons  optional, only with a score of 1 or 2: why, from the closed list of {@link RatingReason}
 * @param language "vi" (default) or "en": the language of the error message in the reply
 */
public record RatingSubmit(String requestId, String ticket, Integer score, List<RatingReason> reasons,
                           Language language) {
    public RatingSubmit {
        Fields.identifier("requestId", requestId);
        Fields.identifier("ticket", ticket);
        reasons = reasons == null ? null : Ratings.checked(score, reasons); // absent stays absent on the wire
        Ratings.checked(score, List.of());
        language = language == null ? Language.DEFAULT : language;
    }

    /** The reasons a submission gives, none when absent. */
    public static List<RatingReason> reasonsOf(RatingSubmit submit) {
        return submit.reasons() == null ? List.of() : submit.reasons();
    }
}
