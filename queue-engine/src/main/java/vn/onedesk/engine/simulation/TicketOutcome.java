package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * What became of one simulated ticket.
 *
 * @param number    the printed number ("A017"); null when the kiosk refused the ticket
 * @param service   the service chosen at the kiosk
 * @param legs      the queues the ticket went through: the first one, then one per transfer
 * @param estimates what each estimator predicted for it at issue, by estimator name
 */
public record TicketOutcome(String id, String number, String service, PriorityGroup priority, Channel channel,
                            Instant arrival, Instant appointmentAt, List<Leg> legs, End end,
                            Map<String, EstimatedWait> estimates) {

    public enum End {
        /** Completed at a counter (after any transfers). */
        SERVED,
        /** Absent when called, recalled once, then marked no-show. */
        NO_SHOW,
        /** Still in a queue when the counters able to serve it had closed for the day. */
        WAITING_AT_CLOSE,
        /** The kiosk refused the ticket (outside opening hours, when the centre is configured so). */
        REFUSED
    }

    public TicketOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(end, "end");
        legs = List.copyOf(legs);
        estimates = Collections.unmodifiableMap(new LinkedHashMap<>(estimates));
    }

    /**
     * The wait this report counts: from the citizen's arrival to the first call of the ticket,
     * whatever happened after (a no-show was called too); empty when it was never called.
     */
    public Optional<Duration> waitToFirstCall() {
        return legs.isEmpty() || legs.get(0).called() == null
                ? Optional.empty()
                : Optional.of(Duration.between(arrival, legs.get(0).called()));
    }

    /**
     * One stay in a service's queue and at its counter.
     *
     * @param joined when the ticket joined this service's queue (issue, or the transfer)
     * @param called when a counter first called it for this service; null if never
     * @param counter the counter that called it; null if never called
     * @param left   when it left the counter (completed, transferred, or marked no-show)
     */
    public record Leg(String service, Instant joined, Instant called, String counter, Instant left) {
        public Leg {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(joined, "joined");
        }

        /** Time in this service's queue: from joining it to the call. */
        public Optional<Duration> queued() {
            return called == null ? Optional.empty() : Optional.of(Duration.between(joined, called));
        }
    }
}
