package vn.onedesk.gateway.displays;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.FrozenQueue;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.protocol.counters.CounterQueue;

/**
 * The parked tickets a counter may call back, as its terminal lists them in its queue message: those it parked,
 * and those of a service it serves parked at a counter that is closed now (their officer left; the engine lets any
 * counter serving the service call them back, and this is where its officers see them).
 */
final class ParkedViews {
    private ParkedViews() {
    }

    /** Longest parked first, at most {@link CounterQueue#PARKED}. */
    static List<CounterQueue.Parked> at(FrozenQueue queue, String counter) {
        Duration timeout = queue.definition().rules().parkTimeout();
        Optional<CounterDefinition> here = queue.definition().counter(counter);
        return queue.parked().stream()
                .flatMap(p -> queue.ticket(p.ticketId()).stream()
                        .filter(t -> p.counter().equals(counter) || here.isPresent()
                                && here.get().canServe(t.service()) && !openNow(queue, p.counter()))
                        .map(t -> new CounterQueue.Parked(t.number(), t.service(), p.counter(), p.reason(), p.since(),
                                p.expiresAt(timeout))))
                .limit(CounterQueue.PARKED).toList();
    }

    private static boolean openNow(FrozenQueue queue, String counter) {
        return queue.counter(counter).map(CounterState::open).orElse(false);
    }
}
