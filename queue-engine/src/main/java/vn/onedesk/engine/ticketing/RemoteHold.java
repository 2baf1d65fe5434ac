package vn.onedesk.engine.ticketing;

import java.time.Instant;
import java.util.Objects;

/**
 * What a remote ticket (taken from the citizen's phone, channel REMOTE) carries until the citizen is seen in the
 * hall: it must be confirmed at a kiosk (by its code) or reach a counter before it is called, so that tickets of
 * citizens who never come cannot hold up the hall. The rule is {@link vn.onedesk.engine.CentreQueue}'s: an
 * unconfirmed remote ticket that a call reaches is passed over (it keeps its place, the next ticket is called) from
 * then for the centre's remote grace, and the first call after that ends it as an expired NO_SHOW.
 *
 * @param holder      an opaque key of who holds it (the gateway's keyed hash of the phone number), by which the
 *                    centre bounds how many remote tickets one phone holds at once; null once the ticket left the
 *                    line, when nothing needs it any more
 * @param code        the short code the citizen shows or types at the kiosk to confirm it; unique among the
 *                    centre's active tickets, chosen by the caller like the ticket id (the engine has no randomness)
 * @param confirmedAt when the citizen was seen: at a kiosk, or called to a counter; null until then
 * @param passedAt    when a call first passed it over for want of a confirmation; null if none did
 */
public record RemoteHold(String holder, String code, Instant confirmedAt, Instant passedAt) {
    public RemoteHold {
        Objects.requireNonNull(code, "code");
    }

    /** A remote ticket just taken: not confirmed, never passed over. */
    public static RemoteHold taken(String holder, String code) {
        return new RemoteHold(holder, code, null, null);
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Confirmed at {@code at}; one confirmed already keeps its first time. */
    public RemoteHold confirm(Instant at) {
        return confirmed() ? this : new RemoteHold(holder, code, at, passedAt);
    }

    /** Passed over by a call at {@code at}; the first pass is the one that counts. */
    public RemoteHold pass(Instant at) {
        return passedAt != null ? this : new RemoteHold(holder, code, confirmedAt, at);
    }

    /** Without its holder: the ticket left the line, and the per-phone bound counts waiting tickets only. */
    public RemoteHold released() {
        return holder == null ? this : new RemoteHold(null, code, confirmedAt, passedAt);
    }
}
