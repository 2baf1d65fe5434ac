package vn.onedesk.gateway.displays;

import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;

/** What a centre's live stream carries, in the order it happened. */
public sealed interface LiveEvent {
    /** A call or recall, as published on the calls topic, at once. */
    record Call(CallAnnouncement call) implements LiveEvent {
    }

    /** A service's wait changed (debounced). */
    record Wait(WaitEstimate estimate) implements LiveEvent {
    }

    /** The board: the whole picture, at connect and when it changed (debounced). */
    record BoardUpdate(Board board) implements LiveEvent {
    }
}
