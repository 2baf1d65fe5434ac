package vn.onedesk.protocol.counters;

/** A counter as devices see it. */
public record CounterView(String id, int number, String operator, boolean open) {
}
