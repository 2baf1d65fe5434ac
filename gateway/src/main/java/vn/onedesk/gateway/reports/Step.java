package vn.onedesk.gateway.reports;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One thing {@link TicketLegs} counts on a report's lines, as a value rather than a lambda, so that a day's steps can
 * be kept once its events are deleted ({@link DaySummaries}) and counted again, exactly, on any later report.
 *
 * @param duration    the wait of a {@link Kind#WAITED}, the service time of a {@link Kind#SERVED} (null when the events
 *                    do not tell when service began); null for the others
 * @param overTarget  for a wait: whether it was longer than its service's target
 */
record Step(Kind kind, Duration duration, boolean overTarget) implements Consumer<Tally> {

    /** What happened; the first three concern a service's queue, the others what a counter did. */
    enum Kind {
        ISSUED(true), TRANSFERRED_IN(true), UNFINISHED(true),
        CALLED(false), RECALLED(false), WAITED(false), SERVED(false), NO_SHOW(false), TRANSFERRED_OUT(false);

        final boolean queue;

        Kind(boolean queue) {
            this.queue = queue;
        }
    }

    static Step of(Kind kind) {
        return new Step(kind, null, false);
    }

    static Step waited(Duration wait, boolean overTarget) {
        return new Step(Kind.WAITED, wait, overTarget);
    }

    static Step served(Duration serviceTime) {
        return new Step(Kind.SERVED, serviceTime, false);
    }

    @Override
    public void accept(Tally x) {
        switch (kind) {
            case ISSUED -> x.issued++;
            case TRANSFERRED_IN -> x.transferredIn++;
            case UNFINISHED -> x.unfinished++;
            case CALLED -> x.calls++;
            case RECALLED -> x.recalls++;
            case WAITED -> x.waited(duration, overTarget);
            case SERVED -> x.served(duration);
            case NO_SHOW -> x.noShows++;
            case TRANSFERRED_OUT -> x.transferredOut++;
        }
    }
}
