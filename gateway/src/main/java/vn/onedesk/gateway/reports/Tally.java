package vn.onedesk.gateway.reports;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.simulation.WaitFigures;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.DailyReport.Visits;

/**
 * The running counts of one report line while events are read. A report over three months at a large centre
 * counts some 100,000 waits on a line, so they are kept as a plain array of nanoseconds (8 bytes each, not a
 * list of objects): the p90 needs every one of them. Service times need only their mean, so only their sum is
 * kept, in seconds and nanoseconds apart so that no number of them can overflow it.
 */
final class Tally {
    int issued;
    int transferredIn;
    int calls;
    int recalls;
    int served;
    int noShows;
    int transferredOut;
    int unfinished;
    int overTarget;
    /** Ratings of each score: index 1..5 (0 unused). */
    private final int[] ratings = new int[6];
    int ratedByPhone;
    int dossiers;
    int returnedByPost;
    int resultsCollected;
    int outOfOrderCalls;
    int parked;
    int requeued;
    private long[] waitNanos = new long[8];
    private int waits;
    private final Sum waitSum = new Sum();
    private final Sum serviceTimes = new Sum();

    void waited(Duration wait, boolean overTarget) {
        if (waits == waitNanos.length) {
            waitNanos = Arrays.copyOf(waitNanos, waits * 2);
        }
        waitNanos[waits++] = wait.toNanos();
        waitSum.add(wait);
        if (overTarget) {
            this.overTarget++;
        }
    }

    void rated(int score) {
        ratings[score]++;
    }

    /** @param serviceTime null when the events do not tell when service began */
    void served(Duration serviceTime) {
        served++;
        if (serviceTime != null) {
            serviceTimes.add(serviceTime);
        }
    }

    /** @param flows whether the line is a queue (a service, the centre, a day) with flows in and out */
    Figures figures(boolean flows) {
        return new Figures(flows ? Optional.of(issued) : Optional.empty(),
                flows ? Optional.of(transferredIn) : Optional.empty(), calls, recalls, served, noShows,
                transferredOut, flows ? Optional.of(unfinished) : Optional.empty(), waits, waitSum.mean(),
                p90(), overTarget, serviceTimes.mean(), new Visits(List.of(ratings[1], ratings[2], ratings[3],
                ratings[4], ratings[5]), ratedByPhone, dossiers, returnedByPost, resultsCollected, outOfOrderCalls,
                parked, requeued));
    }

    /** Nearest rank, the same definition as the simulator's reports ({@link WaitFigures#percentile}). */
    private Optional<Duration> p90() {
        if (waits == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(waitNanos, waits);
        Arrays.sort(sorted);
        // Below 2^53 ns (104 days) a double holds every nanosecond exactly, so the conversion changes nothing.
        double[] nanos = Arrays.stream(sorted).asDoubleStream().toArray();
        return Optional.of(Duration.ofNanos((long) WaitFigures.percentile(nanos, 0.9)));
    }

    /** A sum of durations and its mean, rounded half up to the nanosecond. */
    private static final class Sum {
        private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
        private long seconds;
        private long nanos;
        private long count;

        void add(Duration d) {
            seconds += d.getSeconds();
            nanos += d.getNano();
            count++;
        }

        Optional<Duration> mean() {
            if (count == 0) {
                return Optional.empty();
            }
            BigInteger total = BigInteger.valueOf(seconds).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(nanos));
            return Optional.of(Duration.ofNanos(new BigDecimal(total)
                    .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact()));
        }
    }
}
