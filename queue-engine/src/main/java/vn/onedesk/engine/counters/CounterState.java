package vn.onedesk.engine.counters;

import java.util.Optional;

/** A counter's live state: open or closed, and the ticket at it, if any. */
public record CounterState(String id, boolean open, String currentTicket) {

    public static CounterState closed(String id) {
        return new CounterState(id, false, null);
    }

    public Optional<String> current() {
        return Optional.ofNullable(currentTicket);
    }

    public CounterState opened() {
        return new CounterState(id, true, currentTicket);
    }

    public CounterState closedNow() {
        return new CounterState(id, false, null);
    }

    public CounterState serving(String ticketId) {
        return new CounterState(id, open, ticketId);
    }

    public CounterState idle() {
        return new CounterState(id, open, null);
    }
}
