package vn.onedesk.engine.centre;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Booked slots (đặt lịch hẹn) at a centre: which services citizens may book, in slots of what length and capacity,
 * how far ahead and until how long before, on which days not, and the window around the slot in which the booking
 * checks in at the kiosk with an appointment. Part of the centre's definition, so it changes through the centre's
 * writer like the rest of it. {@link #NONE} (no service listed) offers no slots: a centre configured before bookings
 * existed reads as that.
 *
 * @param checkInEarly      how long before the slot's start a check-in still holds the appointment
 * @param checkInLate       how long after the slot's start a check-in still holds the appointment
 * @param maxActivePerPhone how many bookings one phone number may hold at once (not yet checked in nor cancelled,
 *                          slot not yet past)
 * @param blackoutDays      days of the centre on which no service offers slots (public holidays, a closure)
 * @param services          the services that offer slots, each once
 */
public record BookingRules(Duration checkInEarly, Duration checkInLate, int maxActivePerPhone,
                           Set<LocalDate> blackoutDays, List<ServiceBooking> services) {
    public static final Duration DEFAULT_CHECK_IN_EARLY = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CHECK_IN_LATE = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_ACTIVE_PER_PHONE = 2;
    public static final BookingRules NONE = new BookingRules(DEFAULT_CHECK_IN_EARLY, DEFAULT_CHECK_IN_LATE,
            DEFAULT_MAX_ACTIVE_PER_PHONE, Set.of(), List.of());

    public BookingRules {
        Objects.requireNonNull(checkInEarly, "checkInEarly");
        Objects.requireNonNull(checkInLate, "checkInLate");
        blackoutDays = Set.copyOf(new TreeSet<>(blackoutDays));
        services = List.copyOf(services);
        List<String> wrong = problems(checkInEarly, checkInLate, maxActivePerPhone);
        Set<String> seen = new HashSet<>();
        for (ServiceBooking s : services) {
            if (!seen.add(s.service())) {
                wrong.add("service " + s.service() + " is listed twice");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }

    /** What is wrong with these values, each problem once; empty when they are allowed. */
    public static List<String> problems(Duration checkInEarly, Duration checkInLate, int maxActivePerPhone) {
        List<String> wrong = new ArrayList<>();
        if (checkInEarly.isNegative() || checkInEarly.compareTo(Duration.ofHours(4)) > 0) {
            wrong.add("checkInEarlyMinutes must be from 0 to 240");
        }
        if (checkInLate.isNegative() || checkInLate.compareTo(Duration.ofHours(2)) > 0) {
            wrong.add("checkInLateMinutes must be from 0 to 120");
        }
        if (maxActivePerPhone < 1 || maxActivePerPhone > 20) {
            wrong.add("maxActivePerPhone must be from 1 to 20");
        }
        return wrong;
    }

    /** Whether any service offers slots. */
    public boolean offered() {
        return !services.isEmpty();
    }

    public Optional<ServiceBooking> service(String code) {
        return services.stream().filter(s -> s.service().equals(code)).findFirst();
    }

    /** These rules without the services the centre no longer has (a service removed takes its slots with it). */
    public BookingRules keeping(Set<String> serviceCodes) {
        return new BookingRules(checkInEarly, checkInLate, maxActivePerPhone, blackoutDays,
                services.stream().filter(s -> serviceCodes.contains(s.service())).toList());
    }

    /**
     * One service's slots.
     *
     * @param slotLength  each slot's length; slots follow each other from the start of every opening session, and a
     *                    slot that would end after its session is not offered
     * @param capacity    how many citizens may book one slot
     * @param horizonDays how many days ahead a slot may be booked (0: today only)
     * @param cutoff      how long before its start a slot stops taking bookings
     * @param blackoutDays days on which this service offers no slots, beside the centre's
     */
    public record ServiceBooking(String service, Duration slotLength, int capacity, int horizonDays, Duration cutoff,
                                 Set<LocalDate> blackoutDays) {
        public ServiceBooking {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(slotLength, "slotLength");
            Objects.requireNonNull(cutoff, "cutoff");
            blackoutDays = Set.copyOf(new TreeSet<>(blackoutDays));
            List<String> wrong = problems(slotLength, capacity, horizonDays, cutoff);
            if (!wrong.isEmpty()) {
                throw new IllegalArgumentException("booking of service " + service + ": " + String.join("; ", wrong));
            }
        }

        public static List<String> problems(Duration slotLength, int capacity, int horizonDays, Duration cutoff) {
            List<String> wrong = new ArrayList<>();
            if (slotLength.compareTo(Duration.ofMinutes(5)) < 0 || slotLength.compareTo(Duration.ofHours(4)) > 0) {
                wrong.add("slotMinutes must be from 5 to 240");
            }
            if (capacity < 1 || capacity > 1000) {
                wrong.add("capacity must be from 1 to 1000");
            }
            if (horizonDays < 0 || horizonDays > 90) {
                wrong.add("horizonDays must be from 0 to 90");
            }
            if (cutoff.isNegative() || cutoff.compareTo(Duration.ofDays(7)) > 0) {
                wrong.add("cutoffMinutes must be from 0 to 10080");
            }
            return wrong;
        }
    }
}
