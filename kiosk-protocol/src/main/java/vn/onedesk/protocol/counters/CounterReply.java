package vn.onedesk.protocol.counters;

import vn.onedesk.protocol.ErrorView;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Gateway → counter terminal on {@code .../counters/{counterId}/replies}.
 * On success: the counter after the command, the ticket it concerns (if any) and, for CALL_NEXT,
 * why the engine chose that ticket. On failure: only the error, its message in the command's language.
 */
public record CounterReply(String requestId, CommandName command, CounterView counter, TicketView ticket,
                           String reason, ErrorView error) {

    public static CounterReply done(String requestId, CommandName command, CounterView counter, TicketView ticket,
                                    String reason) {
        return new CounterReply(requestId, command, counter, ticket, reason, null);
    }

    public static CounterReply refused(String requestId, CommandName command, ProtocolError error, Language language) {
        return new CounterReply(requestId, command, null, null, null, error.view(language));
    }
}
