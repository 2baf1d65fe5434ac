package vn.onedesk.protocol.counters;

/** The officer bound to a counter by OPEN: their staff username and display name. */
public record OfficerView(String id, String name) {
}
