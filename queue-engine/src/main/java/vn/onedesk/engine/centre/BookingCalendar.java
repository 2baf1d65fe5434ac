package vn.onedesk.engine.centre;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The slots a centre offers for a service, and whether one may be booked at a given instant. Pure: the caller gives
 * the time ({@code now}); the capacity left in a slot is the database's business.
 *
 * <p>Slots follow each other from the start of every opening session of the centre ({@link CentreDefinition#sessions}),
 * each {@code slotLength} long; a slot that would end after its session is not offered. A day is bookable from today
 * to {@code horizonDays} ahead (the centre's days), unless it is a blackout day of the centre or of the service; a slot
 * is bookable until {@code cutoff} before its start.
 */
public final class BookingCalendar {
    private BookingCalendar() {
    }

    /** One slot: [start, end). */
    public record Slot(Instant start, Instant end) {
    }

    /** Why a slot cannot be booked. */
    public enum Refusal {
        /** the service offers no slots at this centre */
        NOT_OFFERED,
        /** the instant is not the start of one of the service's slots */
        NOT_A_SLOT,
        /** a blackout day of the centre or the service */
        BLACKOUT,
        /** the day is before today or beyond the horizon */
        OUTSIDE_HORIZON,
        /** the slot starts sooner than the cut-off */
        PAST_CUTOFF
    }

    /** Every slot of the service on that day of the centre, in order, whether still bookable or not. */
    public static List<Slot> slots(CentreDefinition centre, BookingRules.ServiceBooking booking, LocalDate day) {
        List<Slot> slots = new ArrayList<>();
        List<Session> sessions = new ArrayList<>(centre.sessions());
        sessions.sort(Comparator.comparing(Session::from));
        long length = booking.slotLength().toMinutes();
        for (Session s : sessions) {
            int from = s.from().toSecondOfDay() / 60;
            int to = s.to().toSecondOfDay() / 60;
            for (long t = from; t + length <= to; t += length) {
                Instant start = day.atTime(LocalTime.ofSecondOfDay(t * 60)).atZone(centre.timezone()).toInstant();
                slots.add(new Slot(start, start.plus(booking.slotLength())));
            }
        }
        return slots;
    }

    /** Why the service's slots on that day cannot be booked now; empty when they may be (each still before its cut-off). */
    public static Optional<Refusal> dayRefusal(CentreDefinition centre, String service, LocalDate day, Instant now) {
        Optional<BookingRules.ServiceBooking> booking = centre.booking().service(service);
        if (booking.isEmpty()) {
            return Optional.of(Refusal.NOT_OFFERED);
        }
        LocalDate today = centre.serviceDay(now);
        if (day.isBefore(today) || day.isAfter(today.plusDays(booking.get().horizonDays()))) {
            return Optional.of(Refusal.OUTSIDE_HORIZON);
        }
        if (centre.booking().blackoutDays().contains(day) || booking.get().blackoutDays().contains(day)) {
            return Optional.of(Refusal.BLACKOUT);
        }
        return Optional.empty();
    }

    /** Whether the slot starting then is still before its cut-off. */
    public static boolean beforeCutoff(BookingRules.ServiceBooking booking, Instant slotStart, Instant now) {
        return !now.plus(booking.cutoff()).isAfter(slotStart);
    }

    /** The slot of the service that starts at this instant, if it may be booked now; else why not. */
    public static Optional<Refusal> refusal(CentreDefinition centre, String service, Instant slotStart, Instant now) {
        LocalDate day = centre.serviceDay(slotStart);
        Optional<Refusal> dayRefused = dayRefusal(centre, service, day, now);
        if (dayRefused.isPresent() && dayRefused.get() == Refusal.NOT_OFFERED) {
            return dayRefused;
        }
        BookingRules.ServiceBooking booking = centre.booking().service(service).orElseThrow();
        if (slots(centre, booking, day).stream().noneMatch(s -> s.start().equals(slotStart))) {
            return Optional.of(Refusal.NOT_A_SLOT);
        }
        if (dayRefused.isPresent()) {
            return dayRefused;
        }
        return beforeCutoff(booking, slotStart, now) ? Optional.empty() : Optional.of(Refusal.PAST_CUTOFF);
    }

    /**
     * A capacity to start from, so that booked citizens leave the walk-ins their share of the counters: the
     * citizens the service's counters can serve in one slot, at the service's expected service time, counting a
     * counter whole for its only primary service and shared equally among its primary services when it has several
     * (secondary skills are help, not capacity to promise), times {@link #BOOKED_SHARE}. At least 1 when any counter
     * serves the service, else 0.
     */
    public static int suggestedCapacity(CentreDefinition centre, String service, Duration slotLength) {
        Optional<ServiceField> field = centre.service(service);
        if (field.isEmpty()) {
            return 0;
        }
        double counters = 0;
        for (CounterDefinition c : centre.counters()) {
            if (c.primary().contains(service) && field.get().mayBeServedBy(c.operator())) {
                counters += 1.0 / c.primary().size();
            }
        }
        if (counters == 0) {
            return 0;
        }
        double perSlot = counters * slotLength.toSeconds() / (double) field.get().expectedServiceTime().toSeconds();
        return Math.max(1, (int) Math.floor(perSlot * BOOKED_SHARE));
    }

    /**
     * The share of a slot's counter time that the suggested capacity promises to booked citizens: half. The other
     * half serves walk-ins, so that on a day when as many walk in as the counters could serve alone, bookings at most
     * double their wait rather than take it all (the simulator measures it for a scenario).
     */
    public static final double BOOKED_SHARE = 0.5;
}
