package vn.onedesk.engine;

import java.util.Objects;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/** What can be asked of a centre's queue. */
public sealed interface Command {

    /** Take a ticket. The id is chosen by the caller so the engine stays deterministic. */
    record IssueTicket(String ticketId, String service, PriorityGroup priority, Channel channel) implements Command {
        public IssueTicket {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** A command given at a counter. */
    sealed interface AtCounter extends Command {
        String counter();
    }

    record OpenCounter(String counter) implements AtCounter {
    }

    record CloseCounter(String counter) implements AtCounter {
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
