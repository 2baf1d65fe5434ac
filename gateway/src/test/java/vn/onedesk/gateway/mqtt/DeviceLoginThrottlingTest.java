package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.mqtt.LoginAttempts.ACCEPTED;
import static vn.onedesk.gateway.mqtt.LoginAttempts.BAD_USER_NAME_OR_PASSWORD;
import static vn.onedesk.gateway.mqtt.LoginAttempts.NOT_AUTHORIZED;
import static vn.onedesk.gateway.mqtt.LoginAttempts.V5_BAD_USER_NAME_OR_PASSWORD;
import static vn.onedesk.gateway.mqtt.LoginAttempts.V5_CONNECTION_RATE_EXCEEDED;
import static vn.onedesk.gateway.mqtt.LoginAttempts.connect;
import static vn.onedesk.gateway.mqtt.LoginAttempts.connect5;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Guessing a device's password over MQTT, against the real gateway with Paho: the backoff per device id and per
 * address, the CONNACK while locked (and that no hash is checked then: the pool's count of checks and the metric
 * say so, not a stopwatch), the right password once the lock ends, the WebSocket bridge counting the browser's
 * address, and the log. Each test has a gateway of its own (the throttle is its memory) on a clock it moves.
 */
class DeviceLoginThrottlingTest {
    private static final String WRONG = "Sai-mat-khau-42";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T02:00:00Z"));
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
    void afterFiveWrongPasswordsTheDeviceIdIsLockedAndEvenTheRightPasswordIsRefusedWithoutCheckingAnyHash() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(gateway.mqttUri(), "kiosk-1", WRONG, "127.0.0.1"),
                    "failure " + i);
        }
        long checked = checks();
        assertEquals(NOT_AUTHORIZED, connect(gateway.mqttUri(), "kiosk-1", "demo", "127.0.0.1"),
                "MQTT 3.1.1: locked is 'not authorized', not 'bad user name or password'");
        assertEquals(V5_CONNECTION_RATE_EXCEEDED, connect5(gateway.mqttUri(), "kiosk-1", WRONG, "127.0.0.2"),
                "MQTT 5: 0x9F connection rate exceeded, from another address too: the device id is locked");
        assertEquals(checked, checks(), "no password was checked while the id was locked");
        assertEquals(5.0, failed("unknown_or_wrong"));
        assertEquals(2.0, failed("locked"));
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                "another device id is not locked");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "kiosk-1", "demo", "127.0.0.1"),
                "once the lock ends, the right password works");
    }

    @Test
    void eachFailureAfterTheLockDoublesItAndTheRightPasswordWorksOnceTheLongerLockEnds() {
        for (int i = 1; i <= 5; i++) {
            connect(gateway.mqttUri(), "counter-Q01", WRONG, "127.0.0.1");
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(gateway.mqttUri(), "counter-Q01", WRONG, "127.0.0.1"),
                "the 1 s lock ended: the next guess is checked, and wrong");
        clock.advance(Duration.ofMillis(1_999));
        assertEquals(NOT_AUTHORIZED, connect(gateway.mqttUri(), "counter-Q01", "demo", "127.0.0.1"),
                "the sixth failure locks for 2 s");
        clock.advance(Duration.ofMillis(1));
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "counter-Q01", "demo", "127.0.0.1"));
        for (int i = 1; i <= 5; i++) {
            assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(gateway.mqttUri(), "counter-Q01", WRONG, "127.0.0.1"),
                    "the success started the count afresh: " + i);
        }
    }

    @Test
    void anAddressIsLockedAfterTwentyFailuresWhateverDeviceIdsItClaims() {
        for (int i = 1; i <= 20; i++) {
            assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(gateway.mqttUri(), "guess-" + i, WRONG, "127.0.0.7"),
                    "failure " + i);
        }
        long checked = checks();
        assertEquals(NOT_AUTHORIZED, connect(gateway.mqttUri(), "hall-1", "demo", "127.0.0.7"),
                "the address is locked, for a real device's right password too");
        assertEquals(checked, checks());
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "hall-1", "demo", "127.0.0.8"),
                "another address is not locked");
    }

    @Test
    void aPasswordAlreadyVerifiedForTheDeviceGetsItInWhileItsIdIsLockedSoAGuesserCannotKeepAKioskOut()
            throws Exception {
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kiosk-1", "demo")) {
            assertTrue(kiosk.isConnected());
        }
        for (int i = 1; i <= 5; i++) {
            connect(gateway.mqttUri(), "kiosk-1", WRONG, "127.0.0.9");
        }
        assertEquals(NOT_AUTHORIZED, connect(gateway.mqttUri(), "kiosk-1", WRONG, "127.0.0.9"), "locked");
        long checked = checks();
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "kiosk-1", "demo", "127.0.0.1"),
                "the kiosk's own password, verified before, still gets it in");
        assertEquals(checked, checks(), "without a hash check (the remembered SHA-256 of it)");
        assertEquals(NOT_AUTHORIZED, connect(gateway.mqttUri(), "kiosk-1", "demo-", "127.0.0.1"),
                "and the id stays locked for anything else");
    }

    @Test
    void loginsThroughTheWebSocketBridgeCountAgainstTheBrowsersAddressNotAgainstLoopback() {
        String ws = gateway.webSocketUri();
        for (int i = 1; i <= 20; i++) {
            assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(ws, "ws-guess-" + i, WRONG, "127.0.0.5"), "failure " + i);
        }
        assertEquals(NOT_AUTHORIZED, connect(ws, "hall-1", "demo", "127.0.0.5"),
                "the browser at 127.0.0.5 is locked");
        assertEquals(ACCEPTED, connect(ws, "hall-1", "demo", "127.0.0.6"),
                "another browser is not: both reach MQTT from 127.0.0.1, but each is counted as itself");
        assertEquals(ACCEPTED, connect(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                "nor is loopback itself, where the bridge connects from");
    }

    @Test
    void failedLoginsAreLoggedOncePerIntervalWithTheDeviceIdAndTheAddressButNeverThePassword() {
        try (LogCapture log = LogCapture.of(DeviceLogins.class)) {
            long start = System.nanoTime();
            for (int i = 1; i <= 8; i++) {
                connect(gateway.mqttUri(), "kiosk-1", WRONG, "127.0.0.4");
            }
            connect(gateway.mqttUri(), "nobody-here", WRONG, "127.0.0.3");
            // One line per kind (refused, locked) per 10 s: on a machine so loaded that the nine attempts took more
            // than 10 s, one more line of each kind is allowed per 10 s they took.
            long intervals = 1 + Duration.ofNanos(System.nanoTime() - start).toSeconds() / 10;
            String text = log.text();
            List<LogRecord> records = log.records();
            long refused = records.stream().filter(r -> r.getMessage().contains("wrong password")
                    || r.getMessage().contains("no such device")).count();
            long locked = records.stream().filter(r -> r.getMessage().contains("too many failed logins")).count();
            assertEquals(records.size(), refused + locked, text);
            assertTrue(refused >= 1 && refused <= intervals, "refusals: " + text);
            assertTrue(locked >= 1 && locked <= intervals, "locks: " + text);
            assertTrue(text.contains("refused CONNECT of device 'kiosk-1' from 127.0.0.4: wrong password"), text);
            assertTrue(text.contains("too many failed logins of this device id"), text);
            assertFalse(text.contains(WRONG), "the password is never logged: " + text);
            if (intervals == 1) {
                assertEquals(2, records.size(), "one line for the refusals and one for the lock, not nine: " + text);
                assertFalse(text.contains("nobody-here"), "the ninth refusal, within 10 s, is left out of the log");
            }
        }
        assertEquals(6.0, failed("unknown_or_wrong"), "but every refusal is counted");
        assertEquals(3.0, failed("locked"));
    }

    @Test
    void aDisabledDeviceIsRefusedAsAnUnknownOneAfterAStandInCheckAndCountedAsDisabled() {
        String admin = Logins.bearer(Logins.admin(gateway));
        assertEquals(200, HttpCalls.call("PATCH", gateway.httpUri("/api/v1/admin/centres/hcc-tinh/devices/kiosk-2"),
                "{\"enabled\":false}", "authorization", admin).statusCode());
        long checked = checks();
        assertEquals(BAD_USER_NAME_OR_PASSWORD, connect(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                "the right password of a disabled device gets the answer a wrong one gets");
        assertEquals(V5_BAD_USER_NAME_OR_PASSWORD, connect5(gateway.mqttUri(), "no-such-kiosk", "demo", "127.0.0.1"));
        assertEquals(checked + 2, checks(), "each cost one check, against the stand-in hash");
        assertEquals(1.0, failed("disabled"));
        assertEquals(1.0, failed("unknown_or_wrong"));
    }

    private long checks() {
        return gateway.gateway().passwordChecks().checksRun();
    }

    private double failed(String reason) {
        return LoginAttempts.failed(gateway.httpUri("/metrics"), reason);
    }
}
