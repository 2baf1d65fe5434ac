package vn.onedesk.engine.ticketing;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A ticket's place in its line: a time and, among tickets of the same time, a sequence. A ticket that was never
 * requeued is placed at its original arrival, with its issue order times {@link #SPACING}; a REQUEUE places a ticket
 * between two others by choosing a sequence between theirs, so that it lands exactly where the rule says even
 * when several tickets share one instant (a batch of tickets committed together).
 */
public record QueuePlace(Instant at, long seq) implements Comparable<QueuePlace> {
    /** Room between the places of two tickets issued at the same instant, for tickets requeued between them. */
    public static final long SPACING = 1L << 16;

    private static final Comparator<QueuePlace> ORDER = Comparator.comparing(QueuePlace::at)
            .thenComparingLong(QueuePlace::seq);

    public QueuePlace {
        Objects.requireNonNull(at, "at");
    }

    /** Where a ticket that was never requeued stands: its original arrival, then its issue order. */
    public static QueuePlace arrival(Instant originalArrival, long ordinal) {
        return new QueuePlace(originalArrival, ordinal * SPACING);
    }

    /** A place after this one and before {@code next} (null: nothing follows), as far from both as there is room. */
    public QueuePlace before(QueuePlace next) {
        if (next == null || next.at.isAfter(at)) {
            return new QueuePlace(at, seq + SPACING / 2);
        }
        long gap = next.seq - seq;
        return new QueuePlace(at, seq + Math.max(1, gap / 2));
    }

    /** A place just before this one, for a ticket going to the head of its lane. */
    public QueuePlace ahead() {
        return new QueuePlace(at, seq - SPACING / 2);
    }

    @Override
    public int compareTo(QueuePlace other) {
        return ORDER.compare(this, other);
    }
}
