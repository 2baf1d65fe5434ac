package vn.onedesk.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.persistence.CentreStore.PastRequest;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.StoredReply;

/**
 * The writer's memory of accepted requests: replies within the window, hashes of older keys by the hour for 24 h,
 * in a few bytes a key.
 */
class ReplyMemoryTest {
    private static final Duration WINDOW = Duration.ofMinutes(2);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @Test
    void aReplyIsKeptWithinTheWindowAndOnlyItsKeysHashAfterIt() {
        ReplyMemory memory = new ReplyMemory(WINDOW, DAY);
        RequestKey r1 = new RequestKey("kiosk-1", "r1");
        memory.remember(r1, reply("TP/NONE", "issued A001"), T0);

        memory.age(T0.plus(WINDOW));
        assertArrayEquals(bytes("issued A001"), memory.recent(r1).reply(), "still within the window");

        memory.age(T0.plus(WINDOW).plusSeconds(1));
        assertNull(memory.recent(r1), "its bytes are let go");
        assertTrue(memory.mayBeOlder(r1), "but the key is still known");
        assertFalse(memory.mayBeOlder(new RequestKey("kiosk-1", "r2")));
        assertFalse(memory.mayBeOlder(new RequestKey("kiosk-2", "r1")), "the device is part of the key");
        assertEquals(0, memory.recentCount());
        assertEquals(1, memory.olderCount());
    }

    @Test
    void anHourOfKeysIsDroppedWholeOnceItEndedMoreThanTwentyFourHoursAgo() {
        ReplyMemory memory = new ReplyMemory(WINDOW, DAY);
        RequestKey early = new RequestKey("kiosk-1", "early");
        RequestKey late = new RequestKey("kiosk-1", "late");
        memory.remember(early, reply("TP/NONE", "issued A001"), T0.plusSeconds(60)); // 01:01
        memory.remember(late, reply("TP/NONE", "issued A002"), T0.plusSeconds(3000)); // 01:50
        memory.age(T0.plus(Duration.ofHours(2)));

        memory.age(T0.plus(DAY).plusSeconds(3599)); // 01:59:59 the next day: the hour 01:00-02:00 is not all older
        assertTrue(memory.mayBeOlder(early));
        assertTrue(memory.mayBeOlder(late));

        memory.age(T0.plus(DAY).plusSeconds(3600));
        assertFalse(memory.mayBeOlder(early), "its hour is over 24 h old");
        assertFalse(memory.mayBeOlder(late));
        assertEquals(0, memory.olderCount());
    }

    @Test
    void aForgottenKeyIsNotRememberedAtAll() {
        ReplyMemory memory = new ReplyMemory(WINDOW, DAY);
        RequestKey r1 = new RequestKey("kiosk-1", "r1");
        memory.remember(r1, reply("TP/NONE", "issued A001"), T0);
        memory.forget(r1);
        memory.age(T0.plus(Duration.ofHours(1)));
        assertNull(memory.recent(r1));
        assertFalse(memory.mayBeOlder(r1));
    }

    @Test
    void aLoadKeepsTheRecentRepliesAndTheHashesOfTheOlderRequests() {
        ReplyMemory memory = new ReplyMemory(WINDOW, DAY);
        RequestKey old = new RequestKey("kiosk-1", "old");
        RequestKey recent = new RequestKey("kiosk-1", "recent");
        Instant now = T0.plus(Duration.ofHours(5));
        memory.remember(new RequestKey("kiosk-9", "before"), reply("TP/NONE", "x"), T0);

        memory.load(Map.of(recent, reply("TP/NONE", "issued A002")),
                List.of(new PastRequest(old.hash64(), T0.plus(Duration.ofHours(3)))), now);

        assertArrayEquals(bytes("issued A002"), memory.recent(recent).reply());
        assertTrue(memory.mayBeOlder(old));
        assertFalse(memory.mayBeOlder(new RequestKey("kiosk-9", "before")), "what was there before is replaced");
    }

    @Test
    void aMillionOlderRequestsTakeAboutEightBytesEachOnceTheirHoursAreOver() {
        ReplyMemory memory = new ReplyMemory(WINDOW, DAY);
        int n = 1_000_000;
        long spacingMs = DAY.toMillis() / n; // a million requests spread over 24 h
        SplittableRandom random = new SplittableRandom(15);
        RequestKey[] sample = new RequestKey[1000];
        for (int i = 0; i < n; i++) {
            RequestKey key = new RequestKey("kiosk-" + (i % 400), Long.toHexString(random.nextLong()));
            if (i % 1000 == 0) {
                sample[i / 1000] = key;
            }
            Instant at = T0.plusMillis(i * spacingMs);
            memory.remember(key, reply("TP/NONE", "issued"), at);
            if (i % 1000 == 999) {
                memory.age(at);
            }
        }
        Instant end = T0.plusMillis(n * spacingMs);
        memory.age(end.plus(Duration.ofHours(1))); // every request left the window; none is 24 h old yet

        assertEquals(n, memory.olderCount());
        for (RequestKey key : sample) {
            assertTrue(memory.mayBeOlder(key), key::toString);
        }
        int unknownHits = 0;
        for (int i = 0; i < 100_000; i++) {
            if (memory.mayBeOlder(new RequestKey("kiosk-1", "never-" + i))) {
                unknownHits++;
            }
        }
        assertEquals(0, unknownHits, "a 64-bit hash: a new key is practically never taken for an old one");
        long bytes = memory.olderBytes();
        assertTrue(bytes < 8.1 * n, () -> bytes + " bytes for a million keys");
        System.out.printf("ReplyMemory: %d older requests in %d bytes (%.2f B each)%n", n, bytes, (double) bytes / n);
    }

    @Test
    void anHourStillTakingKeysUsesAnOpenTableAtMostThreeQuartersFull() {
        LongSet set = new LongSet();
        SplittableRandom random = new SplittableRandom(7);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i == 5 ? 0 : random.nextLong();
            set.add(keys[i]);
            set.add(keys[i]);
        }
        assertEquals(keys.length, set.size());
        for (long k : keys) {
            assertTrue(set.contains(k));
        }
        assertTrue(set.tableBytes() <= 16 + 8L * 4 * keys.length / 3 * 2, () -> set.tableBytes() + " bytes");
        set.freeze();
        assertEquals(16 + 8L * (keys.length - 1), set.tableBytes(), "frozen: exactly the keys (0 is a flag)");
        for (long k : keys) {
            assertTrue(set.contains(k));
        }
        assertFalse(set.contains(42));
        set.add(42); // a late key thaws it
        assertTrue(set.contains(42));
        assertTrue(set.contains(keys[77]));
        assertEquals(keys.length + 1, set.size());
    }

    private static StoredReply reply(String fingerprint, String text) {
        return new StoredReply(fingerprint, bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
