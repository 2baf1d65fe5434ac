package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.persistence.CentreLeases;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.RequestRow;
import vn.onedesk.gateway.persistence.ConnectionTuning;
import vn.onedesk.gateway.persistence.Migrations;
import vn.onedesk.gateway.persistence.NotTheWriterException;
import vn.onedesk.gateway.persistence.StaleVersionException;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Leases of centres between gateway nodes on a real PostgreSQL, and the writer epoch that fences a node which lost
 * its centre: whatever version it holds, it commits nothing more and cannot load the centre again.
 */
class CentreLeasesTest {
    private static final String CENTRE = "hcc-test";
    private static final Duration LEASE = Duration.ofSeconds(10);

    private Vertx vertx;
    private Pool pool;
    private CentreLeases leases;
    private final Instant now = Instant.parse("2026-12-04T02:00:00Z");
    private int requests;

    @BeforeEach
    void database() {
        vertx = Vertx.vertx();
        PgConnectOptions options = ConnectionTuning.apply(PgConnectOptions.fromUri(TestDatabase.freshDatabaseUrl()));
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        await(Migrations.apply(pool));
        leases = new CentreLeases(pool);
    }

    @AfterEach
    void close() {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void aNodeThatLostItsCentreCommitsNothingMoreEvenAtTheCurrentVersionAndCannotLoadItAgain() {
        HeldLeases a = new HeldLeases("node-a");
        a.held(CENTRE, await(leases.acquire(CENTRE, "node-a", Duration.ofMillis(300))).orElseThrow());
        CentreStore storeA = new CentreStore(pool, CENTRE, a);
        long version = await(storeA.load(now)).version();
        await(storeA.commit(oneReply(version, "kiosk-1")));

        // node A is paused past its lease, and node B takes the centre over
        sleep(400);
        HeldLeases b = new HeldLeases("node-b");
        OptionalLong taken = await(leases.acquire(CENTRE, "node-b", LEASE));
        assertTrue(taken.isPresent(), "node B takes over a centre whose lease expired");
        b.held(CENTRE, taken.getAsLong());

        // node A resumes: its queue is at the current version, but its writer epoch is not
        Throwable fenced = awaitFailure(storeA.commit(oneReply(version, "kiosk-1")));
        assertInstanceOf(StaleVersionException.class, fenced);
        assertEquals(1, replies("kiosk-1"), "the stale node's batch wrote nothing");
        assertInstanceOf(NotTheWriterException.class, awaitFailure(storeA.load(now)),
                "the stale node is refused the reload its failed commit asks for");

        CentreStore storeB = new CentreStore(pool, CENTRE, b);
        await(storeB.commit(oneReply(await(storeB.load(now)).version(), "kiosk-2")));
        assertEquals(1, replies("kiosk-2"), "the new owner commits");
    }

    @Test
    void aLeaseIsTakenOnlyWhenFreeOrExpiredEachTimeAtTheNextEpoch() {
        assertEquals(OptionalLong.of(1), await(leases.acquire(CENTRE, "node-a", Duration.ofMillis(300))),
                "never taken: free");
        assertTrue(await(leases.acquire(CENTRE, "node-b", LEASE)).isEmpty(), "held, not expired");
        sleep(400);
        assertEquals(OptionalLong.of(2), await(leases.acquire(CENTRE, "node-b", LEASE)),
                "an expired lease is taken, at the next epoch");
        assertTrue(await(leases.acquire(CENTRE, "node-a", LEASE)).isEmpty(), "its former owner cannot take it back");
        assertEquals(Map.of(CENTRE, "node-b"), await(leases.owners()));
    }

    @Test
    void renewingKeepsOnlyTheLeasesStillHeldAtTheirEpochAndAReleasedCentreIsTakenAtOnce() {
        long epoch = await(leases.acquire(CENTRE, "node-a", LEASE)).orElseThrow();
        long other = await(leases.acquire("hcc-other", "node-a", LEASE)).orElseThrow();
        assertEquals(Map.of(CENTRE, epoch, "hcc-other", other),
                await(leases.renew("node-a", Map.of(CENTRE, epoch, "hcc-other", other), LEASE)));
        assertEquals(Map.of(CENTRE, epoch), await(leases.renew("node-a", Map.of(CENTRE, epoch, "hcc-other", other - 1),
                LEASE)), "a lease held at another epoch is not this writer's");

        await(leases.release(CENTRE, "node-a", epoch));
        assertEquals(OptionalLong.of(epoch + 1), await(leases.acquire(CENTRE, "node-b", LEASE)),
                "released: node B takes it without waiting for the lease");
        assertEquals(Map.of(), await(leases.renew("node-a", Map.of(CENTRE, epoch), LEASE)),
                "node A's renewal finds the centre gone");
    }

    /** A batch with no event: one stored reply, under the version check and the writer's epoch. */
    private Batch oneReply(long version, String device) {
        RequestRow row = new RequestRow(new RequestKey(device, "r" + ++requests), "fp", new byte[] {1}, now);
        return new Batch(version, List.of(), List.of(), List.of(), List.of(row), 0, 0, now);
    }

    private long replies(String device) {
        return await(pool.preparedQuery("SELECT count(*) FROM requests WHERE device_id = $1")
                .execute(Tuple.of(device))).iterator().next().getLong(0);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }
}
