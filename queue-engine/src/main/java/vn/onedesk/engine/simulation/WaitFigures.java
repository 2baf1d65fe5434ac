package vn.onedesk.engine.simulation;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Wait figures over a set of tickets, in minutes. With no tickets, every figure is NaN.
 *
 * <p>Percentiles are nearest-rank: p90 is the smallest wait that at least 90% of the tickets did not
 * exceed. Over several days ({@link #mean}), mean, p90 and over-target share are the means of the
 * daily figures, max is the largest daily max, and {@code tickets} is the total.
 *
 * @param overTargetShare share of tickets that waited longer than their service's target
 */
public record WaitFigures(int tickets, double meanMinutes, double p90Minutes, double maxMinutes,
                          double overTargetShare) {

    public static final WaitFigures NONE = new WaitFigures(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Figures of one day's waits, each paired with its target, both in minutes. */
    public static WaitFigures of(double[] waits, double[] targets) {
        if (waits.length != targets.length) {
            throw new IllegalArgumentException("one target per wait");
        }
        if (waits.length == 0) {
            return NONE;
        }
        double[] sorted = waits.clone();
        Arrays.sort(sorted);
        int over = 0;
        for (int i = 0; i < waits.length; i++) {
            if (waits[i] > targets[i]) {
                over++;
            }
        }
        return new WaitFigures(waits.length, Arrays.stream(waits).average().orElseThrow(),
                percentile(sorted, 0.9), sorted[sorted.length - 1], (double) over / waits.length);
    }

    /** The nearest-rank percentile of sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Several days' figures as one: see the class comment. */
    public static WaitFigures mean(List<WaitFigures> days) {
        return new WaitFigures(days.stream().mapToInt(WaitFigures::tickets).sum(),
                meanOf(days, WaitFigures::meanMinutes), meanOf(days, WaitFigures::p90Minutes),
                days.stream().mapToDouble(WaitFigures::maxMinutes).filter(d -> !Double.isNaN(d)).max()
                        .orElse(Double.NaN),
                meanOf(days, WaitFigures::overTargetShare));
    }

    /** The mean of the figure over the items that have one (not NaN); NaN if none has. */
    static <T> double meanOf(List<T> items, ToDoubleFunction<T> figure) {
        return items.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }
}
