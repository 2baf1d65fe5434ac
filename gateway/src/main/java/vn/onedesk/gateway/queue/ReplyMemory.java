package vn.onedesk.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.onedesk.gateway.persistence.CentreStore.PastRequest;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.StoredReply;

/**
 * What the single writer remembers of the requests it accepted, so that a retry gets the same bytes and a different
 * request under a used id DUPLICATE_REQUEST. Keeping every reply for the whole {@code memory} (24 h) cost about
 * 630 bytes a request and was most of the live heap by the end of a rush (+300 MB in 10 minutes at 100 centres).
 * Now the replies themselves are kept for the {@code window} only (minutes: the retries of a device that lost its
 * connection come within seconds); an older request is remembered by a 64-bit hash of its key, in one
 * {@link LongSet} per hour of acceptance (8 bytes a key once its hour is over), and whole hours are dropped once
 * older than the memory. A key whose hash is known but whose reply is not here is resolved against the journal,
 * which stores every reply: a real late retry, or (once in 2^64) another key with the same hash.
 *
 * <p>Used on the writer's context only; not thread-safe.
 */
final class ReplyMemory {
    private static final long HOUR_SECONDS = 3600;

    private record Remembered(StoredReply reply, Instant at) {
    }

    private final Duration window;
    private final Duration memory;
    /** In order of acceptance, which is the writer's (monotonic) time. */
    private final LinkedHashMap<RequestKey, Remembered> recent = new LinkedHashMap<>();
    /** Epoch hour of acceptance -> the hashes of the keys accepted in it and older than the window. */
    private final TreeMap<Long, LongSet> older = new TreeMap<>();

    ReplyMemory(Duration window, Duration memory) {
        this.window = window;
        this.memory = memory;
    }

    /** The reply to a request accepted within the window; null if there is none. */
    StoredReply recent(RequestKey key) {
        Remembered r = recent.get(key);
        return r == null ? null : r.reply();
    }

    /**
     * Whether a request under this key may have been accepted before the window (its reply is then in the journal
     * only); false means it certainly was not, within the memory. Meant for keys {@link #recent} does not know.
     */
    boolean mayBeOlder(RequestKey key) {
        if (older.isEmpty()) {
            return false;
        }
        long hash = key.hash64();
        for (LongSet hour : older.values()) {
            if (hour.contains(hash)) {
                return true;
            }
        }
        return false;
    }

    void remember(RequestKey key, StoredReply reply, Instant at) {
        recent.put(key, new Remembered(reply, at));
    }

    /** A commit that did not land leaves no trace: its requests are decided afresh when retried. */
    void forget(RequestKey key) {
        recent.remove(key);
    }

    /**
     * Lets go of the bytes of the replies older than the window (keeping their hashes), and of whole hours older
     * than the memory.
     */
    void age(Instant now) {
        Instant horizon = now.minus(window);
        Iterator<Map.Entry<RequestKey, Remembered>> it = recent.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RequestKey, Remembered> e = it.next();
            if (!e.getValue().at().isBefore(horizon)) {
                break;
            }
            hour(e.getValue().at()).add(e.getKey().hash64());
            it.remove();
        }
        // an hour holds requests accepted in it: it goes once its end is older than the memory
        long oldestKept = Math.floorDiv(now.minus(memory).getEpochSecond(), HOUR_SECONDS);
        older.headMap(oldestKept).clear();
        // an hour whose requests have all left the window takes no more: it is frozen to 8 bytes a key
        long lastOpen = Math.floorDiv(horizon.getEpochSecond(), HOUR_SECONDS);
        older.headMap(lastOpen).values().forEach(LongSet::freeze);
    }

    /** Replaces what is remembered with what the journal loaded. */
    void load(Map<RequestKey, StoredReply> replies, List<PastRequest> past, Instant now) {
        recent.clear();
        older.clear();
        past.forEach(p -> hour(p.at()).add(p.keyHash()));
        replies.forEach((k, reply) -> recent.put(k, new Remembered(reply, now)));
        age(now);
    }

    int recentCount() {
        return recent.size();
    }

    long olderCount() {
        return older.values().stream().mapToLong(LongSet::size).sum();
    }

    /**
     * The bytes the older requests take, computed from the tables' sizes (64-bit JVM, compressed pointers): each
     * set's 32-byte object and its table, and about 64 bytes for its entry in the map of hours.
     */
    long olderBytes() {
        return older.values().stream().mapToLong(s -> 32 + s.tableBytes() + 64).sum();
    }

    private LongSet hour(Instant at) {
        return older.computeIfAbsent(Math.floorDiv(at.getEpochSecond(), HOUR_SECONDS), h -> new LongSet());
    }
}
