package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vn.onedesk.protocol.displays.CallAnnouncement;

class CallLogTest {
    @Test
    void itKeepsOnlyTheLatestCallsUpToItsCapacity() {
        CallLog log = new CallLog(5);
        LongStream.rangeClosed(1, 12).forEach(seq -> log.add(call(seq)));
        assertEquals(5, log.size());
        assertEquals(List.of(8L, 9L, 10L, 11L, 12L), seqs(log.after(0)));
    }

    @Test
    void afterGivesTheCallsAboveTheSeqOldestFirst() {
        CallLog log = new CallLog(CallLog.DEFAULT_CAPACITY);
        LongStream.rangeClosed(1, 6).forEach(seq -> log.add(call(seq)));
        assertEquals(List.of(4L, 5L, 6L), seqs(log.after(3)));
        assertEquals(List.of(), seqs(log.after(6)));
        assertEquals(List.of(), seqs(log.after(99)));
    }

    @Test
    void newestGivesAtMostNNewestFirst() {
        CallLog log = new CallLog(CallLog.DEFAULT_CAPACITY);
        assertEquals(List.of(), log.newest(20));
        LongStream.rangeClosed(1, 25).forEach(seq -> log.add(call(seq)));
        List<CallAnnouncement> newest = log.newest(20);
        assertEquals(20, newest.size());
        assertEquals(25, newest.get(0).seq());
        assertEquals(6, newest.get(19).seq());
    }

    private static CallAnnouncement call(long seq) {
        return new CallAnnouncement(seq, "A" + String.format("%03d", seq), "TP", "Q01", 1, false,
                Instant.EPOCH.plusSeconds(seq));
    }

    private static List<Long> seqs(List<CallAnnouncement> calls) {
        return calls.stream().map(CallAnnouncement::seq).toList();
    }
}
