package vn.onedesk.engine.rating;

/** Where a citizen's rating came from: the counter's rating pad, or their own phone (the ticket page). */
public enum RatingSource {
    PAD,
    PHONE
}
