package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.util.List;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * Several centres over a period, one line per centre (each counted in its own local days), and their totals:
 * the centres the reader may see, all of them for an administrator. The totals' p90 is over every wait of every
 * centre shown, not a mean of the centres' p90s.
 */
public record ProvinceReport(Period period, Instant generatedAt, Figures totals, List<Line> lines) {
    public ProvinceReport {
        lines = List.copyOf(lines);
    }
}
