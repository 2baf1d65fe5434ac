package vn.onedesk.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a service is being served, as citizens are told instead of a wait that cannot come true: with no
 * counter open the estimators still assume the counters able to serve it ("about 330 minutes" for an empty
 * line), and outside the opening hours no estimate holds at all.
 *
 * @param opensAt when CLOSED, the start of the next session (null if the centre has no sessions); else null
 */
public record ServiceStatus(State state, Instant opensAt) {
    public enum State {
        /** At least one open counter can serve the service, in the centre's hours. */
        OPEN,
        /** In the centre's hours, but no open counter can serve the service. */
        NO_COUNTER,
        /** The centre is outside its opening hours and issues no tickets. */
        CLOSED
    }

    public static final ServiceStatus OPEN = new ServiceStatus(State.OPEN, null);
    public static final ServiceStatus NO_COUNTER = new ServiceStatus(State.NO_COUNTER, null);

    public ServiceStatus {
        Objects.requireNonNull(state, "state");
        if (opensAt != null && state != State.CLOSED) {
            throw new IllegalArgumentException("only a closed service has an opening time");
        }
    }

    public static ServiceStatus closed(Instant opensAt) {
        return new ServiceStatus(State.CLOSED, opensAt);
    }

    /** Whether a wait estimate of the service means anything: only while it is OPEN. */
    public boolean hasEstimate() {
        return state == State.OPEN;
    }
}
