package vn.onedesk.protocol.displays;

import java.time.Instant;
import java.util.List;
import vn.onedesk.protocol.counters.NowServing;

/**
 * Retained on {@code onedesk/v1/{c}/board}: everything a hall screen shows, in one message, so a
 * display (or a web page over SSE) that connects late is complete at once.
 *
 * @param lastSeq     seq of the centre's latest call, 0 if none; calls with a higher seq are news
 * @param counters    every counter's now-serving, in the centre's counter order
 * @param recentCalls the latest calls and recalls, newest first, at most {@link #RECENT_CALLS}
 * @param services    every service's wait, in the centre's service order
 */
public record Board(String centre, String centreName, long lastSeq, List<NowServing> counters,
                    List<CallAnnouncement> recentCalls, List<WaitEstimate> services, Instant updatedAt) {
    /** How many recent calls a board carries. */
    public static final int RECENT_CALLS = 20;

    public Board {
        counters = counters == null ? List.of() : List.copyOf(counters);
        recentCalls = recentCalls == null ? List.of() : List.copyOf(recentCalls);
        services = services == null ? List.of() : List.copyOf(services);
    }
}
