package vn.onedesk.gateway.displays;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The live feeds as the HTTP side uses them. Every call hops to the centre's context, reads or
 * subscribes there, and completes on the caller's context: HTTP never touches a queue, and nothing
 * polls the engine. Ask {@link #runs} first: the other methods fail for a centre the gateway does not run.
 */
public final class LiveFeeds {
    private final DisplayFeed displays;
    private final Clock clock;

    public LiveFeeds(DisplayFeed displays, Clock clock) {
        this.displays = displays;
        this.clock = clock;
    }

    /** A way to stop a subscription; closing twice is harmless. */
    public interface Subscription {
        void close();
    }

    /** Whether the gateway runs this centre (and has loaded its queue). */
    public boolean runs(String centre) {
        return displays.centre(centre).isPresent();
    }

    public Future<Board> board(String centre) {
        return onCentre(centre, false, feed -> feed.board(clock.instant()));
    }

    /**
     * Subscribes to the centre's calls, changed waits and changed boards. The subscriber first gets the
     * kept calls with a seq above {@code lastEventId} (when not null), then the current board.
     */
    public Future<Subscription> streamWaits(String centre, Long lastEventId, Subscriber<LiveEvent> subscriber) {
        return onCentre(centre, false, feed -> {
            feed.subscribe(subscriber, lastEventId);
            return (Subscription) () -> {
                subscriber.close();
                feed.context().runOnContext(v -> feed.unsubscribe(subscriber));
            };
        });
    }

    /** The view of a ticket that is in the centre's queue; empty when it is not (finished or unknown). */
    public Future<Optional<TicketView>> activeTicket(String centre, String ticketId) {
        return onCentre(centre, true, feed -> feed.activeTicket(ticketId));
    }

    /**
     * Watches a ticket that is in the queue: the subscriber gets its view now and whenever it changes,
     * the last one DONE or NO_SHOW. Empty when the ticket is not in the queue.
     */
    public Future<Optional<Subscription>> watchTicket(String centre, String ticketId,
                                                                Subscriber<TicketView> subscriber) {
        return onCentre(centre, true, feed -> {
            if (!feed.watch(ticketId, subscriber)) {
                return Optional.empty();
            }
            return Optional.<Subscription>of(() -> {
                subscriber.close();
                feed.context().runOnContext(v -> feed.unwatch(ticketId, subscriber));
            });
        });
    }

    private <T> Future<T> onCentre(String centre, boolean settled, Function<CentreFeed, T> work) {
        Optional<CentreFeed> found = displays.centre(centre);
        if (found.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("the gateway runs no centre " + centre));
        }
        CentreFeed feed = found.get();
        Context caller = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        feed.context().runOnContext(v -> {
            Runnable task = () -> {
                try {
                    T value = work.apply(feed);
                    complete(caller, () -> promise.complete(value));
                } catch (RuntimeException e) {
                    complete(caller, () -> promise.fail(e));
                }
            };
            if (settled) {
                feed.whenSettled(task);
            } else {
                task.run();
            }
        });
        return promise.future();
    }

    private static void complete(Context caller, Runnable completion) {
        if (caller == null) {
            completion.run();
        } else {
            caller.runOnContext(v -> completion.run());
        }
    }
}
