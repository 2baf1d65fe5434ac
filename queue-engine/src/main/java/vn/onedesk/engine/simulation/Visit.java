package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * One citizen's visit, drawn before the day is run so that every routing policy meets the same
 * citizens with the same needs (common random numbers: policies differ only by what they decide).
 *
 * @param index         the order in which the visit was drawn; names the ticket
 * @param appointmentAt the booked slot, for a citizen checking in for an appointment; else null
 * @param absent        whether the citizen will have left when first called
 * @param legs          the services in the order they will be received: the first one chosen at the
 *                      kiosk, then each transfer, with the time each takes at the counter
 */
public record Visit(int index, Instant arrival, PriorityGroup priority, Instant appointmentAt, boolean absent,
                    List<Leg> legs) {
    public Visit {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(priority, "priority");
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a visit needs at least one service");
        }
    }

    public String service() {
        return legs.get(0).service();
    }

    public Channel channel() {
        return appointmentAt == null ? Channel.WALK_IN : Channel.APPOINTMENT;
    }

    public String ticketId() {
        return String.format("V%04d", index);
    }

    /** One service the citizen receives and how long it takes at the counter. */
    public record Leg(String service, Duration serviceTime) {
        public Leg {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(serviceTime, "serviceTime");
        }
    }
}
