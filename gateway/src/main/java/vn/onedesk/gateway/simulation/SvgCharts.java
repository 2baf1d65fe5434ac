package vn.onedesk.gateway.simulation;

import static vn.onedesk.gateway.simulation.Html.escape;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.WaitFigures;
import vn.onedesk.engine.simulation.WaitingSeries;

/** The report's charts as inline SVG: no script, no external file, readable without a network. */
final class SvgCharts {
    static final List<String> SERVICE_COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");
    static final List<String> POLICY_COLOURS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
            "#edc948", "#b07aa1", "#ff9da7");
    private static final int WIDTH = 880;
    private static final int LEFT = 52;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 38;
    /** Width of a histogram bin, in minutes. */
    static final int BIN_MINUTES = 5;

    private SvgCharts() {
    }

    static String serviceColour(int index) {
        return SERVICE_COLOURS.get(index % SERVICE_COLOURS.size());
    }

    static String policyColour(int index) {
        return POLICY_COLOURS.get(index % POLICY_COLOURS.size());
    }

    /** Tickets waiting per service over the day, one line per service; the hours the centre is closed shaded. */
    static String waitingOverDay(WaitingSeries series, List<ServiceField> services, List<Session> sessions) {
        int height = 320;
        List<LocalTime> at = series.at();
        double m0 = minuteOfDay(at.get(0));
        double m1 = Math.max(m0 + 1, minuteOfDay(at.get(at.size() - 1)));
        int max = series.waiting().values().stream().flatMap(List::stream).mapToInt(Integer::intValue).max()
                .orElse(0);
        Axis y = Axis.of(Math.max(max, 5));
        Plot p = new Plot(height, m0, m1, y.max);
        StringBuilder svg = open(height, "Tickets waiting per service over the day");
        // closed: before the first session, between sessions, after the last
        double from = m0;
        for (Session s : sessions) {
            double start = minuteOfDay(s.from());
            if (start > from) {
                svg.append(closedBand(p, from, Math.min(start, m1), height));
            }
            from = Math.max(from, minuteOfDay(s.to()));
        }
        if (from < m1) {
            svg.append(closedBand(p, from, m1, height));
        }
        yGrid(svg, p, y, "waiting");
        for (int h = (int) Math.ceil(m0 / 60); h * 60 <= m1; h++) {
            double x = p.x(h * 60);
            svg.append(line(x, height - BOTTOM, x, height - BOTTOM + 4, "#333", 1));
            svg.append(text(x, height - BOTTOM + 17, String.format(Locale.ROOT, "%02d:00", h), "middle", 11));
        }
        for (int i = 0; i < services.size(); i++) {
            ServiceField s = services.get(i);
            List<Integer> counts = series.waiting().get(s.code());
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < at.size(); k++) {
                points.append(k == 0 ? "" : " ").append(num(p.x(minuteOfDay(at.get(k))))).append(',')
                        .append(num(p.y(counts.get(k))));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(serviceColour(i))
                    .append("\" stroke-width=\"1.8\" points=\"").append(points).append("\"><title>")
                    .append(escape(s.code() + " – " + s.name())).append("</title></polyline>\n");
        }
        axes(svg, p, height);
        svg.append(text(WIDTH - RIGHT, height - 4, "time of day (shaded: centre closed)", "end", 11));
        return svg.append("</svg>\n").toString();
    }

    /**
     * The distribution of waits of one policy, all runs pooled: share of tickets per five-minute bin,
     * the last bin holding every wait from {@code capMinutes} on; the mean and p90 marked.
     */
    static String waitHistogram(double[] sortedWaits, int capMinutes, double yMaxShare, String colour) {
        int height = 170;
        int bins = capMinutes / BIN_MINUTES + 1;
        int[] counts = binCounts(sortedWaits, capMinutes);
        Axis y = Axis.ofShare(yMaxShare);
        Plot p = new Plot(height, 0, bins * BIN_MINUTES, y.max);
        StringBuilder svg = open(height, "Distribution of waits");
        yGrid(svg, p, y, null);
        for (int b = 0; b < bins; b++) {
            double share = sortedWaits.length == 0 ? 0 : (double) counts[b] / sortedWaits.length;
            double x0 = p.x(b * BIN_MINUTES) + 1;
            double x1 = p.x((b + 1) * BIN_MINUTES) - 1;
            String label = b == bins - 1 ? "≥ " + capMinutes + " min" : b * BIN_MINUTES + "–" + (b + 1) * BIN_MINUTES
                    + " min";
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s: %.1f %%</title></rect>\n",
                    num(x0), num(p.y(share)), num(Math.max(0.5, x1 - x0)), num(p.y(0) - p.y(share)),
                    b == bins - 1 ? "#999" : colour, label, share * 100));
        }
        int step = capMinutes > 120 ? 30 : 15;
        for (int m = 0; m <= capMinutes; m += step) {
            double x = p.x(m);
            svg.append(line(x, height - BOTTOM, x, height - BOTTOM + 4, "#333", 1));
            svg.append(text(x, height - BOTTOM + 17, m == capMinutes ? "≥ " + m : String.valueOf(m), "middle", 11));
        }
        double mean = java.util.Arrays.stream(sortedWaits).average().orElse(Double.NaN);
        double p90 = WaitFigures.percentile(sortedWaits, 0.9);
        marker(svg, p, height, Math.min(mean, capMinutes), "mean " + Numbers.minutes(mean), "#222", "4 3");
        marker(svg, p, height, Math.min(p90, capMinutes), "p90 " + Numbers.minutes(p90), "#c00", null);
        axes(svg, p, height);
        svg.append(text(WIDTH - RIGHT, height - 4, "wait to first call, minutes (all runs pooled)", "end", 11));
        return svg.append("</svg>\n").toString();
    }

    static int[] binCounts(double[] waits, int capMinutes) {
        int bins = capMinutes / BIN_MINUTES + 1;
        int[] counts = new int[bins];
        for (double w : waits) {
            counts[Math.min(bins - 1, (int) Math.floor(w / BIN_MINUTES))]++;
        }
        return counts;
    }

    /** Grouped bars: each service's p90 under each policy, with the service's target and twice it marked. */
    static String p90ByService(List<ServiceField> services, List<String> policies,
                               Map<String, Map<String, Double>> p90ByPolicyAndService) {
        int height = 320;
        double max = 0;
        for (ServiceField s : services) {
            max = Math.max(max, 2 * s.targetWait().toMinutes());
            for (String policy : policies) {
                double v = p90ByPolicyAndService.get(policy).getOrDefault(s.code(), Double.NaN);
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        Axis y = Axis.of(max);
        Plot p = new Plot(height, 0, services.size(), y.max);
        StringBuilder svg = open(height, "90th percentile wait per service and policy");
        yGrid(svg, p, y, "minutes");
        double group = p.x(1) - p.x(0);
        double bar = Math.min(22, (group - 10) / Math.max(1, policies.size()));
        for (int i = 0; i < services.size(); i++) {
            ServiceField s = services.get(i);
            double left = p.x(i) + (group - bar * policies.size()) / 2;
            for (int k = 0; k < policies.size(); k++) {
                double v = p90ByPolicyAndService.get(policies.get(k)).getOrDefault(s.code(), Double.NaN);
                if (Double.isNaN(v)) {
                    continue;
                }
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s, %s: p90 %s min"
                                + "</title></rect>\n",
                        num(left + k * bar), num(p.y(v)), num(bar - 1), num(p.y(0) - p.y(v)), policyColour(k),
                        escape(s.code()), escape(policies.get(k)), Numbers.minutes(v)));
            }
            double target = s.targetWait().toMinutes();
            double x0 = p.x(i) + 3;
            double x1 = p.x(i + 1) - 3;
            svg.append(line(x0, p.y(target), x1, p.y(target), "#000", 1.5)
                    .replace("/>", "><title>" + escape(s.code()) + " target " + (long) target + " min</title></line>"));
            svg.append(line(x0, p.y(2 * target), x1, p.y(2 * target), "#000", 1)
                    .replace("/>", " stroke-dasharray=\"3 3\"><title>" + escape(s.code()) + " twice the target</title>"
                            + "</line>"));
            svg.append(text(p.x(i) + group / 2, height - BOTTOM + 17, s.code(), "middle", 11));
        }
        axes(svg, p, height);
        svg.append(text(WIDTH - RIGHT, height - 4, "solid line: target; dashed: twice the target", "end", 11));
        return svg.append("</svg>\n").toString();
    }

    // --- drawing helpers ---

    /** Maps data to the drawing area. */
    private record Plot(int height, double x0, double x1, double yMax) {
        double x(double v) {
            return LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            return TOP + (1 - v / yMax) * (height - TOP - BOTTOM);
        }
    }

    /** A y axis from 0 to a round maximum, with round steps: whole numbers for counts and minutes. */
    private record Axis(double max, double step, boolean share) {
        static Axis of(double dataMax) {
            double step = Math.max(1, niceStep(dataMax / 5, new double[] {1, 2, 5, 10}));
            return new Axis(Math.max(step, Math.ceil(dataMax / step) * step), step, false);
        }

        static Axis ofShare(double dataMax) {
            double step = niceStep(Math.max(dataMax, 0.01) / 4, new double[] {1, 2, 2.5, 5, 10});
            return new Axis(Math.max(step, Math.ceil(dataMax / step) * step), step, true);
        }

        private static double niceStep(double rough, double[] multiples) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            for (double m : multiples) {
                if (m * magnitude >= rough) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }

        String label(double v) {
            if (share) {
                return String.format(Locale.ROOT, step * 100 < 1 ? "%.1f %%" : "%.0f %%", v * 100);
            }
            return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" width=\"100%\" role=\"img\" font-family=\"sans-serif\">")
                .append("<title>").append(escape(title)).append("</title>\n");
    }

    private static void yGrid(StringBuilder svg, Plot p, Axis y, String label) {
        for (double v = 0; v <= y.max + 1e-9; v += y.step) {
            svg.append(line(LEFT, p.y(v), WIDTH - RIGHT, p.y(v), "#e4e4e4", 1));
            svg.append(text(LEFT - 6, p.y(v) + 4, y.label(v), "end", 11));
        }
        if (label != null) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"12\" y=\"%s\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 %s)\">"
                            + "%s</text>\n", num(p.y(y.max / 2)), num(p.y(y.max / 2)), escape(label)));
        }
    }

    private static void axes(StringBuilder svg, Plot p, int height) {
        svg.append(line(LEFT, height - BOTTOM, WIDTH - RIGHT, height - BOTTOM, "#333", 1));
        svg.append(line(LEFT, TOP, LEFT, height - BOTTOM, "#333", 1));
    }

    private static String closedBand(Plot p, double from, double to, int height) {
        return String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"#f1f1f1\"/>\n",
                num(p.x(from)), TOP, num(p.x(to) - p.x(from)), height - TOP - BOTTOM);
    }

    private static void marker(StringBuilder svg, Plot p, int height, double at, String label, String colour,
                               String dash) {
        if (Double.isNaN(at)) {
            return;
        }
        double x = p.x(at);
        String line = line(x, TOP, x, height - BOTTOM, colour, 1.5);
        svg.append(dash == null ? line : line.replace("/>", " stroke-dasharray=\"" + dash + "\"/>"));
        svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>\n",
                num(x + 4), TOP + (dash == null ? 24 : 10), colour, escape(label)));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width) {
        return String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\""
                + " stroke-width=\"%s\"/>\n", num(x1), num(y1), num(x2), num(y2), colour, num(width));
    }

    private static String text(double x, double y, String text, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%d\" text-anchor=\"%s\">%s</text>\n",
                num(x), num(y), size, anchor, escape(text));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double minuteOfDay(LocalTime t) {
        return t.toSecondOfDay() / 60.0;
    }
}
