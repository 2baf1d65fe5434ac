package vn.onedesk.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.rating.RatingSource;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/** What can be asked of a centre's queue. */
public sealed interface Command {

    /**
     * Take a ticket. The id is chosen by the caller so the engine stays deterministic.
     *
     * @param appointmentAt the booked time, for a citizen checking in for an appointment; else null
     */
    record IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel,
                       Instant appointmentAt) implements Command {
        public IssueTicket {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(channel, "channel");
        }

        public IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel) {
            this(ticketId, service, priority, channel, null);
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

    record CompleteService(String counter) implements AtCounter {
    }

    record Transfer(String counter, String toService) implements AtCounter {
        public Transfer {
            Objects.requireNonNull(toService, "toService");
        }
    }
}
