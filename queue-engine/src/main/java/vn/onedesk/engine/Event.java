package vn.onedesk.engine;

import java.time.Instant;
import java.util.List;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.rating.RatingSource;
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

    /** @param dossier the dossier whose result the citizen came to collect, as the kiosk gave it; null when none */
    record TicketIssued(Ticket ticket, String dossier) implements Event {
        public TicketIssued(Ticket ticket) {
            this(ticket, null);
        }

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
     * @param reason  why the routing policy chose this ticket; for a recall, "recall"; for a parked ticket called
     *                back, {@value #PARKED}; for a ticket called by its number, out of order, {@value #NUMBER}
     * @param note    the officer's reason for a call by number; null otherwise
     */
    record TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, String officer,
                        Instant at, String note) implements Event {
        /** The reason of a parked ticket called back (CALL_PARKED). */
        public static final String PARKED = "parked";
        /** The reason of a ticket called by its number, out of its line's order (CALL_NUMBER). */
        public static final String NUMBER = "number";

        public TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, String officer,
                            Instant at) {
            this(ticketId, counter, callSeq, recall, reason, officer, at, null);
        }

        public TicketCalled(String ticketId, String counter, long callSeq, boolean recall, String reason, Instant at) {
            this(ticketId, counter, callSeq, recall, reason, null, at, null);
        }

        /** Whether the call skipped the line: a call by number, which reports list as out of order. */
        public boolean outOfOrder() {
            return NUMBER.equals(reason) && !recall;
        }

        /** Whether the call resumed a parked ticket (the ticket was called before, so it is not a first call). */
        public boolean resumed() {
            return PARKED.equals(reason) && !recall;
        }
    }

    /**
     * A called ticket whose citizen did not come; with {@code expired}, a parked ticket whose citizen did not come
     * back within the park timeout (its counter is the one that parked it, its officer the one who did).
     */
    record TicketNoShow(String ticketId, String counter, String officer, Instant at, boolean expired)
            implements Event {
        public TicketNoShow(String ticketId, String counter, String officer, Instant at) {
            this(ticketId, counter, officer, at, false);
        }

        public TicketNoShow(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at, false);
        }
    }

    /** A counter set its current ticket aside, with the officer's reason; the counter is free from now on. */
    record TicketParked(String ticketId, String counter, String reason, String officer, Instant at) implements Event {
    }

    record ServiceStarted(String ticketId, String counter, String officer, Instant at) implements Event {
        public ServiceStarted(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at);
        }
    }

    /** @param dossiers the dossiers received in the visit, as the counter reported them; null when none */
    record ServiceCompleted(String ticketId, String counter, String officer, Instant at, Dossiers dossiers)
            implements Event {
        public ServiceCompleted(String ticketId, String counter, String officer, Instant at) {
            this(ticketId, counter, officer, at, null);
        }

        public ServiceCompleted(String ticketId, String counter, Instant at) {
            this(ticketId, counter, null, at, null);
        }
    }

    /**
     * A ticket handed on from a counter: to {@code toService} (its own service again when it was transferred to a
     * counter or an officer only), reserved for {@code toCounter} or {@code toOfficer} when one is named, with the
     * officer's {@code note} for the next one (each null when not given).
     *
     * @param dossiers the dossiers received in this leg, as the counter reported them; null when none
     */
    record TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                             Instant at, String toCounter, String toOfficer, String note, Dossiers dossiers)
            implements Event {
        public TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                                 Instant at, String toCounter, String toOfficer, String note) {
            this(ticketId, counter, fromService, toService, officer, at, toCounter, toOfficer, note, null);
        }

        public TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                                 Instant at, Dossiers dossiers) {
            this(ticketId, counter, fromService, toService, officer, at, null, null, null, dossiers);
        }

        public TicketTransferred(String ticketId, String counter, String fromService, String toService, String officer,
                                 Instant at) {
            this(ticketId, counter, fromService, toService, officer, at, null, null, null, null);
        }

        public TicketTransferred(String ticketId, String counter, String fromService, String toService, Instant at) {
            this(ticketId, counter, fromService, toService, null, at, null, null, null, null);
        }
    }

    /**
     * A citizen rated the service of a completed ticket, once. {@code counter}, {@code service} and {@code officer}
     * are those of the leg that completed, whichever way the rating came.
     *
     * @param number  the ticket's number ("A023"), as the pad showed it
     * @param officer the id of the officer who completed it; null when nobody was bound to the counter
     * @param reasons reason codes, only with the two lowest scores; empty otherwise
     */
    record ServiceRated(String ticketId, String counter, String number, String service, String officer, int score,
                        List<String> reasons, RatingSource source, Instant at) implements Event {
        public ServiceRated {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
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

    /** The citizen of a remote ticket was seen at a kiosk ({@code by}), which took the ticket's code. */
    record RemoteTicketConfirmed(String ticketId, String by, Instant at) implements Event {
        public String counter() {
            return null;
        }
    }

    /**
     * A counter's call reached a remote ticket not yet confirmed, and called the next ticket instead: the first such
     * pass, from which the centre's remote grace runs (see {@link vn.onedesk.engine.ticketing.RemoteHold}). The ticket
     * keeps its place.
     */
    record RemoteTicketPassed(String ticketId, String counter, String officer, Instant at) implements Event {
    }
}
