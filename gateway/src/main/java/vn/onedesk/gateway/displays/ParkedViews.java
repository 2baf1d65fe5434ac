package vn.onedesk.gateway.displays;

import java.time.Duration;
import java.util.List;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.protocol.counters.CounterQueue;

/** The tickets a counter parked, as its terminal lists them in its queue message. */
final class ParkedViews {
    private ParkedViews() {
    }

    /** The tickets parked at this counter, longest parked first, at most {@link CounterQueue#PARKED}. */
    static List<CounterQueue.Parked> at(CentreQueue queue, String counter) {
        Duration timeout = queue.definition().rules().parkTimeout();
        return queue.parked().stream().filter(p -> p.counter().equals(counter))
                .flatMap(p -> queue.ticket(p.ticketId()).stream().map(t -> new CounterQueue.Parked(t.number(),
                        t.service(), p.reason(), p.since(), p.expiresAt(timeout))))
                .limit(CounterQueue.PARKED).toList();
    }
}
