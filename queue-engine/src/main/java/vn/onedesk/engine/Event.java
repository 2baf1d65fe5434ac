package vn.onedesk.engine;

import java.time.Instant;
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

    record CounterOpened(String counter, Instant at) implements Event {
        public String ticketId() {
            return null;
        }
    }

    record CounterClosed(String counter, Instant at) implements Event {
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
    record TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, Instant at)
            implements Event {
    }

    record TicketNoShow(String ticketId, String counter, Instant at) implements Event {
    }

    record ServiceStarted(String ticketId, String counter, Instant at) implements Event {
    }

    record ServiceCompleted(String ticketId, String counter, Instant at) implements Event {
    }

    record TicketTransferred(String ticketId, String counter, String fromService, String toService, Instant at)
            implements Event {
    }
}
