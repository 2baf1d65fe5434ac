package vn.onedesk.gateway.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lines of a report, as {@link TicketLegs} counts on them: each report (the day's, one over a range by
 * day, service, counter, operator or officer, the province's) says which of its lines a step of a ticket
 * belongs to, and counts it there.
 */
interface Lines {
    /** Something that happened to a service's queue: a ticket issued or transferred into it, or still in it. */
    void queue(LocalDate day, String service, Consumer<Tally> count);

    /**
     * Something a counter did for a ticket of a service (a call, a wait ended by a first call, a service, a
     * no-show, a transfer out).
     *
     * @param day     the local day the ticket was numbered on
     * @param officer the officer bound to the counter when it happened; null when nobody was
     */
    void counter(LocalDate day, String service, String counter, String officer, Consumer<Tally> count);

    /** Every step counted on these tallies alike, whatever it was and wherever it happened. */
    static Lines onto(Tally... tallies) {
        List<Tally> all = List.of(tallies);
        return new Lines() {
            @Override
            public void queue(LocalDate day, String service, Consumer<Tally> count) {
                all.forEach(count);
            }

            @Override
            public void counter(LocalDate day, String service, String counter, String officer,
                                Consumer<Tally> count) {
                all.forEach(count);
            }
        };
    }
}
