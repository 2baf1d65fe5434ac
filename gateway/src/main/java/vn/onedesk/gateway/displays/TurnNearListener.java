package vn.onedesk.gateway.displays;

import vn.onedesk.engine.ticketing.Ticket;

/** Told of each waiting ticket whose turn became near, on the centre's feed context, after the commit that made it so. */
@FunctionalInterface
public interface TurnNearListener {
    /** @param ahead how many tickets are ahead of it now (at most the centre's turnNearAhead) */
    void turnNear(String centre, Ticket ticket, int ahead);
}
