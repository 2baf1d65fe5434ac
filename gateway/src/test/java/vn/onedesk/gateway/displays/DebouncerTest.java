package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The debouncer on a real Vert.x context, with a small window. */
class DebouncerTest {
    private static final Duration WINDOW = Duration.ofMillis(200);

    private Vertx vertx;
    private Context context;
    private final List<Long> runs = new CopyOnWriteArrayList<>();
    private final List<Context> ranOn = new CopyOnWriteArrayList<>();
    private Debouncer debouncer;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        debouncer = new Debouncer(context, WINDOW, () -> {
            ranOn.add(Vertx.currentContext());
            runs.add(System.nanoTime());
        });
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstRequestRunsAtOnceInTheCallersTurn() throws Exception {
        assertEquals(1, onContext(() -> {
            debouncer.request();
            return runs.size();
        }));
    }

    @Test
    void requestsWithinTheWindowAreFoldedIntoOneRunAtTheWindowsEnd() throws Exception {
        long first = onContext(() -> {
            debouncer.request();
            return runs.get(0);
        });
        for (int i = 0; i < 10; i++) {
            onContext(() -> {
                debouncer.request();
                return null;
            });
            Thread.sleep(5);
        }
        assertEquals(1, runs.size(), "no run before the window is over");
        Thread.sleep(WINDOW.toMillis() * 3);
        assertEquals(2, runs.size(), "exactly one run for the ten requests");
        assertTrue(runs.get(1) - first >= WINDOW.toNanos() - 5_000_000, "the second run waited for the window");
        assertEquals(List.of(context, context), ranOn, "the timer's run is on the same context, never beside it");
    }

    @Test
    void aRequestAfterAQuietWindowRunsAtOnceAgain() throws Exception {
        onContext(() -> {
            debouncer.request();
            return null;
        });
        Thread.sleep(WINDOW.toMillis() + 50);
        assertEquals(2, onContext(() -> {
            debouncer.request();
            return runs.size();
        }));
    }

    @Test
    void aBusyStretchRunsAboutOncePerWindowAndLastAfterTheLastRequest() throws Exception {
        long start = System.nanoTime();
        long lastRequest = 0;
        while (System.nanoTime() - start < WINDOW.toNanos() * 5) {
            lastRequest = onContext(() -> {
                debouncer.request();
                return System.nanoTime();
            });
            Thread.sleep(2);
        }
        Thread.sleep(WINDOW.toMillis() * 3);
        long elapsed = System.nanoTime() - start;
        assertTrue(runs.size() <= elapsed / WINDOW.toNanos() + 2, runs.size() + " runs in " + elapsed / 1_000_000 + " ms");
        assertTrue(runs.size() >= 5, "busy for five windows: " + runs.size() + " runs");
        assertTrue(runs.get(runs.size() - 1) >= lastRequest, "a run follows the last request");
    }

    @Test
    void aRunThatFallsDueWhileHeldIsOwedUntilReleasedAndRequested() throws Exception {
        onContext(() -> {
            debouncer.request(); // runs
            debouncer.request(); // schedules the end-of-window run
            debouncer.hold();
            return null;
        });
        Thread.sleep(WINDOW.toMillis() * 2);
        assertEquals(1, runs.size(), "held: the timer's run is owed, not made");
        assertEquals(2, onContext(() -> {
            debouncer.release();
            debouncer.request();
            return runs.size();
        }), "released: the owed run happens at once");
    }

    @Test
    void runNowRunsWhateverTheWindowAndReplacesAPendingRun() throws Exception {
        onContext(() -> {
            debouncer.request();
            debouncer.request();
            debouncer.runNow();
            return null;
        });
        assertEquals(2, runs.size());
        Thread.sleep(WINDOW.toMillis() * 2);
        assertEquals(2, runs.size(), "the pending end-of-window run was folded into runNow");
    }

    private <T> T onContext(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
