package vn.onedesk.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backoff schedule and its memory, on the throttle alone with instants the test chooses. */
class LoginThrottleTest {
    private static final Instant T = Instant.parse("2025-03-03T01:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle();

    @Test
    void fourFailuresAreFreeTheFifthLocksForOneSecondAndEachNextDoublesTheLockUpToFifteenMinutes() {
        assertEquals(Duration.ZERO, LoginThrottle.lockAfter(4, 5));
        assertEquals(Duration.ofSeconds(1), LoginThrottle.lockAfter(5, 5));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.lockAfter(6, 5));
        assertEquals(Duration.ofSeconds(512), LoginThrottle.lockAfter(14, 5));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.lockAfter(15, 5), "1,024 s is over the cap");
        assertEquals(Duration.ofMinutes(15), LoginThrottle.lockAfter(1_000, 5));
    }

    @Test
    void aLockedAccountRefusesEveryAttemptUntilTheLockEndsThenAllowsOneMore() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), throttle.attempt("manager", "10.0.0." + i, T), "attempt " + (i + 1));
        }
        LoginThrottle.Locked locked = throttle.attempt("manager", "10.0.0.9", T.plusMillis(400)).orElseThrow();
        assertEquals("account", locked.what());
        assertEquals(Duration.ofMillis(600), locked.retryAfter());
        assertEquals(Optional.empty(), throttle.attempt("manager", "10.0.0.9", T.plusSeconds(1)), "the lock has ended");
        assertEquals(Duration.ofSeconds(2), throttle.attempt("manager", "10.0.0.9", T.plusSeconds(1)).orElseThrow()
                .retryAfter(), "that sixth failure locks for twice as long");
    }

    @Test
    void aRightPasswordClearsItsAccountButNotTheAddressItCameFrom() {
        for (int i = 0; i < 19; i++) {
            throttle.attempt("unknown-" + i, "10.1.1.1", T);
            throttle.failed("unknown-" + i, "10.1.1.1", T);
        }
        throttle.attempt("manager", "10.1.1.1", T);
        throttle.succeeded("manager", "10.1.1.1");
        assertEquals(0, throttle.failures("manager"));
        assertEquals(Optional.empty(), throttle.attempt("someone", "10.1.1.1", T), "the twentieth attempt may go on");
        throttle.failed("someone", "10.1.1.1", T);
        LoginThrottle.Locked locked = throttle.attempt("manager", "10.1.1.1", T).orElseThrow();
        assertEquals("address", locked.what(), "twenty failures from one address lock it, whoever is tried");
        assertEquals(Optional.empty(), throttle.attempt("manager", "10.1.1.2", T), "another address is not locked");
    }

    @Test
    void aCentresDevicesBehindOneAddressLoggingInAllAtOnceDoNotLockEachOtherOut() {
        // 200 devices of one NAT address reconnect together: every login is in flight before the first is decided
        for (int i = 0; i < 200; i++) {
            assertEquals(Optional.empty(), throttle.attempt("kiosk-" + i, "203.0.113.7", T), "device " + i);
        }
        for (int i = 0; i < 200; i++) {
            throttle.succeeded("kiosk-" + i, "203.0.113.7");
        }
        assertEquals(Optional.empty(), throttle.attempt("kiosk-200", "203.0.113.7", T));
    }

    @Test
    void guessesOfOneAccountSentAllAtOnceAreLockedBeforeAnyIsDecided() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), throttle.attempt("manager", "10.2.0." + i, T));
        }
        assertEquals("account", throttle.attempt("manager", "10.2.0.9", T).orElseThrow().what(),
                "the sixth guess in flight is refused although none has failed yet");
    }

    @Test
    void anAddressIsLockedByDecidedFailuresWhateverAccountsItTries() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), throttle.attempt("guess-" + i, "10.3.0.1", T));
            throttle.failed("guess-" + i, "10.3.0.1", T);
        }
        assertEquals("address", throttle.attempt("guess-20", "10.3.0.1", T).orElseThrow().what());
    }

    @Test
    void aKeyWithNoFailureForAnHourStartsAgainFromZero() {
        for (int i = 0; i < 7; i++) {
            throttle.attempt("manager", "10.0.0.1", T.plusSeconds(60L * i));
        }
        assertTrue(throttle.attempt("manager", "10.0.0.1", T.plusSeconds(6 * 60 + 1)).isPresent());
        Instant later = T.plusSeconds(6 * 60).plus(LoginThrottle.FORGET_AFTER);
        assertEquals(Optional.empty(), throttle.attempt("manager", "10.0.0.1", later));
        assertEquals(1, throttle.failures("manager"));
    }

    @Test
    void anAbandonedAttemptCountsForNothing() {
        throttle.attempt("manager", "10.0.0.1", T);
        throttle.attempt("manager", "10.0.0.1", T);
        throttle.abandoned("manager", "10.0.0.1");
        assertEquals(1, throttle.failures("manager"));
    }

    @Test
    void theMemoryIsBoundedByForgettingTheKeysIdleLongest() {
        for (int i = 0; i < LoginThrottle.MAX_KEYS + 10; i++) {
            throttle.attempt("user-" + i, "10.0." + (i / 250) + "." + (i % 250), T.plusMillis(i));
        }
        assertEquals(0, throttle.failures("user-0"), "the oldest key was forgotten to make room");
        assertEquals(1, throttle.failures("user-" + (LoginThrottle.MAX_KEYS + 9)));
    }
}
