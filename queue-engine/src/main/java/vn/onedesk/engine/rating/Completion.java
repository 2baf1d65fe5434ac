package vn.onedesk.engine.rating;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket leg that ended in COMPLETE, as the rating rules need it. A ticket completes once (a transfer ends a leg
 * without completing it), so the leg that is rated is the one that completed: its service, counter and officer.
 *
 * @param officer the id of the officer bound to the counter when it completed; null when nobody was bound
 * @param rated   whether the citizen has rated it (once only)
 */
public record Completion(String ticketId, String number, String service, String counter, String officer,
                         Instant completedAt, boolean rated) {
    public Completion {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    public Completion asRated() {
        return new Completion(ticketId, number, service, counter, officer, completedAt, true);
    }
}
