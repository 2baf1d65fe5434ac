package vn.onedesk.gateway.http;

import java.time.Instant;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
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
                               Instant opensAt) {

    public static PublicTicketView of(TicketView ticket) {
        return new PublicTicketView(ticket.number(), ticket.service(), ticket.serviceName(), ticket.state(),
                ticket.issuedAt(), ticket.ahead(), ticket.estimatedWait(), ticket.serviceState(), ticket.opensAt());
    }
}
