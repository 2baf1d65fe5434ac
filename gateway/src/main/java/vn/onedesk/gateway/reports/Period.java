package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The local days a report covers, {@code from} to {@code to}, both included. */
public record Period(LocalDate from, LocalDate to) {
    /**
     * The longest period one request may ask for: a quarter (July to September has 92 days). Reading a period
     * takes longer the more days it has; a year is four requests.
     */
    public static final int MAX_DAYS = 92;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("a period ends on or after its first day: " + from + " > " + to);
        }
    }

    /** A local day as a report's parameter: a calendar date written YYYY-MM-DD; empty for anything else. */
    public static Optional<LocalDate> date(String text) {
        if (!DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text)); // ISO_LOCAL_DATE is strict: 2025-02-30 is refused
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Period day(LocalDate date) {
        return new Period(date, date);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** The centre's midnight that starts the first day. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The centre's midnight that ends the last day. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + " to " + to;
    }
}
