package vn.onedesk.protocol.rating;

import java.util.List;
import vn.onedesk.protocol.Fields;

/** The checks a rating gets wherever it comes from (a pad over MQTT, a phone over HTTP). */
public final class Ratings {
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    private Ratings() {
    }

    /** A score of 1-5; reasons only with the two lowest, each at most once. Returns the reasons, never null. */
    public static List<RatingReason> checked(Integer score, List<RatingReason> reasons) {
        Fields.requiredValue("score", score);
        if (score < MIN_SCORE || score > MAX_SCORE) {
            throw new Fields.InvalidFieldException("score", "'score' must be from " + MIN_SCORE + " to " + MAX_SCORE);
        }
        if (reasons == null) {
            return List.of();
        }
        if (reasons.stream().anyMatch(java.util.Objects::isNull)) { // List.of().contains(null) would throw
            throw new Fields.InvalidFieldException("reasons", "'reasons' must list reason codes");
        }
        if (!reasons.isEmpty() && score > RatingReason.MAX_SCORE_WITH_REASONS) {
            throw new Fields.InvalidFieldException("reasons", "'reasons' may be given only with a score of 1 or 2");
        }
        if (new java.util.HashSet<>(reasons).size() != reasons.size()) {
            throw new Fields.InvalidFieldException("reasons", "'reasons' lists a code more than once");
        }
        return List.copyOf(reasons);
    }
}
