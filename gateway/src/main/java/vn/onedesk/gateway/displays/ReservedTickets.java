package vn.onedesk.gateway.displays;

import java.util.List;
import vn.onedesk.engine.FrozenQueue;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The tickets a TRANSFER reserved for one counter, or for the officer bound to it now, as its terminal's queue lists
 * them: first in line first, each with the note the transferring officer left. CALL_NEXT calls them first.
 */
final class ReservedTickets {
    private ReservedTickets() {
    }

    static List<TicketView> of(FrozenQueue queue, CounterDefinition counter, CentreDefinition centre) {
        String officer = queue.counter(counter.id()).map(c -> c.officerId()).orElse(null);
        List<Ticket> mine = queue.reservedTickets().stream()
                .filter(t -> counter.canServe(t.service()) && t.handover().isFor(counter.id(), officer))
                .sorted(Ticket.QUEUE_ORDER).limit(CounterQueue.NEXT).toList();
        return java.util.stream.IntStream.range(0, mine.size()).mapToObj(i -> vn.onedesk.gateway.ticketing.TicketViews
                .of(mine.get(i), centre, i, null).withNote(mine.get(i).handover().note())).toList();
    }
}
