package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * Counts several centres' tickets over a period: each centre's on its line, every one on the totals, so the
 * totals' p90 is over all the waits. {@link TicketLegs} follows each centre's tickets in its own local days, as
 * for its own reports. Read one centre's events after the other ({@link #reader}); then make the
 * {@link #report}; one thread at a time.
 */
final class ProvinceAggregator {
    private final Period period;
    private final Tally totals = new Tally();
    private final List<Centre> centres = new ArrayList<>();

    private record Centre(CentreDefinition definition, Tally tally, TicketLegs legs) {
    }

    ProvinceAggregator(Period period) {
        this.period = period;
    }

    /** Where to send one centre's events, in the order they happened; each centre once, in the report's order. */
    Consumer<Event> reader(CentreDefinition centre) {
        return legs(centre)::read;
    }

    /** Where one centre's tickets are followed (for {@link DaySummaries#readInto}); each centre once, in order. */
    TicketLegs legs(CentreDefinition centre) {
        Tally tally = new Tally();
        TicketLegs legs = new TicketLegs(centre, period.from(), period.to(), Lines.onto(tally, totals));
        centres.add(new Centre(centre, tally, legs));
        return legs;
    }

    /** The report, once every centre's events were read; call once. */
    ProvinceReport report(Instant now) {
        List<Line> lines = new ArrayList<>();
        for (Centre c : centres) {
            c.legs().end();
            CentreDefinition d = c.definition();
            lines.add(new Line(new Subject.Centre(d.id(), d.name(), d.timezone()), c.tally().figures(true)));
        }
        return new ProvinceReport(period, now, totals.figures(true), lines);
    }
}
