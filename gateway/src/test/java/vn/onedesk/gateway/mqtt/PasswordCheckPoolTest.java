package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.mqtt.LoginAttempts.ACCEPTED;
import static vn.onedesk.gateway.mqtt.LoginAttempts.SERVER_UNAVAILABLE;
import static vn.onedesk.gateway.mqtt.LoginAttempts.V5_SERVER_BUSY;
import static vn.onedesk.gateway.mqtt.LoginAttempts.connect;
import static vn.onedesk.gateway.mqtt.LoginAttempts.connect5;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The one bounded pool of password checks, in the real gateway: guessers cannot take more of it than its threads,
 * a login beyond its queue is refused at once as busy (MQTT and HTTP alike), and a kiosk already connected is
 * served meanwhile. The gateway runs with 1 thread and a queue of 2, so that a few guessers fill it.
 */
class PasswordCheckPoolTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private GatewayHarness gateway;

    private void start() {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(),
                ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "1",
                ConfigLoader.ENV_PASSWORD_CHECK_QUEUE, "2")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aConnectedKioskStillGetsItsTicketsWhileTwentyGuessersSaturateThePasswordChecks() throws Exception {
        start();
        PasswordChecks checks = gateway.gateway().passwordChecks();
        AtomicBoolean guessing = new AtomicBoolean(true);
        AtomicInteger guesses = new AtomicInteger();
        ExecutorService guessers = Executors.newFixedThreadPool(20);
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            for (int g = 0; g < 20; g++) {
                int guesser = g;
                guessers.submit(() -> {
                    // A new id and a new address at each guess: no lock slows them down, only the pool does.
                    for (int n = 1; guessing.get() && n < 250; n++) {
                        try {
                            connect(gateway.mqttUri(), "guess-" + guesser + "-" + n, "wrong",
                                    "127.1." + guesser + "." + n);
                            guesses.incrementAndGet();
                        } catch (RuntimeException e) {
                            // a guess without an answer: the next one follows
                        }
                    }
                });
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (checks.refusedBusy() < 20 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(checks.refusedBusy() >= 20, "the guessers fill the pool: " + checks.refusedBusy()
                    + " refused as busy after " + guesses.get() + " guesses");
            for (int i = 1; i <= 5; i++) {
                String id = "under-attack-" + i;
                JsonNode reply = kiosk.request(REQUEST, RESPONSE, id,
                        "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
                assertTrue(reply.path("ticket").path("number").isTextual(), "ticket " + i + " is issued: " + reply);
            }
            assertTrue(checks.refusedBusy() >= 20);
        } finally {
            guessing.set(false);
            guessers.shutdown();
            assertTrue(guessers.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(1, checks.mostAtOnce(), "never more than the pool's one thread checked a password at once");
        assertTrue(LoginAttempts.failed(gateway.httpUri("/metrics"), "busy") >= 20, "busy refusals are counted");
    }

    @Test
    void whenEveryThreadAndPlaceInTheQueueIsTakenLoginsAreRefusedAtOnceAsBusyAndWorkAgainAfterwards()
            throws Exception {
        start();
        PasswordChecks checks = gateway.gateway().passwordChecks();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        List<Future<Boolean>> blockers = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // the one thread and the two places of the queue
            blockers.add(checks.run(() -> {
                running.countDown();
                return release.await(60, TimeUnit.SECONDS);
            }));
        }
        try {
            assertTrue(running.await(30, TimeUnit.SECONDS), "the first blocker holds the thread");
            long checked = checks.checksRun();
            assertEquals(SERVER_UNAVAILABLE, connect(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                    "MQTT 3.1.1: server unavailable");
            assertEquals(V5_SERVER_BUSY, connect5(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                    "MQTT 5: server busy");
            HttpResponse<String> staff = Logins.login(gateway, "manager", "demo");
            assertEquals(503, staff.statusCode(), staff.body());
            assertEquals("UNAVAILABLE", HttpCalls.errorCode(staff));
            assertEquals("1", staff.headers().firstValue("retry-after").orElse(""));
            assertEquals(checked, checks.checksRun(), "nothing more was checked, or queued");
            assertEquals(2.0, LoginAttempts.failed(gateway.httpUri("/metrics"), "busy"));
        } finally {
            release.countDown();
        }
        blockers.forEach(GatewayHarness::await);
        for (int i = 1; i <= 6; i++) {
            assertEquals(ACCEPTED, connect(gateway.mqttUri(), "kiosk-2", "demo", "127.0.0.1"),
                    "a busy refusal is no failure: the device is not locked (" + i + ")");
        }
        assertEquals(200, Logins.login(gateway, "manager", "demo").statusCode());
    }
}
