package vn.onedesk.gateway.staff;

import java.time.Duration;
import java.time.Instant;

/**
 * A logged-in session as stored: only the SHA-256 of its token, never the token.
 *
 * <p>How long a session lasts is a choice made here, in two constants: it ends {@link #ABSOLUTE_LIFETIME}
 * (12 h) after login whatever happens, so that a session started on one working day (07:30–17:00) never
 * carries into the next; and it ends earlier once it has been unused for {@link #IDLE_TIMEOUT} (8 h), so
 * that a login left behind on a shared computer at the counter does not stay open overnight.
 */
public record LoginSession(byte[] tokenHash, String username, Instant created, Instant expires, Instant lastSeen) {
    public static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(12);
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(8);
    /**
     * A request refreshes {@link #lastSeen} in the database at most this often, so that reading a page is
     * not a write each time; the idle limit is therefore exact to within this much.
     */
    public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    public static LoginSession startingAt(byte[] tokenHash, String username, Instant now) {
        return new LoginSession(tokenHash, username, now, now.plus(ABSOLUTE_LIFETIME), now);
    }

    /** When this session ends unless it is used again. */
    public Instant endsAt() {
        Instant idle = lastSeen.plus(IDLE_TIMEOUT);
        return idle.isBefore(expires) ? idle : expires;
    }

    public boolean endedAt(Instant now) {
        return !now.isBefore(endsAt());
    }

    /** Whether a request at {@code now} should write the new last-seen time. */
    public boolean dueForTouch(Instant now) {
        return !now.isBefore(lastSeen.plus(TOUCH_EVERY));
    }

    public LoginSession seenAt(Instant now) {
        return new LoginSession(tokenHash, username, created, expires, now);
    }

    @Override
    public String toString() {
        return "LoginSession[" + username + ", from " + created + " until " + endsAt() + "]";
    }
}
