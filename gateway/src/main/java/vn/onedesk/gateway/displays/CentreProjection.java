package vn.onedesk.gateway.displays;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.displays.WaitEstimate;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Everything the displays of one centre show that needs wait estimates, computed once from one snapshot of its queue
 * and shared by every output: the retained waits, board and counter queues, the live streams and the watched tickets.
 *
 * @param version  the feed's version of the queue the snapshot was taken of: a result is published only when it is
 *                 newer than the last one published, so a slow projection never overwrites a newer one
 * @param at       when the snapshot was taken (the messages' time)
 * @param waits    each service's wait, in the centre's order of services
 * @param counters each counter's queue, in the centre's order of counters
 * @param tickets  the view of each watched ticket still in the queue then, by ticket id
 * @param lines    each service's projected line (OPEN services only), immutable, to answer ticket pages opened before
 *                 the queue changes without projecting again
 */
record CentreProjection(long version, Instant at, List<WaitEstimate> waits, List<CounterQueue> counters,
                        Map<String, TicketView> tickets, Map<String, LineEstimate> lines) {
}
