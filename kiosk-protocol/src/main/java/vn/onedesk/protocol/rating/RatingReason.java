package vn.onedesk.protocol.rating;

/**
 * Why a citizen was not satisfied: the closed list a rating pad or the ticket page offers with the two lowest scores
 * (1 and 2) and nowhere else. The names are the stable wire values, reported as they are; the labels are what the
 * screens show.
 */
public enum RatingReason {
    WAITED_TOO_LONG("Chờ quá lâu", "Waited too long"),
    UNFRIENDLY("Cán bộ thiếu thân thiện", "Unfriendly officer"),
    UNCLEAR_GUIDANCE("Hướng dẫn không rõ ràng", "Unclear guidance"),
    EXTRA_PAPERS("Yêu cầu thêm giấy tờ", "Asked for extra papers"),
    SLOW_PROCESSING("Giải quyết chậm", "Slow processing"),
    OTHER("Lý do khác", "Other");

    /** The highest score that may carry reasons. */
    public static final int MAX_SCORE_WITH_REASONS = 2;

    private final String vietnamese;
    private final String english;

    RatingReason(String vietnamese, String english) {
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }
}
