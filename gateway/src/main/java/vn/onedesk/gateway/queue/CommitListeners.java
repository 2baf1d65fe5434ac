package vn.onedesk.gateway.queue;

import io.vertx.core.Completable;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.persistence.PastCall;

/**
 * Several listeners told the same things in order, so the runtime keeps a single listener. One that
 * throws is logged and does not keep the others from hearing: displays still update when metrics fail.
 */
public final class CommitListeners implements CommitListener {
    private static final Logger LOG = Logger.getLogger(CommitListeners.class.getName());

    private final List<CommitListener> listeners;

    private CommitListeners(List<CommitListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static CommitListener of(CommitListener... listeners) {
        return listeners.length == 1 ? listeners[0] : new CommitListeners(List.of(listeners));
    }

    @Override
    public void loaded(CentreQueue queue) {
        listeners.forEach(l -> isolated(l, () -> l.loaded(queue)));
    }

    @Override
    public void loaded(CentreQueue queue, List<PastCall> recentCalls) {
        listeners.forEach(l -> isolated(l, () -> l.loaded(queue, recentCalls)));
    }

    @Override
    public void committing(CentreQueue queue) {
        listeners.forEach(l -> isolated(l, () -> l.committing(queue)));
    }

    @Override
    public void reconfigured(CentreQueue queue) {
        listeners.forEach(l -> isolated(l, () -> l.reconfigured(queue)));
    }

    @Override
    public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
        listeners.forEach(l -> isolated(l, () -> l.committed(queue, events, tickets)));
    }

    @Override
    public void refused(CentreQueue queue, vn.onedesk.engine.Command command, vn.onedesk.engine.Rejection rejection) {
        listeners.forEach(l -> isolated(l, () -> l.refused(queue, command, rejection)));
    }

    @Override
    public Completable<Void> committing(String centre) {
        List<Completable<Void>> callbacks = listeners.stream().map(l -> l.committing(centre)).toList();
        return (result, failure) -> callbacks.forEach(c -> isolated(c, () -> c.complete(result, failure)));
    }

    private static void isolated(Object listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "commit listener " + listener.getClass().getSimpleName() + " failed", e);
        }
    }
}
