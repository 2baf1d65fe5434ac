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
 * @param placedAt        where a REQUEUE put the ticket back in line: the place that orders it among the waiting
 *                        tickets instead of its original arrival (see {@link #queuePlace()}); null for a ticket that
 *                        was never requeued, which is how "requeued once already" is known
 * @param handover        what the officer who transferred it said and, for a transfer to a counter or an officer,
 *                        whom it is reserved for; null when it was not transferred with either
 * @param remote          for a ticket taken from a phone (channel REMOTE), its code and whether the citizen was seen
 *                        (see {@link RemoteHold}); null for every other ticket, which needs no confirmation
 */
public record Ticket(String id, long ordinal, String number, String service, LocalDate serviceDay, int sequence,
                     PriorityGroup priority, Channel channel, Instant originalArrival, Instant waitingSince,
                     TicketState state, String counter, Instant calledAt, Instant startedAt, int calls,
                     Instant appointmentAt, QueuePlace placedAt, Handover handover, RemoteHold remote) {

    /**
     * Queue order within a service: legal priority groups first, then the earliest {@linkplain #place() place}
     * (the original arrival, unless a REQUEUE placed it elsewhere), then issue order. Consistent with equals for
     * tickets of one centre because ordinals are unique.
     */
    public static final Comparator<Ticket> QUEUE_ORDER = Comparator
            .comparing((Ticket t) -> !t.priority().isPriority())
            .thenComparing(Ticket::place)
            .thenComparingLong(Ticket::placeSeq)
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

    /** A ticket that was not taken remotely. */
    public Ticket(String id, long ordinal, String number, String service, LocalDate serviceDay, int sequence,
                  PriorityGroup priority, Channel channel, Instant originalArrival, Instant waitingSince,
                  TicketState state, String counter, Instant calledAt, Instant startedAt, int calls,
                  Instant appointmentAt, QueuePlace placedAt, Handover handover) {
        this(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival, waitingSince,
                state, counter, calledAt, startedAt, calls, appointmentAt, placedAt, handover, null);
    }

    /** A ticket that was never requeued nor handed over with a note or a reservation. */
    public Ticket(String id, long ordinal, String number, String service, LocalDate serviceDay, int sequence,
                  PriorityGroup priority, Channel channel, Instant originalArrival, Instant waitingSince,
                  TicketState state, String counter, Instant calledAt, Instant startedAt, int calls,
                  Instant appointmentAt) {
        this(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival, waitingSince,
                state, counter, calledAt, startedAt, calls, appointmentAt, null, null, null);
    }

    /** What orders the ticket in its line: where a REQUEUE placed it, else its original arrival and issue order. */
    public QueuePlace queuePlace() {
        return placedAt != null ? placedAt : QueuePlace.arrival(originalArrival, ordinal);
    }

    /** The time of its place in line: where a REQUEUE placed it, else its original arrival. */
    public Instant place() {
        return placedAt != null ? placedAt.at() : originalArrival;
    }

    /** Its place's sequence among tickets placed at the same time (see {@link QueuePlace}); read on every comparison. */
    public long placeSeq() {
        return placedAt != null ? placedAt.seq() : ordinal * QueuePlace.SPACING;
    }

    /** Whether a REQUEUE put this ticket back in line once already (it may be requeued only once). */
    public boolean requeued() {
        return placedAt != null;
    }

    /** Whether the ticket waits for one counter or officer only (a transfer to a counter or an officer). */
    public boolean reserved() {
        return state == TicketState.WAITING && handover != null && handover.reserves();
    }

    /**
     * Whether this is an appointment ticket whose citizen checked in (took the ticket) no later than
     * {@link #APPOINTMENT_LATE_CHECK_IN} after the booked time. Such a ticket keeps its appointment in
     * whatever service it waits, including after a transfer (the visit continues).
     */
    public boolean keptAppointment() {
        // a requeued ticket missed its call: it waits where the REQUEUE put it, as a walk-in would
        return placedAt == null && channel == Channel.APPOINTMENT && appointmentAt != null
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
                waitingSince, TicketState.CALLED, atCounter, at, null, calls + 1, appointmentAt, placedAt, handover,
                // a citizen at a counter was seen: a later transfer puts them back in line confirmed
                remote == null ? null : remote.confirm(at).released());
    }

    public Ticket recalled() {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, state, counter, calledAt, startedAt, calls + 1, appointmentAt, placedAt, handover, remote);
    }

    public Ticket started(Instant at) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, TicketState.SERVING, counter, calledAt, at, calls, appointmentAt, placedAt, handover, remote);
    }

    public Ticket finished(TicketState end) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, end, counter, calledAt, startedAt, calls, appointmentAt, placedAt, handover,
                remote == null ? null : remote.released());
    }

    /** Back in a queue, for another service, keeping its place (original arrival, or where a REQUEUE put it). */
    public Ticket transferredTo(String toService, Instant at) {
        return transferredTo(toService, null, at);
    }

    /**
     * Back in a queue, for {@code toService} (its own, for a transfer to a counter or an officer), keeping its
     * place, with the handover's note and reservation (null for none).
     */
    public Ticket transferredTo(String toService, Handover with, Instant at) {
        return new Ticket(id, ordinal, number, toService, serviceDay, sequence, priority, channel, originalArrival,
                at, TicketState.WAITING, null, null, null, 0, appointmentAt, placedAt, with, remote);
    }

    /** A no-show put back in line by REQUEUE at {@code at}, ordered by {@code place} from now on. */
    public Ticket requeuedAt(QueuePlace place, Instant at) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                at, TicketState.WAITING, null, null, null, 0, appointmentAt, place, null,
                // put back in line at a kiosk or a counter: the citizen is in the hall
                remote == null ? null : remote.confirm(at).released());
    }

    /** The same ticket with its remote hold changed (confirmed, passed over); only a remote ticket has one. */
    public Ticket withRemote(RemoteHold hold) {
        return new Ticket(id, ordinal, number, service, serviceDay, sequence, priority, channel, originalArrival,
                waitingSince, state, counter, calledAt, startedAt, calls, appointmentAt, placedAt, handover, hold);
    }

    /**
     * Whether this waiting ticket was taken remotely and its citizen not yet seen: a call passes it over (see
     * {@link RemoteHold}) instead of calling it.
     */
    public boolean awaitsConfirmation() {
        return state == TicketState.WAITING && remote != null && !remote.confirmed();
    }

    /** A remote ticket, waiting: its holder's key while it counts against the holder's bound; else null. */
    public String remoteHolder() {
        return remote == null || !state.isActive() ? null : remote.holder();
    }
}
