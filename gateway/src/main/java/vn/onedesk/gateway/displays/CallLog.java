package vn.onedesk.gateway.displays;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import vn.onedesk.protocol.displays.CallAnnouncement;

/**
 * The latest calls of one centre, for the board's recent calls and for replaying what an SSE client
 * missed (Last-Event-ID). Bounded, so a long day cannot grow it: {@value #DEFAULT_CAPACITY} calls is
 * over an hour of a busy provincial centre, far more than a reconnecting screen misses.
 * Not thread-safe: used on the centre's context only.
 */
final class CallLog {
    static final int DEFAULT_CAPACITY = 500;

    private final int capacity;
    private final ArrayDeque<CallAnnouncement> calls = new ArrayDeque<>();

    CallLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    void add(CallAnnouncement call) {
        if (calls.size() == capacity) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    /** The kept calls with a seq above {@code seq}, oldest first. */
    List<CallAnnouncement> after(long seq) {
        List<CallAnnouncement> missed = new ArrayList<>();
        Iterator<CallAnnouncement> newestFirst = calls.descendingIterator();
        while (newestFirst.hasNext()) {
            CallAnnouncement call = newestFirst.next();
            if (call.seq() <= seq) {
                break;
            }
            missed.add(call);
        }
        java.util.Collections.reverse(missed);
        return missed;
    }

    /** At most {@code n} of the latest calls, newest first. */
    List<CallAnnouncement> newest(int n) {
        List<CallAnnouncement> latest = new ArrayList<>(Math.min(n, calls.size()));
        Iterator<CallAnnouncement> it = calls.descendingIterator();
        while (it.hasNext() && latest.size() < n) {
            latest.add(it.next());
        }
        return latest;
    }

    /** The seq of the latest call kept, 0 if none. */
    long newestSeq() {
        return calls.isEmpty() ? 0 : calls.peekLast().seq();
    }

    int size() {
        return calls.size();
    }
}
