package vn.onedesk.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.NoShows.NoShow;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Everything needed to rebuild a centre's queue exactly: the active tickets, the counters, the
 * last number issued per service and day, the last call sequence and the last ticket ordinal, and the recent
 * no-shows that REQUEUE may still put back in line.
 */
public record QueueSnapshot(List<Ticket> activeTickets, List<CounterState> counters,
                            Map<String, DayNumbering> numbering, long lastCallSeq, long lastOrdinal,
                            List<NoShow> noShows) {

    public QueueSnapshot {
        activeTickets = List.copyOf(activeTickets);
        counters = List.copyOf(counters);
        numbering = Map.copyOf(numbering);
        noShows = List.copyOf(noShows);
    }

    /** A snapshot without recent no-shows (none may be requeued after restoring it). */
    public QueueSnapshot(List<Ticket> activeTickets, List<CounterState> counters, Map<String, DayNumbering> numbering,
                         long lastCallSeq, long lastOrdinal) {
        this(activeTickets, counters, numbering, lastCallSeq, lastOrdinal, List.of());
    }

    /** The last sequence number issued for one service on one day. */
    public record DayNumbering(LocalDate day, int last) {
        public int next(LocalDate today) {
            return today.equals(day) ? last + 1 : 1;
        }
    }
}
