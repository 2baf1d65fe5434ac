package vn.onedesk.gateway.http;

import java.time.Instant;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.RemoteView;
import vn.onedesk.protocol.ticketing.ServiceState;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * A ticket as anybody holding its slip may read it over HTTP, without logging in (the citizen's page, its stream):
 * what the hall announces and what the citizen waits for, and nothing personal. The priority group (health data for
 * some groups, under Decree 13/2023), the channel, the internal ticket id and the token itself are left out; the
 * fields that remain have the meaning they have in {@link TicketView}.
 */
public record PublicTicketView(String number, String service, String serviceName, String state, Instant issuedAt,
                               Integer ahead, EstimatedWaitView estimatedWait, ServiceState serviceState,
                               Instant opensAt, Integer counterNumber, Boolean turnNear, RemoteView remote) {

    /**
     * The public fields; besides the place and wait, what the page's notifications need: the counter it is called to
     * (announced in the hall anyway), whether its turn is near, and a remote ticket's code and confirmation, which
     * the citizen shows at the kiosk.
     */
    public static PublicTicketView of(TicketView ticket) {
        return new PublicTicketView(ticket.number(), ticket.service(), ticket.serviceName(), ticket.state(),
                ticket.issuedAt(), ticket.ahead(), ticket.estimatedWait(), ticket.serviceState(), ticket.opensAt(),
                ticket.counterNumber(), ticket.turnNear(), ticket.remote());
    }
}
