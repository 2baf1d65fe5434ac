package vn.onedesk.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a service is being served, as citizens are told instead of a wait that cannot come true: with no
 * counter open the estimators still assume the counters able to serve it ("about 330 minutes" for an empty
 * line), and outside the opening hours no estimate holds at all.
 *
 * @param opensAt when CLOSED, the start of the next session (null if the centre has no sessions); when NO_COUNTER
 *                outside the hours of a centre that takes tickets at any hour, the same (counters are next
 *                expected then); else null
 */
public record ServiceStatus(State state, Instant opensAt) {
    public enum State {
        /** At least one open counter can serve the service, in the centre's hours. */
        OPEN,
        /** No open counter can serve the service; tickets are still issued (outside the hours too, if the centre allows). */
        NO_COUNTER,
        /** The centre is outside its opening hours and issues no tickets. */
        CLOSED
    }

    public static final ServiceStatus OPEN = new ServiceStatus(State.OPEN, null);
    public static final ServiceStatus NO_COUNTER = new ServiceStatus(State.NO_COUNTER, null);

    public ServiceStatus {
        Objects.requireNonNull(state, "state");
        if (opensAt != null && state == State.OPEN) {
            throw new IllegalArgumentException("an open service has no opening time");
        }
    }

    public static ServiceStatus closed(Instant opensAt) {
        return new ServiceStatus(State.CLOSED, opensAt);
    }

    /** No counter serves it, outside the hours: tickets are taken, counters are expected at {@code opensAt}. */
    public static ServiceStatus noCounterUntil(Instant opensAt) {
        return new ServiceStatus(State.NO_COUNTER, opensAt);
    }

    /** Whether a wait estimate of the service means anything: only while it is OPEN. */
    public boolean hasEstimate() {
        return state == State.OPEN;
    }
}
