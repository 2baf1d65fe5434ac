package vn.onedesk.gateway.reports;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onedesk.gateway.reports.DailyReport.CounterLine;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.DailyReport.OperatorLine;
import vn.onedesk.gateway.reports.DailyReport.ServiceLine;
import vn.onedesk.gateway.reports.DailyReport.Visits;

/**
 * The report as one CSV table for Excel: UTF-8 with a byte-order mark (without it Excel reads the
 * file as the local code page and mangles Vietnamese), one header row in Vietnamese, RFC 4180
 * quoting, CRLF line ends, '.' as the decimal point and durations in minutes; a name that a spreadsheet would take
 * for a formula is written as text ({@link #text}). Every row repeats the
 * date and the centre, so several days' files can be pasted into one sheet or pivot table.
 */
public final class ReportCsv {
    public static final String BOM = "\uFEFF";

    /** The columns of a line's figures, after those that say what the line is about; every report has them. */
    static final List<String> FIGURE_COLUMNS = List.of(
            "Số thứ tự đã cấp", "Chuyển đến", "Lượt gọi", "Lượt gọi lại", "Đã phục vụ", "Vắng mặt", "Chuyển đi",
            "Chưa xử lý xong", "Số lượt tính thời gian chờ", "Thời gian chờ trung bình (phút)",
            "Thời gian chờ P90 (phút)", "Số lượt chờ quá mục tiêu", "Tỷ lệ chờ quá mục tiêu (%)",
            "Thời gian phục vụ trung bình (phút)",
            // Issue 14, after the columns above so that sheets reading those by position keep working.
            "Số lượt đánh giá", "Tỷ lệ được đánh giá (%)", "Điểm đánh giá trung bình", "Tỷ lệ hài lòng trở lên (%)",
            "Rất không hài lòng (1)", "Không hài lòng (2)", "Bình thường (3)", "Hài lòng (4)", "Rất hài lòng (5)",
            "Đánh giá tại quầy", "Đánh giá qua điện thoại", "Hồ sơ tiếp nhận", "Hồ sơ trả kết quả qua bưu chính (BCCI)",
            "Lượt trả kết quả", "Lượt gọi không theo thứ tự", "Lượt tạm hoãn", "Lượt xếp hàng lại");

    /** The header row; the README gives each column's meaning in English. */
    public static final List<String> HEADER = concat(List.of(
            "Ngày", "Trung tâm", "Phạm vi", "Mã", "Tên", "Đơn vị", "Thời gian chờ mục tiêu (phút)"), FIGURE_COLUMNS);

    static final String CENTRE = "Toàn trung tâm";
    static final String SERVICE = "Lĩnh vực";
    static final String SERVICE_BY_OPERATOR = "Lĩnh vực theo đơn vị";
    static final String OPERATOR = "Đơn vị";
    static final String COUNTER = "Quầy";

    private ReportCsv() {
    }

    public static String render(DailyReport r) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, HEADER);
        row(out, line(r, CENTRE, r.centre(), r.centreName(), "", null, r.totals()));
        for (ServiceLine s : r.services()) {
            row(out, line(r, SERVICE, s.code(), s.name(), "", s.target(), s.figures()));
            for (OperatorLine o : s.byOperator()) {
                row(out, line(r, SERVICE_BY_OPERATOR, s.code(), s.name(), o.operator().code(), s.target(),
                        o.figures()));
            }
        }
        for (OperatorLine o : r.operators()) {
            row(out, line(r, OPERATOR, o.operator().code(), o.counters() + " quầy", o.operator().code(), null,
                    o.figures()));
        }
        for (CounterLine c : r.counters()) {
            row(out, line(r, COUNTER, c.counter(), c.number() > 0 ? "Quầy số " + c.number() : c.counter(),
                    c.operator() == null ? "" : c.operator().code(), null, c.figures()));
        }
        return out.toString();
    }

    private static List<String> line(DailyReport r, String scope, String code, String name, String operator,
                                     Duration target, Figures f) {
        return concat(List.of(r.date().toString(), r.centre(), scope, code, name, operator,
                target == null ? "" : Numbers.minutes(target).toPlainString()), figureCells(f));
    }

    /** A line's figures, in the order of {@link #FIGURE_COLUMNS}: durations in minutes, nothing to measure empty. */
    static List<String> figureCells(Figures f) {
        List<String> cells = new ArrayList<>();
        cells.add(count(f.issued()));
        cells.add(count(f.transferredIn()));
        cells.add(String.valueOf(f.calls()));
        cells.add(String.valueOf(f.recalls()));
        cells.add(String.valueOf(f.served()));
        cells.add(String.valueOf(f.noShows()));
        cells.add(String.valueOf(f.transferredOut()));
        cells.add(count(f.unfinished()));
        cells.add(String.valueOf(f.waits()));
        cells.add(minutes(f.meanWait()));
        cells.add(minutes(f.p90Wait()));
        cells.add(String.valueOf(f.overTarget()));
        cells.add(f.waits() == 0 ? "" : Numbers.percent(f.overTarget(), f.waits()).toPlainString());
        cells.add(minutes(f.meanService()));
        Visits v = f.visits();
        int ratings = v.ratings();
        cells.add(String.valueOf(ratings));
        cells.add(f.served() == 0 ? "" : Numbers.percent(ratings, f.served()).toPlainString());
        cells.add(v.meanScore().map(BigDecimal::toPlainString).orElse(""));
        cells.add(ratings == 0 ? "" : Numbers.percent(v.satisfied(), ratings).toPlainString());
        v.byScore().forEach(n -> cells.add(String.valueOf(n)));
        cells.add(String.valueOf(ratings - v.byPhone()));
        cells.add(String.valueOf(v.byPhone()));
        cells.add(String.valueOf(v.dossiers()));
        cells.add(String.valueOf(v.returnedByPost()));
        cells.add(String.valueOf(v.resultsCollected()));
        cells.add(String.valueOf(v.outOfOrderCalls()));
        cells.add(String.valueOf(v.parked()));
        cells.add(String.valueOf(v.requeued()));
        return cells;
    }

    private static String count(Optional<Integer> n) {
        return n.map(String::valueOf).orElse("");
    }

    private static String minutes(Optional<Duration> d) {
        return d.map(Numbers::minutes).map(BigDecimal::toPlainString).orElse("");
    }

    static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return List.copyOf(all);
    }

    static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(text(cells.get(i))));
        }
        out.append("\r\n");
    }

    /**
     * A cell that Excel (and LibreOffice, Google Sheets) would take for a formula, written so that it stays text:
     * a name that starts with '=', '+', '-', '@', a tab or a carriage return gets a leading apostrophe. Names come
     * from the administration (a service, a centre, an officer's full name), so without it whoever may name a service
     * could have "=HYPERLINK(...)" run in the spreadsheet of whoever opens the report (CSV injection). The figures
     * never start with one of these: they are counts, minutes and shares, none negative.
     */
    static String text(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    /** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
