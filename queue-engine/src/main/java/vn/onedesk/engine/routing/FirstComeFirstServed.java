package vn.onedesk.engine.routing;

import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Across all the counter's skills, primary and secondary alike: legal priority groups first, then
 * the longest-waiting citizen (by original arrival), then issue order.
 */
public final class FirstComeFirstServed extends HeadOfLinePolicy {
    public static final String NAME = "fifo-pooled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Iterable<String> lines(CentreDefinition centre, CounterDefinition counter) {
        return counter.skills();
    }

    @Override
    protected String skill(CounterDefinition counter, Ticket ticket) {
        return counter.isPrimaryFor(ticket.service()) ? "primary skill" : "secondary skill";
    }
}
