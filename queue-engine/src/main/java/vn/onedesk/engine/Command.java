package vn.onedesk.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.rating.RatingSource;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.RemoteHold;

/** What can be asked of a centre's queue. */
public sealed interface Command {

    /**
     * Take a ticket. The id is chosen by the caller so the engine stays deterministic.
     *
     * @param appointmentAt the booked time, for a citizen checking in for an appointment; else null
     * @param dossier       the dossier whose result the citizen comes to collect (carried to the event, decided on by
     *                      nothing); else null
     * @param remote        for a ticket taken from the citizen's phone (channel REMOTE): its holder's key and code,
     *                      not confirmed (see {@link vn.onedesk.engine.ticketing.RemoteHold}); null otherwise. Such a
     *                      ticket is issued only while the service is OPEN within the centre's sessions, and only
     *                      while its holder has fewer than the centre's {@code remotePerPhone} remote tickets waiting
     */
    record IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel,
                       Instant appointmentAt, String dossier, RemoteHold remote) implements Command {
        public IssueTicket {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(channel, "channel");
            if (remote != null && (channel != Channel.REMOTE || remote.confirmed() || remote.passedAt() != null)) {
                throw new IllegalArgumentException("a remote hold comes with channel REMOTE, unconfirmed and never passed");
            }
        }

        public IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel,
                           Instant appointmentAt, String dossier) {
            this(ticketId, service, priority, channel, appointmentAt, dossier, null);
        }

        /** A ticket taken from the citizen's phone, to be confirmed in the hall. */
        public static IssueTicket remote(String ticketId, String service, RemoteHold hold) {
            return new IssueTicket(ticketId, service, PriorityGroup.NONE, Channel.REMOTE, null, null, hold);
        }

        public IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel,
                           Instant appointmentAt) {
            this(ticketId, service, priority, channel, appointmentAt, null);
        }

        public IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel) {
            this(ticketId, service, priority, channel, null, null);
        }
    }

    /**
     * Change the centre's definition (services, counters, skills, sessions, settings) while it runs. Decided and
     * applied like any other command, so the change is in the same log as the queue's events, in order with them.
     */
    record Reconfigure(CentreDefinition definition) implements Command {
        public Reconfigure {
            Objects.requireNonNull(definition, "definition");
        }
    }

    /**
     * A citizen rates the service they just had, 1 (Rất không hài lòng) to 5 (Rất hài lòng), with reason codes the
     * adapter has checked. From the counter's pad ({@link #atPad}) it names the counter and the ticket's number; from
     * the citizen's phone ({@link #byPhone}) the ticket's id (found by its token). Decided by
     * {@link vn.onedesk.engine.rating.Completions}.
     */
    record RateService(RatingSource source, String counter, String ticketNumber, String ticketId, int score,
                       List<String> reasons) implements Command {
        public static final int MIN_SCORE = 1;
        public static final int MAX_SCORE = 5;

        public RateService {
            Objects.requireNonNull(source, "source");
            if (source == RatingSource.PAD) {
                Objects.requireNonNull(counter, "counter");
                Objects.requireNonNull(ticketNumber, "ticketNumber");
            } else {
                Objects.requireNonNull(ticketId, "ticketId");
            }
            if (score < MIN_SCORE || score > MAX_SCORE) {
                throw new IllegalArgumentException("score must be from " + MIN_SCORE + " to " + MAX_SCORE);
            }
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }

        public static RateService atPad(String counter, String ticketNumber, int score, List<String> reasons) {
            return new RateService(RatingSource.PAD, counter, ticketNumber, null, score, reasons);
        }

        public static RateService byPhone(String ticketId, int score, List<String> reasons) {
            return new RateService(RatingSource.PHONE, null, null, ticketId, score, reasons);
        }
    }

    /** A command given at a counter. */
    sealed interface AtCounter extends Command {
        String counter();
    }

    /**
     * Open a counter. With an officer (authenticated by the adapter, never by the engine) the counter is bound
     * to them until CLOSE; one officer is bound to at most one counter. Without one, the counter opens as it
     * always did (terminals and the demo traffic that name nobody), and a counter already open keeps its officer.
     */
    record OpenCounter(String counter, Officer officer) implements AtCounter {
        public OpenCounter(String counter) {
            this(counter, null);
        }
    }

    /**
     * Close a counter; it unbinds its officer. With {@code officer}, on that officer's behalf (they logged out
     * elsewhere): the counter is closed only while that officer is still bound to it, and otherwise left as it
     * is, since whoever is at it now did not ask. Either way a counter holding a ticket is not closed.
     */
    record CloseCounter(String counter, String officer) implements AtCounter {
        public CloseCounter(String counter) {
            this(counter, null);
        }
    }

    record CallNext(String counter) implements AtCounter {
    }

    record Recall(String counter) implements AtCounter {
    }

    record MarkNoShow(String counter) implements AtCounter {
    }

    record StartService(String counter) implements AtCounter {
    }

    /** @param dossiers the dossiers received in this visit, carried to the event; null when none */
    record CompleteService(String counter, Dossiers dossiers) implements AtCounter {
        public CompleteService(String counter) {
            this(counter, null);
        }
    }

    /**
     * Hand the ticket at the counter on: to another service ({@code toService}), or reserved for one counter
     * ({@code toCounter}) or one officer ({@code toOfficer}), keeping its service unless {@code toService} names
     * another; with an optional {@code note} (1..200 characters) that the next officer sees. At least one of the
     * three targets, and not both a counter and an officer.
     *
     * @param dossiers the dossiers received in this leg of the visit, carried to the event; null when none
     */
    record Transfer(String counter, String toService, String toCounter, String toOfficer, String note,
                    Dossiers dossiers) implements AtCounter {
        public Transfer {
            if (toService == null && toCounter == null && toOfficer == null) {
                throw new IllegalArgumentException("a transfer names a service, a counter or an officer");
            }
        }

        public Transfer(String counter, String toService, String toCounter, String toOfficer, String note) {
            this(counter, toService, toCounter, toOfficer, note, null);
        }

        public Transfer(String counter, String toService, Dossiers dossiers) {
            this(counter, toService, null, null, null, dossiers);
        }

        public Transfer(String counter, String toService) {
            this(counter, toService, null, null, null, null);
        }
    }

    /**
     * Put a ticket marked NO_SHOW back in line, within the centre's requeue grace: from a counter (whose officer
     * the event records), or from a kiosk ({@code counter} null), for a citizen who missed the call.
     */
    record Requeue(String ticketNumber, String counter) implements Command {
        public Requeue {
            Objects.requireNonNull(ticketNumber, "ticketNumber");
        }
    }

    /**
     * Set the counter's current ticket (CALLED or SERVING) aside, with the officer's reason ("went to photocopy a
     * paper"); the counter is free to call others. The ticket is held for the centre's
     * {@link vn.onedesk.engine.centre.CounterRules#parkTimeout()}, then expires to NO_SHOW ({@link ExpireParked}).
     */
    record Park(String counter, String reason) implements AtCounter {
        public Park {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Call a parked ticket back to this idle counter, by its number: the counter that parked it may, and so may any
     * counter able to serve its service (the officer who parked it may have left).
     */
    record CallParked(String counter, String ticketNumber) implements AtCounter {
        public CallParked {
            Objects.requireNonNull(ticketNumber, "ticketNumber");
        }
    }

    /**
     * Call a specific waiting ticket, out of its line's order, to this idle counter, which must be able to serve its
     * service; the mandatory reason is recorded with the call so that skipping the line is auditable.
     */
    record CallNumber(String counter, String ticketNumber, String reason) implements AtCounter {
        public CallNumber {
            Objects.requireNonNull(ticketNumber, "ticketNumber");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The clock's command: every parked ticket held for the park timeout or longer expires to NO_SHOW. The adapter
     * submits it when {@link CentreQueue#nextParkingExpiry()} is due.
     */
    record ExpireParked() implements Command {
    }

    /**
     * The citizen of a remote ticket is in the hall: a kiosk took the ticket's code ({@code by} names the kiosk, for
     * the log). Refused with UNKNOWN_REMOTE_TICKET when no active remote ticket has the code; accepted without an
     * event when it is confirmed already or at a counter by now.
     */
    record ConfirmRemote(String code, String by) implements Command {
        public ConfirmRemote {
            Objects.requireNonNull(code, "code");
        }
    }
}
