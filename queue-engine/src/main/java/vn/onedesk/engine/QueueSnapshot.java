package vn.onedesk.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.rating.Completion;
import vn.onedesk.engine.ticketing.NoShows.NoShow;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Everything needed to rebuild a centre's queue exactly: the active tickets, the counters, the
 * last number issued per service and day, the last call sequence and the last ticket ordinal, why and since
 * when each PARKED ticket is parked, the tickets completed in the last 24 h with whether they were rated (what
 * ratings are decided on), the recent no-shows that REQUEUE may still put back in line, and what the estimates
 * have learnt ({@code learnt}: null = none, the estimates start from the configured priors).
 */
public record QueueSnapshot(List<Ticket> activeTickets, List<CounterState> counters,
                            Map<String, DayNumbering> numbering, long lastCallSeq, long lastOrdinal,
                            List<ParkedTicket> parked, List<Completion> completions, List<NoShow> noShows,
                            LearntEstimates learnt) {

    public QueueSnapshot {
        activeTickets = List.copyOf(activeTickets);
        counters = List.copyOf(counters);
        numbering = Map.copyOf(numbering);
        parked = parked == null ? List.of() : List.copyOf(parked);
        completions = completions == null ? List.of() : List.copyOf(completions);
        noShows = noShows == null ? List.of() : List.copyOf(noShows);
    }

    /** A queue whose estimates start from the configured priors. */
    public QueueSnapshot(List<Ticket> activeTickets, List<CounterState> counters, Map<String, DayNumbering> numbering,
                         long lastCallSeq, long lastOrdinal, List<ParkedTicket> parked, List<Completion> completions,
                         List<NoShow> noShows) {
        this(activeTickets, counters, numbering, lastCallSeq, lastOrdinal, parked, completions, noShows, null);
    }

    /** A queue in which nothing is parked, that remembers no completions and no no-shows. */
    public QueueSnapshot(List<Ticket> activeTickets, List<CounterState> counters, Map<String, DayNumbering> numbering,
                         long lastCallSeq, long lastOrdinal) {
        this(activeTickets, counters, numbering, lastCallSeq, lastOrdinal, List.of(), List.of(), List.of());
    }

    /** The last sequence number issued for one service on one day. */
    public record DayNumbering(LocalDate day, int last) {
        public int next(LocalDate today) {
            return today.equals(day) ? last + 1 : 1;
        }
    }
}
