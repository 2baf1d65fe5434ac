package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulated clock against a real clock given in nanoseconds. */
class SimClockTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant NINE = Instant.parse("2025-03-03T02:00:00Z");

    @Test
    void runsAtItsSpeedTimesRealTime() {
        SimClock clock = new SimClock(10, 5 * SECOND, NINE);
        assertEquals(NINE, clock.at(5 * SECOND));
        assertEquals(NINE.plusSeconds(60), clock.at(11 * SECOND));
        assertEquals(NINE.plus(Duration.ofHours(1)), clock.at(5 * SECOND + 360 * SECOND));
    }

    @Test
    void catchesUpQuicklyToTheTargetThenRunsAtItsSpeed() {
        SimClock clock = new SimClock(10, 0, NINE);
        clock.jump(0, NINE.minus(Duration.ofMinutes(30)), NINE, 600);
        assertTrue(clock.catchingUp(SECOND));
        assertEquals(NINE.minus(Duration.ofMinutes(20)), clock.at(SECOND), "600 simulated seconds per real second");
        assertEquals(NINE, clock.at(3 * SECOND), "the half hour takes three real seconds");
        assertFalse(clock.catchingUp(3 * SECOND));
        assertEquals(NINE.plusSeconds(20), clock.at(5 * SECOND), "then ten simulated seconds per real second");
    }

    @Test
    void neverCatchesUpSlowerThanItsOwnSpeed() {
        SimClock clock = new SimClock(1000, 0, NINE);
        clock.jump(0, NINE.minus(Duration.ofMinutes(30)), NINE, 600);
        assertEquals(NINE.minus(Duration.ofMinutes(30)).plusSeconds(1000), clock.at(SECOND));
    }

    @Test
    void tellsWhenInRealTimeItWillShowAnInstant() {
        SimClock clock = new SimClock(10, 7 * SECOND, NINE);
        clock.jump(7 * SECOND, NINE.minus(Duration.ofMinutes(30)), NINE, 600);
        for (Instant simulated : new Instant[] {NINE.minus(Duration.ofMinutes(29)), NINE, NINE.plusSeconds(95)}) {
            long real = clock.nanosAt(simulated);
            assertEquals(simulated, clock.at(real), "at(nanosAt(t)) = t for " + simulated);
        }
        assertEquals(7 * SECOND, clock.nanosAt(NINE.minus(Duration.ofHours(5))), "the past is due at once");
        assertEquals(7 * SECOND + 3 * SECOND + 6 * SECOND, clock.nanosAt(NINE.plusSeconds(60)));
    }

    @Test
    void standsStillBeforeItsAnchor() {
        SimClock clock = new SimClock(10, 10 * SECOND, NINE);
        assertEquals(NINE, clock.at(9 * SECOND));
    }
}
