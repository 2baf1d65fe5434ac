package vn.onedesk.engine.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * A ticket (số thứ tự). Immutable: each state change gives a new value.
 *
 * @param ordinal         issue order within the centre; breaks ties between equal arrival times
 * @param serviceDay      the local day the number belongs to
 * @param sequence        the number within service and day (1 → "A001")
 * @param originalArrival when the citizen first took a ticket; kept across transfers
 * @param waitingSince    when the ticket joined its current service's queue
 * @param counter         the counter it is at, when CALLED or SERVING
 * @param calls           how many times it has been called (1 + recalls)
 * @param appointmentAt   the booked time of an APPOINTMENT ticket; null otherwise
 */
public record Ticket(String id, long ordinal, String number, String service, LocalDate serviceDay, int sequence,
                     PriorityGroup priority, Channel channel, Instant originalArrival, Instant waitingSince,
                     TicketState state, String counter, Instant calledAt, Instant startedAt, int calls,
                     Instant appointmentAt) {

    /**
     * Queue order within a service: legal priority groups first, then the earliest original arrival,
     * then issue order. Consistent with equals for tickets of one centre because ordinals are unique.
     */
    public static final Comparator<Ticket> QUEUE_ORDER = Comparator
            .comparing((Ticket t) -> !t.priority().isPriority())
            .thenComparing(Ticket::originalArrival)
            .thenComparingLong(Ticket::ordinal);

    /**
     * How late after the booked time a citizen may check in and still hold the appointment; a later
     * check-in is served as a walk-in.
     */
    public static final Duration APPOINTMENT_LATE_CHECK_IN = Duration.ofMinutes(15);

    /** Appointment lane order: the earliest booked time first, then queue order. */
    public static final Comparator<Ticket> APPOINTMENT_ORDER = Comparator
            .comparing(Ticket::appointmentAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(QUEUE_ORDER);

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceDay, "serviceDay");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(originalArrival, "originalArrival");
        Objects.requireNonNull(waitingSince, "waitingSince");
        Objects.requireNonNull(state, "state");
    }

    /**
     * Whether this is an appointment ticket whose citizen checked in (took the ticket) no later than
     * {@link #APPOINTMENT_LATE_CHECK_IN} after the booked time. Such a ticket keeps its appointment in
     * whatever service it waits, including after a transfer (the visit continues).
     */
    public boolean keptAppointment() {
        return channel == Channel.APPOINTMENT && appointmentAt != null
                && !originalArrival.isAfter(appointmentAt.plus(APPOINTMENT_LATE_CHECK_IN));
    }

    public static Ticket issued(String id, long ordinal, String number, String service, LocalDate day, int sequence,
                                PriorityGroup priority, Channel channel, Instant at) {
        return issued(id, ordinal, number, service, day, sequence, priority, channel, at, null);
    }

    public static Ticket issued(String id, long ordinal, String number, String service, LocalDate day, int sequence,
                                PriorityGroup priority, Channel channel, Instant at, Instant appointmentAt) {
        return new Ticket(id, ordinal, number, service, day, sequence, priority, channel, at, at,
                TicketState.WAITING, null, null, null, 0, appointmentAt);
    }

    public Ticket called(String atCounter, Instant at) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, TicketState.CALLED, atCounter, at, null, calls + 1, appointmentAt);
    }

    public Ticket recalled() {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, state, counter, calledAt, startedAt, calls + 1, appointmentAt);
    }

    public Ticket started(Instant at) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, TicketState.SERVING, counter, calledAt, at, calls, appointmentAt);
    }

    public Ticket finished(TicketState end) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, end, counter, calledAt, startedAt, calls, appointmentAt);
    }

    /** Back in a queue, for another service, keeping the original arrival and so its place. */
    public Ticket transferredTo(String toService, Instant at) {
        return new Ticket(id, ordinal, number, toService, serviceDay, sequence, priority, channel, originalArrival,
                at, TicketState.WAITING, null, null, null, 0, appointmentAt);
    }
}
