package vn.onedesk.protocol.ticketing;

import vn.onedesk.protocol.ErrorView;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;

/** Gateway → kiosk on {@code .../tickets/response}: exactly one of ticket or error. */
public record TicketResponse(String requestId, TicketView ticket, ErrorView error) {
    public TicketResponse {
        if ((ticket == null) == (error == null)) {
            throw new IllegalArgumentException("a response carries either a ticket or an error");
        }
    }

    public static TicketResponse issued(String requestId, TicketView ticket) {
        return new TicketResponse(requestId, ticket, null);
    }

    /** The refusal, its message in the language the request asked for. */
    public static TicketResponse refused(String requestId, ProtocolError error, Language language) {
        return new TicketResponse(requestId, null, error.view(language));
    }
}
