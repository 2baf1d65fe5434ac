package vn.onedesk.engine.counters;

import java.util.Optional;

/**
 * A counter's live state: open or closed, the ticket at it, if any, and the officer bound to it by OPEN, if
 * any (null for a counter opened by a terminal that names no officer). Closing unbinds the officer.
 */
public record CounterState(String id, boolean open, String currentTicket, Officer officer) {

    public CounterState(String id, boolean open, String currentTicket) {
        this(id, open, currentTicket, null);
    }

    public static CounterState closed(String id) {
        return new CounterState(id, false, null, null);
    }

    public Optional<String> current() {
        return Optional.ofNullable(currentTicket);
    }

    /** The officer at the counter, if one is bound. */
    public Optional<Officer> boundOfficer() {
        return Optional.ofNullable(officer);
    }

    /** The id of the officer at the counter, or null: what each of its events records. */
    public String officerId() {
        return officer == null ? null : officer.id();
    }

    /** Open with this officer bound (null keeps whoever is bound). */
    public CounterState opened(Officer by) {
        return new CounterState(id, true, currentTicket, by == null ? officer : by);
    }

    public CounterState closedNow() {
        return new CounterState(id, false, null, null);
    }

    public CounterState serving(String ticketId) {
        return new CounterState(id, open, ticketId, officer);
    }

    public CounterState idle() {
        return new CounterState(id, open, null, officer);
    }
}
