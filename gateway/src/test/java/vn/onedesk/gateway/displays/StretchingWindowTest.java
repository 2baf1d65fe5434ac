package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StretchingWindowTest {
    private static final long MS = 1_000_000;
    private final StretchingWindow window = new StretchingWindow(Duration.ofSeconds(1), Duration.ofSeconds(4));

    @Test
    void aQuietCentreKeepsTheBaseWindow() {
        for (int i = 0; i < 10; i++) {
            window.requested();
            window.refreshed(2 * MS);
        }
        assertEquals(1000 * MS, window.nanos());
    }

    @Test
    void aSlowProjectionStretchesTheWindowSoThatItTakesATenthAtMostUpToTheBound() {
        window.refreshed(150 * MS);
        assertEquals(2000 * MS, window.nanos(), "doubled");
        window.refreshed(300 * MS);
        assertEquals(4000 * MS, window.nanos(), "300 ms wants 3 s, doubling gives 4 s");
        window.refreshed(900 * MS);
        assertEquals(4000 * MS, window.nanos(), "never past the bound");
    }

    @Test
    void manyCommitsPerWindowStretchItEvenWhenTheProjectionIsCheap() {
        for (int i = 0; i < StretchingWindow.BUSY_REQUESTS; i++) {
            window.requested();
        }
        window.refreshed(MS);
        assertEquals(2000 * MS, window.nanos());
    }

    @Test
    void theWindowShrinksBackToTheBaseWhenQuietAgain() {
        window.refreshed(400 * MS);
        assertEquals(4000 * MS, window.nanos());
        window.refreshed(MS);
        assertEquals(2000 * MS, window.nanos());
        window.refreshed(MS);
        window.refreshed(MS);
        assertEquals(1000 * MS, window.nanos(), "never below the base");
    }

    @Test
    void aModeratelyBusyCentreKeepsItsStretchedWindow() {
        window.refreshed(400 * MS);
        window.requested();
        window.requested();
        window.requested();
        window.refreshed(200 * MS); // 5% of 4 s: neither busy nor quiet
        assertEquals(4000 * MS, window.nanos());
    }

    @Test
    void aFixedWindowNeverStretches() {
        StretchingWindow fixed = StretchingWindow.fixed(Duration.ZERO);
        for (int i = 0; i < 100; i++) {
            fixed.requested();
        }
        fixed.refreshed(500 * MS);
        assertEquals(0, fixed.nanos());
    }
}
