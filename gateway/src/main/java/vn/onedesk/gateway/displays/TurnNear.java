package vn.onedesk.gateway.displays;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * "Your turn is near" (lượt của bạn sắp đến): the one place where a waiting ticket is found to have come within the
 * centre's {@code counterRules.turnNearAhead} of the head of its line, once per stay in line. The citizen's page
 * shows it from the ticket's {@code turnNear} flag (same threshold, {@link vn.onedesk.gateway.ticketing.TicketViews});
 * this tells a {@link TurnNearListener} of it as it happens, for what notifies citizens who are not looking at the page
 * (webhooks {@code turn.near}, SMS through them).
 *
 * <p>Checked after every commit, on the centre's feed context, for the lines the commit touched: only the first
 * {@code turnNearAhead + 1} tickets of each are read, so it costs the same with 5 or 5,000 waiting. A ticket pushed
 * back by a priority citizen is not told again; one called and put back in line (a transfer, a requeue) is.
 */
final class TurnNear {
    private static final Logger LOG = Logger.getLogger(TurnNear.class.getName());

    private static final TurnNearListener LOG_ONLY = (centre, ticket, ahead) -> LOG.log(Level.FINE,
            () -> "centre " + centre + ": turn near for " + ticket.number() + " (" + ahead + " ahead)");

    private final Set<String> told = new HashSet<>();
    private TurnNearListener listener = LOG_ONLY;

    void listener(TurnNearListener next) {
        this.listener = next;
    }

    /** After a commit that touched these tickets (as they stand now). */
    void committed(CentreQueue queue, Map<String, Ticket> touched) {
        Set<String> lines = new HashSet<>();
        for (Ticket t : touched.values()) {
            if (t.state() != TicketState.WAITING) {
                told.remove(t.id()); // called or gone: a later stay in line is told again
            }
            lines.add(t.service());
        }
        int near = queue.definition().rules().turnNearAhead();
        for (String service : lines) {
            Iterator<Ticket> line = queue.waiting().inOrder(service).limit(near + 1L).iterator();
            for (int ahead = 0; line.hasNext(); ahead++) {
                Ticket t = line.next();
                if (told.add(t.id())) {
                    try {
                        listener.turnNear(queue.definition().id(), t, ahead);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a turn-near listener failed", e);
                    }
                }
            }
        }
    }

    /**
     * After a (re)load: the tickets near now are told again. What this node's listener did with them before a crash
     * or a takeover is unknown here; a listener that must not act twice (the webhook outbox) keys what it writes by
     * the ticket and its stay in line, and writes a second telling as nothing new.
     */
    void loaded(CentreQueue queue) {
        told.clear();
        int near = queue.definition().rules().turnNearAhead();
        for (var service : queue.definition().services()) {
            Iterator<Ticket> line = queue.waiting().inOrder(service.code()).limit(near + 1L).iterator();
            for (int ahead = 0; line.hasNext(); ahead++) {
                Ticket t = line.next();
                told.add(t.id());
                try {
                    listener.turnNear(queue.definition().id(), t, ahead);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a turn-near listener failed", e);
                }
            }
        }
    }

    /** For tests: how many tickets are remembered as told. */
    int remembered() {
        return told.size();
    }
}
