package vn.onedesk.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;

/** The bounded pool alone: how many checks run at once, how many wait, and that the rest are refused at once. */
class PasswordChecksTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        GatewayHarness.await(vertx.close());
    }

    @Test
    void atMostTheThreadsRunAtOnceTheQueueWaitsAndEveryCheckBeyondIsRefusedAtOnceAsBusy() throws Exception {
        PasswordChecks checks = new PasswordChecks(vertx, 2, 3);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            all.add(checks.run(() -> {
                release.await(30, TimeUnit.SECONDS);
                return n;
            }));
        }
        for (int i = 5; i < 12; i++) {
            Future<Integer> refused = all.get(i);
            assertTrue(refused.failed(), "check " + i + " is refused at once, not queued");
            assertInstanceOf(PasswordChecks.Busy.class, refused.cause());
        }
        assertEquals(7, checks.refusedBusy());
        release.countDown();
        for (int i = 0; i < 5; i++) {
            assertEquals(i, GatewayHarness.await(all.get(i)), "2 running and 3 waiting all complete");
        }
        assertEquals(5, checks.checksRun());
        assertTrue(checks.mostAtOnce() <= 2, "never more than 2 at once: " + checks.mostAtOnce());
        assertEquals(7, GatewayHarness.await(checks.run(() -> 7)), "room again once they are done");
        GatewayHarness.await(checks.close());
    }

    @Test
    void aQueueOfZeroRefusesEverythingButWhatTheThreadsRun() throws Exception {
        PasswordChecks checks = new PasswordChecks(vertx, 1, 0);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> running = checks.run(() -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "done";
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertInstanceOf(PasswordChecks.Busy.class, checks.run(() -> "never").cause());
        release.countDown();
        assertEquals("done", GatewayHarness.await(running));
        assertEquals(1, checks.mostAtOnce());
        GatewayHarness.await(checks.close());
    }
}
