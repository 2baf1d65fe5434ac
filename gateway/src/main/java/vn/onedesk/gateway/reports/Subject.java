package vn.onedesk.gateway.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import vn.onedesk.engine.centre.Operator;

/**
 * What one line of a report over a period is about: a day, a service, a counter, an operator, an officer or a
 * centre. {@link #code} and {@link #name} are the CSV's "Mã" and "Tên"; the JSON names each field.
 */
public sealed interface Subject {

    /** Its identity: the date, the service's or operator's code, the counter's, officer's or centre's id. */
    String code();

    /** Its name as managers read it, in Vietnamese; null where there is none. */
    String name();

    /** The operator the line belongs to, for the CSV's "Đơn vị"; null for all but counters and operators. */
    default Operator operator() {
        return null;
    }

    /** A local day of the centre; its name is the day of the week. */
    record Day(LocalDate date) implements Subject {
        private static final Map<DayOfWeek, String> WEEKDAYS = Map.of(DayOfWeek.MONDAY, "Thứ Hai",
                DayOfWeek.TUESDAY, "Thứ Ba", DayOfWeek.WEDNESDAY, "Thứ Tư", DayOfWeek.THURSDAY, "Thứ Năm",
                DayOfWeek.FRIDAY, "Thứ Sáu", DayOfWeek.SATURDAY, "Thứ Bảy", DayOfWeek.SUNDAY, "Chủ nhật");

        public String code() {
            return date.toString();
        }

        public String name() {
            return WEEKDAYS.get(date.getDayOfWeek());
        }
    }

    /** @param target null for a service the centre's definition no longer has */
    record Service(String code, String name, Duration target) implements Subject {
    }

    /** @param number 0 and operator null for a counter the centre's definition no longer has */
    record Counter(String code, int number, Operator operator) implements Subject {
        public String name() {
            return number > 0 ? "Quầy số " + number : code;
        }
    }

    /** @param counters how many counters of the centre it staffs */
    record OperatorOf(Operator operator, int counters) implements Subject {
        public String code() {
            return operator.code();
        }

        public String name() {
            return counters + " quầy";
        }
    }

    /**
     * An officer, as the events record them when one was bound to the counter.
     *
     * @param code the officer's username; null for the line of what counters did with nobody bound to them
     * @param name their full name from their account; null for an officer whose account no longer exists
     */
    record Officer(String code, String name) implements Subject {
        /** The name of the line of counters with nobody bound. */
        public static final String NOBODY = "(không có cán bộ)";

        public static Officer nobody() {
            return new Officer(null, NOBODY);
        }
    }

    record Centre(String code, String name, ZoneId timezone) implements Subject {
    }
}
