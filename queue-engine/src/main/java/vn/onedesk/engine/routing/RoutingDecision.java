package vn.onedesk.engine.routing;

import java.util.Objects;
import vn.onedesk.engine.ticketing.Ticket;

/** The ticket a counter should call, and why, in words an auditor can read. */
public record RoutingDecision(Ticket ticket, String reason) {
    public RoutingDecision {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(reason, "reason");
    }
}
