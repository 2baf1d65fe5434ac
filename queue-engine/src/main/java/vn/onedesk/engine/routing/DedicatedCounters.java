package vn.onedesk.engine.routing;

import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Each counter serves its primary skills only, the way a centre works without OneDesk: legal
 * priority groups first, then the longest-waiting citizen (by original arrival), then issue order.
 * Secondary skills are never used. A baseline for comparison.
 */
public final class DedicatedCounters extends HeadOfLinePolicy {
    public static final String NAME = "dedicated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Iterable<String> lines(CentreDefinition centre, CounterDefinition counter) {
        return counter.primary();
    }

    @Override
    protected String skill(CounterDefinition counter, Ticket ticket) {
        return "primary skill";
    }

    @Override
    protected String why(Ticket ticket) {
        return super.why(ticket) + " (dedicated counters)";
    }
}
