package vn.onedesk.engine;

import java.time.Instant;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * What happened in a centre. Events record outcomes, not decisions, so replaying them rebuilds the
 * same state whatever routing policy is in force at replay time.
 */
public sealed interface Event {
    Instant at();

    /** The ticket the event concerns; null for counter events. */
    String ticketId();

    /** The counter the event concerns; null for a ticket being issued. */
    String counter();

    /** The id of the officer bound to the event's counter when it happened; null when nobody was bound. */
    default String officer() {
        return null;
    }

    /**
     * The centre's definition changed to this one (through the administration, or a configuration imported again).
     * Counters it removes or whose operator it changes were closed by events just before it.
     */
    record CentreReconfigured(CentreDefinition definition, Instant at) implements Event {
        public String ticketId() {
            return null;
        }

        public String counter() {
            return null;
        }
    }

    record TicketIssued(Ticket ticket) implements Event {
        public Instant at() {
            return ticket.waitingSince();
        }

        public String ticketId() {
            return ticket.id();
        }

        public String counter() {
            return null;
        }
    }

    /** A counter opened; with {@code by}, that officer is bound to it from now on (by may bind a counter already open). */
    record CounterOpened(String counter, Officer by, Instant at) implements Event {
        public CounterOpened(String counter, Instant at) {
            this(counter, null, at);
        }

        public String ticketId() {
            return null;
        }

        @Override
        public String officer() {
            return by == null ? null : by.id();
        }
    }

    /** A counter closed, unbinding its officer, whose id it records. */
    record CounterClosed(String counter, String officer, Instant at) implements Event {
        public CounterClosed(String counter, Instant at) {
            this(counter, null, at);
        }

        public String ticketId() {
            return null;
        }
    }

    /**
     * A call (or, with {@code recall}, a repeat call) of a ticket to a counter.
     *
     * @param callSeq the centre's call sequence, one more than the previous call
     * @param reason  why the routing policy chose this ticket; for a recall, "recall"
     */
    record TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, String officer,
                        Instant at) implements Event {
        public TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, Instant at) {
            this(ticketId, counter, callSeq, recall, reason, null, at);
        }
    }

    record TicketNoShow(String ticketId, String counter, String officer, Instant at) implements Event {
        public TicketNoShow(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at);
        }
    }

    record ServiceStarted(String ticketId, String counter, String officer, Instant at) implements Event {
        public ServiceStarted(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at);
        }
    }

    record ServiceCompleted(String ticketId, String counter, String officer, Instant at) implements Event {
        public ServiceCompleted(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at);
        }
    }

    /**
     * A ticket handed on from a counter: to {@code toService} (its own service again when it was transferred to a
     * counter or an officer only), reserved for {@code toCounter} or {@code toOfficer} when one is named, with the
     * officer's {@code note} for the next one (each null when not given).
     */
    record TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                             Instant at, String toCounter, String toOfficer, String note) implements Event {
        public TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                                 Instant at) {
            this(ticketId, counter, fromService, toService, officer, at, null, null, null);
        }

        public TicketTransferred(String ticketId, String counter, String fromService, String toService, Instant at) {
            this(ticketId, counter, fromService, toService, null, at);
        }
    }

    /**
     * A no-show put back in line (REQUEUE) from {@code counter}, or from a kiosk ({@code counter} null), ordered
     * from now on by {@code placedAt} (see {@link vn.onedesk.engine.ticketing.Ticket#queuePlace()}).
     */
    record TicketRequeued(String ticketId, String counter, String officer, Instant at,
                          vn.onedesk.engine.ticketing.QueuePlace placedAt)
            implements Event {
    }
}
