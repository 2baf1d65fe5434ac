package vn.onedesk.gateway.queue;

import io.vertx.core.Completable;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.persistence.PastCall;

/** Told, on the centre's context, what was committed; publishes it to displays. */
public interface CommitListener {
    /** The queue was (re)loaded from the database: publish its whole current state. */
    void loaded(CentreQueue queue);

    /**
     * The queue was (re)loaded, with the latest calls the journal holds (newest first): displays that lost calls with
     * a node, or with a restart, recover them from these. The default ignores the calls.
     */
    default void loaded(CentreQueue queue, List<PastCall> recentCalls) {
        loaded(queue);
    }

    /**
     * The queue now holds a batch that is being written and not yet durable: until the next
     * {@link #committed} or {@link #loaded}, what it shows may still be rolled back. Listeners that read
     * the queue on their own schedule (timers, HTTP reads) wait for the batch to settle.
     */
    default void committing(CentreQueue queue) {
    }

    /**
     * The centre's definition changed (and is durable): services or counters may have come or gone. Called before
     * {@link #committed} for the batch that changed it. The default publishes the whole state again.
     */
    default void reconfigured(CentreQueue queue) {
        loaded(queue);
    }

    /**
     * These events are durable now, and the queue reflects them.
     *
     * @param tickets every ticket the events concern, as it stood after the batch (finished ones too)
     */
    void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets);

    /**
     * The engine refused this command (nothing is written): for counting refusals that matter to managers, such as
     * RECALL past the recall limit. Called on the centre's context with the queue as it stood; the default ignores it.
     */
    default void refused(CentreQueue queue, vn.onedesk.engine.Command command, vn.onedesk.engine.Rejection rejection) {
    }

    /**
     * A batch of the centre starts committing; the returned callback is told how the commit ended,
     * on whatever thread completes it. For timing the database; the default ignores it.
     */
    default Completable<Void> committing(String centre) {
        return (ignored, failure) -> {
        };
    }
}
