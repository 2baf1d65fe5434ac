package vn.onedesk.gateway.reports;

import java.util.List;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * The reports over a period as one CSV table for Excel, made as the daily report's ({@link ReportCsv}: byte-order
 * mark, one Vietnamese header row, the same figure columns). Every row repeats the period and the centre, so
 * files of several centres or periods can be pasted into one sheet; the totals come first.
 */
final class RangeCsv {
    /** The header row; the README gives each column's meaning in English. */
    static final List<String> HEADER = ReportCsv.concat(List.of(
            "Từ ngày", "Đến ngày", "Trung tâm", "Phạm vi", "Mã", "Tên", "Đơn vị", "Thời gian chờ mục tiêu (phút)"),
            ReportCsv.FIGURE_COLUMNS);
    /** The scope of a centre's totals, as in the daily report. */
    static final String CENTRE_TOTALS = ReportCsv.CENTRE;
    /** The scope of the totals of the centres a report over several centres shows. */
    static final String CENTRES_TOTALS = "Tổng các trung tâm";

    private RangeCsv() {
    }

    static String render(RangeReport r) {
        StringBuilder out = new StringBuilder(ReportCsv.BOM);
        ReportCsv.row(out, HEADER);
        ReportCsv.row(out, row(r.period(), r.centre(), CENTRE_TOTALS, r.centre(), r.centreName(), "", "", r.totals()));
        for (Line l : r.lines()) {
            ReportCsv.row(out, row(r.period(), r.centre(), r.by().scope(), l));
        }
        return out.toString();
    }

    static String render(ProvinceReport r) {
        StringBuilder out = new StringBuilder(ReportCsv.BOM);
        ReportCsv.row(out, HEADER);
        ReportCsv.row(out, row(r.period(), "", CENTRES_TOTALS, "", r.lines().size() + " trung tâm", "", "",
                r.totals()));
        for (Line l : r.lines()) {
            ReportCsv.row(out, row(r.period(), l.subject().code(), Dimension.CENTRE.scope(), l));
        }
        return out.toString();
    }

    private static List<String> row(Period period, String centre, String scope, Line l) {
        Subject s = l.subject();
        String target = s instanceof Subject.Service service && service.target() != null
                ? Numbers.minutes(service.target()).toPlainString() : "";
        return row(period, centre, scope, s.code() == null ? "" : s.code(), s.name() == null ? "" : s.name(),
                s.operator() == null ? "" : s.operator().code(), target, l.figures());
    }

    private static List<String> row(Period period, String centre, String scope, String code, String name,
                                    String operator, String target, Figures f) {
        return ReportCsv.concat(List.of(period.from().toString(), period.to().toString(), centre, scope, code, name,
                operator, target), ReportCsv.figureCells(f));
    }
}
