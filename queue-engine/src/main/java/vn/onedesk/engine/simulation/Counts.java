package vn.onedesk.engine.simulation;

import java.util.List;

/**
 * Ticket counts: of one day, or over several days the mean per day.
 *
 * <p>For the whole centre, {@code issued = served + noShows + waitingAtClose} on every day. For one
 * service, {@code issued}, {@code noShows} and {@code refused} count the tickets taken for it at
 * the kiosk, {@code served} counts the citizens a counter finished serving for it (also those then
 * transferred on), {@code waitingAtClose} the tickets left in its queue, and {@code transfersIn}
 * the tickets transferred to it.
 */
public record Counts(double issued, double served, double noShows, double waitingAtClose, double refused,
                     double transfersIn) {

    public static Counts mean(List<Counts> days) {
        return new Counts(WaitFigures.meanOf(days, Counts::issued), WaitFigures.meanOf(days, Counts::served),
                WaitFigures.meanOf(days, Counts::noShows), WaitFigures.meanOf(days, Counts::waitingAtClose),
                WaitFigures.meanOf(days, Counts::refused), WaitFigures.meanOf(days, Counts::transfersIn));
    }
}
