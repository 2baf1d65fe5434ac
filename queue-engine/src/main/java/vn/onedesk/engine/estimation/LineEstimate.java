package vn.onedesk.engine.estimation;

/**
 * The estimated waits of every place in one service's line, from one look at the queue: a ticket with
 * {@code ahead} tickets before it, or a walk-in taking a ticket now (ahead = the line's length).
 */
public interface LineEstimate {
    EstimatedWait at(int ahead);

    /**
     * Whether a new ticket joining the end of {@code service}'s line leaves these estimates as they are,
     * because the look ahead never reached that far in that line. False unless the estimator knows.
     */
    default boolean unchangedByNewLast(String service) {
        return false;
    }

    /**
     * Whether these estimates were read out of the queue when made, so that they may be read on another thread while
     * the queue moves on (a snapshot reuses them); false for estimates that read the queue when asked.
     */
    default boolean detached() {
        return false;
    }
}
