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

    /**
     * What happened; those marked {@code true} concern a service's queue, the others what a counter did. The names
     * are stored in {@code report_day_steps.step}: add, never rename.
     */
    enum Kind {
        ISSUED(true), TRANSFERRED_IN(true), UNFINISHED(true),
        CALLED(false), RECALLED(false), WAITED(false), SERVED(false), NO_SHOW(false), TRANSFERRED_OUT(false),
        // Issue 14: a completion rated 1..5 (and, besides, whether from the citizen's phone), each dossier received
        // at a COMPLETE or TRANSFER and each of them to be returned by post, a completed visit that collected a
        // dossier's results, a call out of the line's order, a ticket parked, a no-show put back in the queue (from
        // a counter, or from the kiosk: a queue's step).
        RATED_1(false), RATED_2(false), RATED_3(false), RATED_4(false), RATED_5(false), RATED_BY_PHONE(false),
        DOSSIER_RECEIVED(false), RETURNED_BY_POST(false), RESULT_COLLECTED(false),
        CALLED_OUT_OF_ORDER(false), PARKED(false), REQUEUED(false), REQUEUED_AT_KIOSK(true);

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

    /** A completion rated {@code score}, 1..5. */
    static Step rated(int score) {
        return of(Kind.valueOf("RATED_" + score));
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
            case RATED_1, RATED_2, RATED_3, RATED_4, RATED_5 -> x.rated(kind.ordinal() - Kind.RATED_1.ordinal() + 1);
            case RATED_BY_PHONE -> x.ratedByPhone++;
            case DOSSIER_RECEIVED -> x.dossiers++;
            case RETURNED_BY_POST -> x.returnedByPost++;
            case RESULT_COLLECTED -> x.resultsCollected++;
            case CALLED_OUT_OF_ORDER -> x.outOfOrderCalls++;
            case PARKED -> x.parked++;
            case REQUEUED, REQUEUED_AT_KIOSK -> x.requeued++;
        }
    }
}
