package vn.onedesk.gateway.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.HttpCalls.errorCode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;

/**
 * Failed logins against the real gateway: the backoff per account and per address, answered 429 with
 * Retry-After and without checking any password meanwhile; unknown usernames checked against a hash like known
 * ones; every failure logged at INFO without the password and counted by reason. Each test has a gateway of its
 * own (the throttle is the gateway's memory) on a clock it moves.
 */
class LoginThrottlingTest {
    private static final String WRONG = "Sai-mat-khau-42";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T01:00:00Z"));
    private GatewayHarness gateway;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.startDemo(clock);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void afterFiveFailuresTheAccountIsLockedWith429AndRetryAfterAndEvenTheRightPasswordIsRefusedUnchecked() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, login("manager", WRONG).statusCode(), "failure " + i);
        }
        long checked = checked();
        HttpResponse<String> locked = login("manager", "demo");
        assertEquals(429, locked.statusCode(), locked.body());
        assertEquals("TOO_MANY_ATTEMPTS", errorCode(locked));
        assertEquals("1", locked.headers().firstValue("retry-after").orElse(""));
        assertFalse(locked.headers().firstValue("set-cookie").isPresent(), "no session while locked");
        assertEquals(checked, checked(), "no password is checked while the account is locked");
        assertEquals(200, Logins.login(gateway, "admin", "demo").statusCode(), "another account is not locked");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, login("manager", "demo").statusCode(), "once the lock ends, the right password works");
        for (int i = 1; i <= 4; i++) {
            assertEquals(401, login("manager", WRONG).statusCode(), "the success started the count afresh: " + i);
        }
        assertEquals(401, login("manager", WRONG).statusCode());
        assertEquals(429, login("manager", WRONG).statusCode());
    }

    @Test
    void eachFailureAfterALockDoublesItUpToFifteenMinutes() {
        for (int i = 1; i <= 5; i++) {
            login("officer-Q03", WRONG);
        }
        long lock = 1;
        for (int round = 0; round < 12; round++) {
            HttpResponse<String> locked = login("officer-Q03", "demo");
            assertEquals(429, locked.statusCode(), "round " + round);
            assertEquals(String.valueOf(lock), locked.headers().firstValue("retry-after").orElse(""), "round " + round);
            clock.advance(Duration.ofSeconds(lock));
            assertEquals(401, login("officer-Q03", WRONG).statusCode(), "round " + round);
            lock = Math.min(lock * 2, 900);
        }
        assertEquals("900", login("officer-Q03", "demo").headers().firstValue("retry-after").orElse(""),
                "the lock stops growing at 15 minutes");
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryAccountWhileOtherAddressesAreNotLocked() {
        for (int i = 1; i <= 20; i++) {
            assertEquals(401, login("nobody-" + i, WRONG).statusCode(), "failure " + i + " (each account once)");
        }
        HttpResponse<String> locked = login("manager", "demo");
        assertEquals(429, locked.statusCode(), "the address is locked, whichever account it tries");
        assertEquals("1", locked.headers().firstValue("retry-after").orElse(""));
    }

    @Test
    void anUnknownUsernameIsCheckedAgainstAHashLikeAKnownOneAndGetsTheSameAnswerAsAWrongPassword() {
        long before = checked();
        HttpResponse<String> unknown = login("khong-co-ai", WRONG);
        assertEquals(before + 1, checked(), "an unknown username's password is checked against the stand-in hash");
        HttpResponse<String> wrong = login("officer-Q04", WRONG);
        assertEquals(before + 2, checked(), "a known one's against its own");
        GatewayHarness.await(gateway.gateway().staff().store().setEnabled("officer-Q08", false, clock.instant()));
        HttpResponse<String> disabled = login("officer-Q08", "demo");
        assertEquals(before + 3, checked(), "a disabled account's password is checked before it is refused");

        for (HttpResponse<String> refused : java.util.List.of(unknown, wrong, disabled)) {
            assertEquals(401, refused.statusCode());
            assertEquals(unknown.body(), refused.body(), "one answer for all three");
            assertEquals("UNAUTHENTICATED", errorCode(refused));
        }
        assertEquals("wrong username or password", HttpCalls.json(unknown).path("error").path("detail").asText());
    }

    @Test
    void everyFailureIsLoggedAtInfoWithTheUsernameAndAddressButNeverThePasswordAndCountedByReason() {
        try (LogCapture log = LogCapture.of(StaffLogin.class)) {
            login("khong-co-ai", WRONG);
            login("officer-Q04", WRONG);
            GatewayHarness.await(gateway.gateway().staff().store().setEnabled("officer-Q08", false, clock.instant()));
            login("officer-Q08", "demo");
            for (int i = 0; i < 5; i++) {
                login("officer-Q09", WRONG);
            }
            login("officer-Q09", WRONG + "-locked");

            String text = log.text();
            assertFalse(text.contains(WRONG), "no password in the log:\n" + text);
            assertTrue(log.records().stream().filter(r -> r.getMessage() != null
                    && r.getMessage().startsWith("login refused")).allMatch(r -> r.getLevel() == Level.INFO), text);
            assertTrue(text.contains("login refused for 'khong-co-ai' from 127.0.0.1: no such account"), text);
            assertTrue(text.contains("login refused for 'officer-Q04' from 127.0.0.1: wrong password"), text);
            assertTrue(text.contains("login refused for 'officer-Q08' from 127.0.0.1: the account is disabled"), text);
            assertTrue(text.contains("login refused for 'officer-Q09' from 127.0.0.1: too many failed logins"), text);
        }
        String metrics = HttpCalls.get(gateway.httpUri("/metrics")).body();
        assertTrue(metrics.contains("onedesk_login_failures_total{reason=\"unknown_user\"} 1.0"), metrics);
        assertTrue(metrics.contains("onedesk_login_failures_total{reason=\"wrong_password\"} 6.0"), metrics);
        assertTrue(metrics.contains("onedesk_login_failures_total{reason=\"disabled\"} 1.0"), metrics);
        assertTrue(metrics.contains("onedesk_login_failures_total{reason=\"throttled\"} 1.0"), metrics);
    }

    private HttpResponse<String> login(String username, String password) {
        return Logins.login(gateway, username, password);
    }

    private long checked() {
        return gateway.gateway().staff().logins().passwordsChecked();
    }
}
