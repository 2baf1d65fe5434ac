package vn.onedesk.engine;

import java.time.Instant;
import java.util.Objects;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.Officer;
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

    /**
     * Hand the ticket at the counter on: to another service ({@code toService}), or reserved for one counter
     * ({@code toCounter}) or one officer ({@code toOfficer}), keeping its service unless {@code toService} names
     * another; with an optional {@code note} (1..200 characters) that the next officer sees. At least one of the
     * three targets, and not both a counter and an officer.
     */
    record Transfer(String counter, String toService, String toCounter, String toOfficer, String note)
            implements AtCounter {
        public Transfer {
            if (toService == null && toCounter == null && toOfficer == null) {
                throw new IllegalArgumentException("a transfer names a service, a counter or an officer");
            }
        }

        public Transfer(String counter, String toService) {
            this(counter, toService, null, null, null);
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
}
