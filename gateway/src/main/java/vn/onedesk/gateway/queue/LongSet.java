package vn.onedesk.gateway.queue;

import java.util.Arrays;

/**
 * A set of longs without boxing, for the hashes of older request keys ({@link ReplyMemory}): open addressing in a
 * power-of-two table of at most 3/4 load (8 to 21 bytes a key) while it takes keys, then, once {@link #freeze frozen},
 * one sorted array of exactly its keys (8 bytes a key, binary search). A {@code HashSet<Long>} costs about 64 bytes
 * a key; no primitive collection library is a dependency, and this is all the writer needs.
 */
final class LongSet {
    private static final int MIN_CAPACITY = 16;

    /** The open table (0 marks a free slot; the key 0 itself is {@link #hasZero}), or the sorted keys once frozen. */
    private long[] table = new long[MIN_CAPACITY];
    private int size;
    private boolean hasZero;
    private boolean frozen;

    boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        if (frozen) {
            return Arrays.binarySearch(table, key) >= 0;
        }
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long at = table[i];
            if (at == key) {
                return true;
            }
            if (at == 0) {
                return false;
            }
        }
    }

    void add(long key) {
        if (key == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        if (frozen) {
            thaw();
        }
        if ((size + 1) * 4L > table.length * 3L) {
            rehash(table.length * 2);
        }
        insert(table, key);
    }

    /** Keeps exactly the keys, sorted: no key may be added cheaply any more. */
    void freeze() {
        if (frozen) {
            return;
        }
        long[] keys = new long[size - (hasZero ? 1 : 0)];
        int n = 0;
        for (long k : table) {
            if (k != 0) {
                keys[n++] = k;
            }
        }
        Arrays.sort(keys);
        table = keys;
        frozen = true;
    }

    int size() {
        return size;
    }

    /** The bytes of the key table (the set's own header and fields add 32), as sized, not as measured. */
    long tableBytes() {
        return 16L + 8L * table.length;
    }

    private void thaw() {
        long[] keys = table;
        frozen = false;
        size = hasZero ? 1 : 0;
        int capacity = MIN_CAPACITY;
        while ((keys.length + 1) * 4L > capacity * 3L) {
            capacity *= 2;
        }
        table = new long[capacity];
        for (long k : keys) {
            insert(table, k);
        }
    }

    private void rehash(int capacity) {
        long[] old = table;
        table = new long[capacity];
        size = hasZero ? 1 : 0;
        for (long k : old) {
            if (k != 0) {
                insert(table, k);
            }
        }
    }

    private void insert(long[] into, long key) {
        int mask = into.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long at = into[i];
            if (at == key) {
                return;
            }
            if (at == 0) {
                into[i] = key;
                size++;
                return;
            }
        }
    }

    /** The keys are well-mixed hashes already; their high bits pick the slot. */
    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
