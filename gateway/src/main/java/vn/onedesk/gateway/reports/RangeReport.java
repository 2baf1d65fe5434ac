package vn.onedesk.gateway.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import vn.onedesk.gateway.reports.DailyReport.Figures;

/**
 * One centre's tickets numbered in a period of local days, one line per day, service, counter, operator or
 * officer, with the same figures as the daily report's (the README's "Daily report" defines them). Built by
 * {@link RangeAggregator}; rendered by {@link RangeJson} and {@link RangeCsv}.
 *
 * @param periodOver whether the period's last local day had ended when the report was made
 */
public record RangeReport(String centre, String centreName, ZoneId timezone, Period period, Dimension by,
                          Instant generatedAt, boolean periodOver, Figures totals, List<Line> lines) {
    public RangeReport {
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(by, "by");
        lines = List.copyOf(lines);
    }

    /** One line: what it is about, and its figures. */
    public record Line(Subject subject, Figures figures) {
    }
}
