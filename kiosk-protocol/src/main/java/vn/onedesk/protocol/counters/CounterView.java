package vn.onedesk.protocol.counters;

/** A counter as devices see it; {@code officer} is who is bound to it, absent when nobody is. */
public record CounterView(String id, int number, String operator, boolean open, OfficerView officer) {

    public CounterView(String id, int number, String operator, boolean open) {
        this(id, number, operator, open, null);
    }
}
