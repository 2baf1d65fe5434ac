package vn.onedesk.gateway.simulation;

import static vn.onedesk.gateway.simulation.Numbers.fixed;
import static vn.onedesk.gateway.simulation.Numbers.minutes;
import static vn.onedesk.gateway.simulation.Numbers.percent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.simulation.BookingEffect;
import vn.onedesk.engine.simulation.Counts;
import vn.onedesk.engine.simulation.EstimatorScore;
import vn.onedesk.engine.simulation.Figures;
import vn.onedesk.engine.simulation.SimulationResult;
import vn.onedesk.engine.simulation.WaitFigures;

/** The report as plain-text tables: one block per policy, then a comparison of the policies. */
final class TableReport {
    private TableReport() {
    }

    static String render(SimulationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Scenario ").append(report.scenario().name()).append(": ")
                .append(report.scenario().centre().name()).append('\n');
        out.append(report.runs()).append(report.runs() == 1 ? " run" : " runs").append(" per policy, seeds ")
                .append(report.firstSeed()).append(report.runs() > 1 ? "–" + report.lastSeed() : "").append(". ")
                .append(SimulationReport.AGGREGATION).append('\n');
        out.append("Estimators measured: ").append(String.join(", ", report.estimators())).append('\n');
        for (SimulationResult result : report.results()) {
            out.append('\n').append(policyBlock(report, result));
        }
        if (report.results().size() > 1) {
            out.append('\n').append(comparison(report));
        }
        if (!report.bookings().isEmpty()) {
            out.append('\n').append(bookings(report));
        }
        return out.toString();
    }

    /** What booked slots do to walk-ins: the same citizens, with their bookings served and as if nobody had booked. */
    static String bookings(SimulationReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("policy", "booked", "booked no-shows", "walk-in mean", "without bookings", "walk-in p90",
                "without bookings", "booked: slot to call"));
        for (BookingEffect b : report.bookings()) {
            rows.add(List.of(b.policy(), fixed(b.booked(), 1), fixed(b.bookedNoShows(), 1),
                    fixed(b.walkInMeanWaitMinutes(), 1), fixed(b.walkInMeanWaitWithoutBookings(), 1),
                    fixed(b.walkInP90WaitMinutes(), 1), fixed(b.walkInP90WaitWithoutBookings(), 1),
                    fixed(b.bookedMeanMinutesFromSlotToCall(), 1)));
        }
        StringBuilder suggested = new StringBuilder("Suggested capacity of a 30-minute slot (half of the counters' time"
                + " kept for walk-ins, as the admin screen suggests):");
        for (ServiceField service : report.services()) {
            suggested.append(' ').append(service.code()).append(' ').append(vn.onedesk.engine.centre.BookingCalendar
                    .suggestedCapacity(report.scenario().centre(), service.code(), java.time.Duration.ofMinutes(30)));
        }
        return "== Booked slots: walk-ins' waits with the bookings served, and as if nobody had booked (minutes,"
                + " per day) ==\n" + table(rows) + suggested + '\n';
    }

    static String policyBlock(SimulationReport report, SimulationResult result) {
        Figures f = result.figures();
        WaitFigures all = f.overall();
        Counts c = f.counts();
        StringBuilder out = new StringBuilder();
        out.append("== Policy ").append(result.policy()).append(" ==\n");
        out.append("All tickets: mean ").append(minutes(all.meanMinutes())).append(" min, p90 ")
                .append(minutes(all.p90Minutes())).append(" min (all days pooled: ")
                .append(minutes(result.pooledP90Minutes())).append("), max ").append(minutes(all.maxMinutes()))
                .append(" min, over target ").append(percent(all.overTargetShare())).append('\n');
        out.append("Per day: ").append(fixed(c.issued(), 1)).append(" issued, ").append(fixed(c.served(), 1))
                .append(" served, ").append(fixed(c.noShows(), 1)).append(" no-shows, ")
                .append(fixed(c.waitingAtClose(), 1)).append(" left waiting at close, ")
                .append(fixed(c.transfersIn(), 1)).append(" transfers")
                .append(c.refused() > 0 ? ", " + fixed(c.refused(), 1) + " refused by the kiosk" : "").append("\n\n");

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("service", "target", "issued/day", "mean", "p90", "max", "over target", "left at close",
                "name"));
        for (ServiceField s : report.services()) {
            Figures.ServiceFigures sf = f.services().get(s.code());
            rows.add(List.of(s.code(), String.valueOf(s.targetWait().toMinutes()), fixed(sf.counts().issued(), 1),
                    minutes(sf.waits().meanMinutes()), minutes(sf.waits().p90Minutes()),
                    minutes(sf.waits().maxMinutes()), percent(sf.waits().overTargetShare()),
                    fixed(sf.counts().waitingAtClose(), 1), s.name()));
        }
        out.append(table(rows)).append("(waits in minutes)\n\n");

        out.append("Utilisation by operator: ").append(f.utilisationByOperator().entrySet().stream()
                .map(e -> e.getKey() + " " + percent(e.getValue())).collect(Collectors.joining(", "))).append("\n\n");

        List<List<String>> est = new ArrayList<>();
        est.add(List.of("estimator", "MAE min", "RMSE min", "inside band", "band width min", "tickets",
                "MAE open", "RMSE open", "inside open"));
        for (Map.Entry<String, EstimatorScore> e : f.estimators().entrySet()) {
            EstimatorScore s = e.getValue();
            EstimatorScore open = f.estimatorsWhileOpen().get(e.getKey());
            est.add(List.of(e.getKey(), fixed(s.maeMinutes(), 2), fixed(s.rmseMinutes(), 2),
                    percent(s.insideBandShare()), fixed(s.meanBandWidthMinutes(), 1), String.valueOf(s.tickets()),
                    fixed(open.maeMinutes(), 2), fixed(open.rmseMinutes(), 2), percent(open.insideBandShare())));
        }
        out.append(table(est)).append("(open: only the tickets taken while the centre is in session, not before"
                + " opening or over lunch)\n");
        return out.toString();
    }

    static String comparison(SimulationReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("policy", "mean", "p90", "max", "over target",
                "left at close"));
        report.estimators().forEach(e -> header.add("RMSE " + e));
        rows.add(header);
        for (SimulationResult r : report.results()) {
            Figures f = r.figures();
            List<String> row = new ArrayList<>(List.of(r.policy(), minutes(f.overall().meanMinutes()),
                    minutes(f.overall().p90Minutes()), minutes(f.overall().maxMinutes()),
                    percent(f.overall().overTargetShare()), fixed(f.counts().waitingAtClose(), 1)));
            report.estimators().forEach(e -> row.add(fixed(f.estimators().get(e).rmseMinutes(), 2)));
            rows.add(row);
        }
        return "== Comparison (waits in minutes) ==\n" + table(rows);
    }

    /** Columns padded to their widest cell; numbers right-aligned, the first and last column left-aligned. */
    static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                boolean left = i == 0 || (i == columns - 1 && rows.get(0).get(i).equals("name"));
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
