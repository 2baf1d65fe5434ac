package vn.onedesk.gateway.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.simulation.Visit;

/**
 * The citizen behind a ticket, as the simulation drew them ({@link Visit}): how long each service
 * takes, whether they have wandered off when first called, and which service they are transferred to
 * next. Tickets the simulation did not issue (taken at kiosk-1, or left from an earlier run) get a
 * one-service visit drawn when a simulated counter calls them.
 */
final class Citizen {
    private final List<Visit.Leg> legs;
    private final boolean absent;
    private int leg;
    private boolean called;

    Citizen(Visit visit) {
        this(visit.legs(), visit.absent());
    }

    Citizen(List<Visit.Leg> legs, boolean absent) {
        this.legs = List.copyOf(legs);
        this.absent = absent;
    }

    /** Called now: whether nobody comes to the counter (only ever at the first call, as the simulator models it). */
    boolean absentAtCall() {
        boolean first = !called;
        called = true;
        return first && leg == 0 && absent;
    }

    /** How long serving this service takes; empty if the ticket is now in a service the draw did not plan. */
    Optional<Duration> serviceTime(String service) {
        Visit.Leg current = legs.get(leg);
        return current.service().equals(service) ? Optional.of(current.serviceTime()) : Optional.empty();
    }

    /** The service this citizen moves on to after the current one, if any. */
    Optional<String> transferAfter() {
        return leg + 1 < legs.size() ? Optional.of(legs.get(leg + 1).service()) : Optional.empty();
    }

    /** The counter sent the ticket on to the next service. */
    void transferred() {
        leg = Math.min(leg + 1, legs.size() - 1);
    }
}
