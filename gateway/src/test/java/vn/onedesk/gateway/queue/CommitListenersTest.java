package vn.onedesk.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Completable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;

/** Displays and metrics hear every commit through one composed listener, in order, each on its own. */
class CommitListenersTest {

    /** Writes down what it is told; throws on commits when asked to. */
    private static final class Recording implements CommitListener {
        final List<String> heard;
        final String name;
        final boolean failing;

        Recording(List<String> heard, String name, boolean failing) {
            this.heard = heard;
            this.name = name;
            this.failing = failing;
        }

        @Override
        public void loaded(CentreQueue queue) {
            heard.add(name + " loaded");
        }

        @Override
        public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
            heard.add(name + " committed " + events.size());
            if (failing) {
                throw new IllegalStateException(name + " broke");
            }
        }

        @Override
        public Completable<Void> committing(String centre) {
            heard.add(name + " committing " + centre);
            return (v, failure) -> heard.add(name + " commit " + (failure == null ? "ok" : failure.getMessage()));
        }
    }

    @Test
    void everyListenerHearsEveryCallInOrderAndOneThatThrowsDoesNotSilenceTheNext() {
        List<String> heard = new ArrayList<>();
        CommitListener both = CommitListeners.of(new Recording(heard, "displays", true),
                new Recording(heard, "metrics", false));
        both.loaded(null);
        Completable<Void> timing = both.committing("hcc-tinh");
        both.committed(null, List.of(), Map.of());
        timing.fail(new IllegalStateException("disk full"));
        assertEquals(List.of("displays loaded", "metrics loaded",
                "displays committing hcc-tinh", "metrics committing hcc-tinh",
                "displays committed 0", "metrics committed 0",
                "displays commit disk full", "metrics commit disk full"), heard);
    }

    @Test
    void aSingleListenerIsUsedAsItIs() {
        CommitListener only = new Recording(new ArrayList<>(), "displays", false);
        assertSame(only, CommitListeners.of(only));
    }
}
