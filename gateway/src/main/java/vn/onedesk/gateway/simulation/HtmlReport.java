package vn.onedesk.gateway.simulation;

import static vn.onedesk.gateway.simulation.Html.escape;
import static vn.onedesk.gateway.simulation.Numbers.fixed;
import static vn.onedesk.gateway.simulation.Numbers.minutes;
import static vn.onedesk.gateway.simulation.Numbers.percent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.simulation.DayResult;
import vn.onedesk.engine.simulation.EstimatorScore;
import vn.onedesk.engine.simulation.Figures;
import vn.onedesk.engine.simulation.SimulationResult;
import vn.onedesk.engine.simulation.WaitFigures;

/**
 * The report as one self-contained HTML page (UTF-8, inline CSS and SVG, no script) that a manager
 * can open in any browser. It carries no timestamp, so the same command writes the same file.
 */
final class HtmlReport {
    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0 auto;"
                    + "max-width:940px;padding:16px 20px 48px;color:#1d1d1d;line-height:1.45}",
            "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #ddd;"
                    + "padding-bottom:.2em}h3{margin-bottom:.4em}",
            "table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em}",
            "th,td{border-bottom:1px solid #e2e2e2;padding:4px 9px;text-align:right;vertical-align:top}",
            "th{background:#f5f5f5}td.l,th.l{text-align:left}",
            ".lead{color:#444}.note{color:#555;font-size:.9em}",
            ".legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.88em;margin:.3em 0 1em}",
            ".sw{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}",
            "code{background:#f3f3f3;padding:1px 4px;border-radius:3px}");

    private HtmlReport() {
    }

    static String render(SimulationReport report) {
        StringBuilder h = new StringBuilder();
        String name = report.scenario().name();
        h.append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>OneDesk simulation – ").append(escape(name)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>Simulated day: ").append(escape(name)).append("</h1>\n");
        h.append("<p class=\"lead\"><strong>").append(escape(report.scenario().centre().name())).append("</strong>. ")
                .append(escape(report.scenario().description())).append("</p>\n");
        h.append("<p class=\"note\">").append(report.runs()).append(report.runs() == 1 ? " run" : " runs")
                .append(" per policy (seeds ").append(report.firstSeed())
                .append(report.runs() > 1 ? "–" + report.lastSeed() : "").append("; every policy meets the same"
                        + " citizens). ").append(escape(SimulationReport.AGGREGATION))
                .append(" Estimators measured: ").append(escape(String.join(", ", report.estimators())))
                .append(".</p>\n");

        h.append("<h2>Policies compared</h2>\n").append(comparison(report));
        h.append("<h2>Wait distribution per policy</h2>\n").append(histograms(report));
        h.append("<h2>90th percentile wait per service</h2>\n").append(p90Chart(report));
        for (SimulationResult result : report.results()) {
            h.append(policySection(report, result));
        }
        h.append("<p class=\"note\">Written by <code>java -jar onedesk-gateway.jar simulate --scenario … --runs ")
                .append(report.runs()).append(" --seed ").append(report.firstSeed()).append(" --html …</code>.</p>\n");
        return h.append("</body>\n</html>\n").toString();
    }

    private static String comparison(SimulationReport report) {
        List<String> header = new ArrayList<>(List.of("policy", "mean wait", "p90 wait", "p90, days pooled",
                "max wait", "over target", "left waiting at close / day"));
        report.results().get(0).figures().utilisationByOperator().keySet()
                .forEach(op -> header.add("utilisation " + op));
        report.estimators().forEach(e -> header.add("RMSE " + e));
        List<List<String>> rows = new ArrayList<>();
        for (SimulationResult r : report.results()) {
            Figures f = r.figures();
            List<String> row = new ArrayList<>(List.of(r.policy(), minutes(f.overall().meanMinutes()),
                    minutes(f.overall().p90Minutes()), minutes(r.pooledP90Minutes()),
                    minutes(f.overall().maxMinutes()), percent(f.overall().overTargetShare()),
                    fixed(f.counts().waitingAtClose(), 1)));
            f.utilisationByOperator().values().forEach(u -> row.add(percent(u)));
            report.estimators().forEach(e -> row.add(fixed(f.estimators().get(e).rmseMinutes(), 2)));
            rows.add(row);
        }
        return table(header, rows, 1) + "<p class=\"note\">Waits in minutes.</p>\n";
    }

    private static String histograms(SimulationReport report) {
        List<double[]> waits = report.results().stream().map(SimulationResult::pooledWaitsMinutes).toList();
        // one scale for every policy: up to the largest 99th percentile, in whole half hours
        double p99 = waits.stream().mapToDouble(w -> WaitFigures.percentile(w, 0.99)).filter(d -> !Double.isNaN(d))
                .max().orElse(60);
        int cap = (int) Math.max(60, Math.min(300, Math.ceil(p99 / 30) * 30));
        double yMax = 0;
        for (double[] w : waits) {
            for (int count : SvgCharts.binCounts(w, cap)) {
                yMax = Math.max(yMax, w.length == 0 ? 0 : (double) count / w.length);
            }
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < report.results().size(); i++) {
            h.append("<h3>").append(escape(report.results().get(i).policy())).append("</h3>\n")
                    .append(SvgCharts.waitHistogram(waits.get(i), cap, yMax, SvgCharts.policyColour(i)));
        }
        return h.append("<p class=\"note\">Share of tickets per ").append(SvgCharts.BIN_MINUTES)
                .append("-minute bin of wait to the first call; the grey bar gathers every wait of ").append(cap)
                .append(" minutes or more.</p>\n").toString();
    }

    private static String p90Chart(SimulationReport report) {
        Map<String, Map<String, Double>> p90 = new LinkedHashMap<>();
        List<String> policies = new ArrayList<>();
        for (SimulationResult r : report.results()) {
            policies.add(r.policy());
            Map<String, Double> byService = new LinkedHashMap<>();
            r.figures().services().forEach((s, f) -> byService.put(s, f.waits().p90Minutes()));
            p90.put(r.policy(), byService);
        }
        StringBuilder legend = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < policies.size(); i++) {
            legend.append(swatch(SvgCharts.policyColour(i), escape(policies.get(i))));
        }
        return SvgCharts.p90ByService(report.services(), policies, p90) + legend.append("</div>\n");
    }

    private static String policySection(SimulationReport report, SimulationResult result) {
        StringBuilder h = new StringBuilder();
        Figures f = result.figures();
        DayResult first = result.days().get(0);
        h.append("<h2>Policy <code>").append(escape(result.policy())).append("</code></h2>\n");
        h.append("<h3>Waiting per service over the day</h3>\n<p class=\"note\">First run (seed ").append(first.seed())
                .append("): tickets waiting in each queue, every five minutes.</p>\n");
        h.append(SvgCharts.waitingOverDay(first.waiting(), report.services(), report.scenario().centre().sessions()));
        StringBuilder legend = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < report.services().size(); i++) {
            ServiceField s = report.services().get(i);
            legend.append(swatch(SvgCharts.serviceColour(i), "<strong>" + escape(s.code()) + "</strong> "
                    + escape(s.name())));
        }
        h.append(legend).append("</div>\n");

        h.append("<h3>Per service</h3>\n");
        List<List<String>> rows = new ArrayList<>();
        for (ServiceField s : report.services()) {
            Figures.ServiceFigures sf = f.services().get(s.code());
            rows.add(List.of(s.code(), s.name(), String.valueOf(s.targetWait().toMinutes()),
                    fixed(sf.counts().issued(), 1), minutes(sf.waits().meanMinutes()),
                    minutes(sf.waits().p90Minutes()), minutes(sf.waits().maxMinutes()),
                    percent(sf.waits().overTargetShare()), fixed(sf.counts().served(), 1),
                    fixed(sf.counts().noShows(), 1), fixed(sf.counts().waitingAtClose(), 1),
                    fixed(sf.counts().transfersIn(), 1)));
        }
        h.append(table(List.of("service", "name", "target", "issued / day", "mean wait", "p90 wait", "max wait",
                "over target", "served / day", "no-shows / day", "left at close / day", "transferred in / day"),
                rows, 2));

        h.append("<h3>Counter utilisation</h3>\n");
        List<List<String>> ops = new ArrayList<>();
        f.utilisationByOperator().forEach((op, u) -> ops.add(List.of(op, percent(u))));
        h.append(table(List.of("operator", "busy / open"), ops, 1));

        h.append("<h3>Wait estimators</h3>\n");
        List<List<String>> est = new ArrayList<>();
        for (Map.Entry<String, EstimatorScore> e : f.estimators().entrySet()) {
            EstimatorScore s = e.getValue();
            EstimatorScore open = f.estimatorsWhileOpen().get(e.getKey());
            est.add(List.of(e.getKey(), fixed(s.maeMinutes(), 2), fixed(s.rmseMinutes(), 2),
                    percent(s.insideBandShare()), fixed(s.meanBandWidthMinutes(), 1), String.valueOf(s.tickets()),
                    fixed(open.maeMinutes(), 2), fixed(open.rmseMinutes(), 2), percent(open.insideBandShare())));
        }
        h.append(table(List.of("estimator", "MAE (min)", "RMSE (min)", "actual wait inside band",
                "mean band width (min)", "tickets scored", "while open: MAE", "while open: RMSE",
                "while open: inside band"), est, 1));
        h.append("<p class=\"note\">Each ticket's estimate at issue against its actual wait to the first call."
                + " <em>While open</em>: only the tickets taken while the centre is in session; a ticket taken before"
                + " opening or over lunch also waits for the counters to open.</p>\n");
        return h.toString();
    }

    private static String swatch(String colour, String labelHtml) {
        return "<span><span class=\"sw\" style=\"background:" + colour + "\"></span>" + labelHtml + "</span>";
    }

    /** A table whose first {@code textColumns} columns are text (left-aligned), the rest figures. */
    private static String table(List<String> header, List<List<String>> rows, int textColumns) {
        StringBuilder h = new StringBuilder("<table>\n<tr>");
        for (int i = 0; i < header.size(); i++) {
            h.append(i < textColumns ? "<th class=\"l\">" : "<th>").append(escape(header.get(i))).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> row : rows) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                h.append(i < textColumns ? "<td class=\"l\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }
}
