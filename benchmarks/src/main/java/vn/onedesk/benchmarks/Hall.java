package vn.onedesk.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * A provincial centre's hall with so many citizens waiting across its 10 services (by the scenario's
 * service mix; 7% priority, 10% appointments), arrived within the last 90 minutes or so, every counter
 * open and idle. Seeded: every run builds the same hall.
 */
final class Hall {
    private Hall() {
    }

    static CentreQueue filled(String policy, String estimator, int waiting) {
        CentreDefinition centre = ProvincialCentre.definition();
        CentreQueue queue = CentreQueue.empty(centre, RoutingPolicies.byName(policy).orElseThrow(),
                WaitEstimators.byName(estimator).orElseThrow());
        Instant t = LocalDate.of(2025, 3, 3).atTime(7, 30).atZone(centre.timezone()).toInstant();
        SplittableRandom random = new SplittableRandom(20231101);
        for (int i = 0; i < waiting; i++) {
            t = t.plusMillis(random.nextInt(1, 2_000)); // 5,000 arrivals within about 85 min
            double u = random.nextDouble();
            int s = 0;
            while (s < ProvincialCentre.MIX.length - 1 && (u -= ProvincialCentre.MIX[s]) >= 0) {
                s++;
            }
            PriorityGroup priority = random.nextDouble() < 0.07 ? PriorityGroup.ELDERLY : PriorityGroup.NONE;
            boolean booked = random.nextDouble() < 0.10;
            Instant appointmentAt = booked ? t.plusSeconds(random.nextInt(-600, 3_600)) : null;
            Decision issued = queue.handle(new Command.IssueTicket("b" + i, ProvincialCentre.SERVICES[s], priority,
                    booked ? Channel.APPOINTMENT : Channel.WALK_IN, appointmentAt), t);
            if (!(issued instanceof Decision.Accepted)) {
                throw new IllegalStateException("ticket refused: " + issued);
            }
        }
        Instant now = t.plusSeconds(60);
        for (var c : centre.counters()) {
            queue.handle(new Command.OpenCounter(c.id()), now);
        }
        return queue;
    }

    /** A minute after the last arrival: the time the benchmarks decide at. */
    static Instant after(CentreQueue queue) {
        return queue.activeTickets().stream().map(t -> t.originalArrival()).max(Instant::compareTo).orElseThrow()
                .plusSeconds(60);
    }
}
