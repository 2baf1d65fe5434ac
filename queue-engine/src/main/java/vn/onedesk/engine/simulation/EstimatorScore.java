package vn.onedesk.engine.simulation;

import java.util.List;

/**
 * How well an estimator predicted the waits of one day's tickets: each ticket's estimate at issue
 * against its actual wait to the first call. Tickets never called are not scored. Over several
 * days ({@link #mean}) each figure is the mean of the daily figures and {@code tickets} the total.
 *
 * @param maeMinutes           mean absolute error of the point estimate
 * @param rmseMinutes          root mean squared error of the point estimate
 * @param insideBandShare      share of actual waits within the band shown [low, high], inclusive
 * @param meanBandWidthMinutes the mean width of that band: a wide band is easy to hit and says little
 */
public record EstimatorScore(int tickets, double maeMinutes, double rmseMinutes, double insideBandShare,
                             double meanBandWidthMinutes) {

    public static final EstimatorScore NONE = new EstimatorScore(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Accumulates one day's scored tickets. */
    static final class Tally {
        private int n;
        private double absolute;
        private double squared;
        private int inside;
        private double width;

        void add(double estimateSeconds, double lowSeconds, double highSeconds, double actualSeconds) {
            double error = (estimateSeconds - actualSeconds) / 60;
            n++;
            absolute += Math.abs(error);
            squared += error * error;
            if (actualSeconds >= lowSeconds && actualSeconds <= highSeconds) {
                inside++;
            }
            width += (highSeconds - lowSeconds) / 60;
        }

        EstimatorScore score() {
            return n == 0 ? NONE
                    : new EstimatorScore(n, absolute / n, Math.sqrt(squared / n), (double) inside / n, width / n);
        }
    }

    public static EstimatorScore mean(List<EstimatorScore> days) {
        return new EstimatorScore(days.stream().mapToInt(EstimatorScore::tickets).sum(),
                WaitFigures.meanOf(days, EstimatorScore::maeMinutes),
                WaitFigures.meanOf(days, EstimatorScore::rmseMinutes),
                WaitFigures.meanOf(days, EstimatorScore::insideBandShare),
                WaitFigures.meanOf(days, EstimatorScore::meanBandWidthMinutes));
    }
}
