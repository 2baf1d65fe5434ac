package vn.onedesk.gateway.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onedesk.engine.centre.Operator;

/**
 * One centre's day, as managers read it: what happened to the tickets numbered that local day, per
 * service, per operator and per counter. Built by {@link DayAggregator}; rendered by
 * {@link ReportJson} and {@link ReportCsv}. The README's "Daily report" section defines each figure.
 *
 * @param dayOver whether the local day had ended when the report was made (later reports of the
 *                same date can then differ only by tickets still open at midnight)
 */
public record DailyReport(String centre, String centreName, LocalDate date, ZoneId timezone, Instant generatedAt,
                          boolean dayOver, Figures totals, List<ServiceLine> services, List<OperatorLine> operators,
                          List<CounterLine> counters) {

    public DailyReport {
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(date, "date");
        services = List.copyOf(services);
        operators = List.copyOf(operators);
        counters = List.copyOf(counters);
    }

    /**
     * @param target     the service's target wait, against which each of its waits is judged
     * @param byOperator the same figures for the counters of each operator that may serve it
     */
    public record ServiceLine(String code, String name, Duration target, Figures figures,
                              List<OperatorLine> byOperator) {
        public ServiceLine {
            byOperator = List.copyOf(byOperator);
        }
    }

    /**
     * @param counters how many counters the line covers: all the operator's, or in a service's split
     *                 those of the operator's counters that can serve the service
     */
    public record OperatorLine(Operator operator, int counters, Figures figures) {
    }

    /** @param operator null for a counter the centre's definition no longer has */
    public record CounterLine(String counter, int number, Operator operator, Figures figures) {
    }

    /**
     * The figures of one line. Flows into and out of a queue ({@code issued}, {@code transferredIn},
     * {@code unfinished}) belong to services and the whole centre only; at a counter or an operator
     * they are empty.
     *
     * @param calls          calls that are not recalls: each one brings a ticket to a counter
     * @param waits          the waits counted (one per ticket, at its first call)
     * @param meanWait       empty when {@code waits} is 0
     * @param overTarget     waits longer than the target of the service the ticket was issued for
     * @param meanService    over the {@code served} tickets; empty when none was served
     * @param visits         ratings, dossiers and the counter operations of issue 14
     */
    public record Figures(Optional<Integer> issued, Optional<Integer> transferredIn, int calls, int recalls,
                          int served, int noShows, int transferredOut, Optional<Integer> unfinished, int waits,
                          Optional<Duration> meanWait, Optional<Duration> p90Wait, int overTarget,
                          Optional<Duration> meanService, Visits visits) {

        public Figures {
            Objects.requireNonNull(visits, "visits");
        }

        /** The figures of the queue and its waits alone, with nothing rated, received or parked. */
        public Figures(Optional<Integer> issued, Optional<Integer> transferredIn, int calls, int recalls,
                       int served, int noShows, int transferredOut, Optional<Integer> unfinished, int waits,
                       Optional<Duration> meanWait, Optional<Duration> p90Wait, int overTarget,
                       Optional<Duration> meanService) {
            this(issued, transferredIn, calls, recalls, served, noShows, transferredOut, unfinished, waits, meanWait,
                    p90Wait, overTarget, meanService, Visits.NONE);
        }

        /** Share of counted waits over target, 0..1; empty when no wait was counted. */
        public Optional<Double> overTargetShare() {
            return waits == 0 ? Optional.empty() : Optional.of((double) overTarget / waits);
        }
    }

    /**
     * What the citizens and the counters' work of issue 14 add to a line: how the completions it served were rated,
     * the dossiers it received, and the calls out of the line's order, parks and re-queues it made. The README's
     * "Ratings, dossiers and out-of-order calls" defines each.
     *
     * @param byScore          the ratings of each score, 1 to 5 (five counts)
     * @param byPhone          of those, how many the citizen gave on their own phone (the others: the counter's pad)
     * @param dossiers         dossier codes received at a COMPLETE or TRANSFER
     * @param returnedByPost   of those, whose results go back by post (BCCI)
     * @param resultsCollected completed visits of citizens who came to collect a dossier's results
     */
    public record Visits(List<Integer> byScore, int byPhone, int dossiers, int returnedByPost, int resultsCollected,
                         int outOfOrderCalls, int parked, int requeued) {
        public static final Visits NONE = new Visits(List.of(0, 0, 0, 0, 0), 0, 0, 0, 0, 0, 0, 0);

        public Visits {
            byScore = List.copyOf(byScore);
            if (byScore.size() != 5) {
                throw new IllegalArgumentException("five scores, 1 to 5: " + byScore);
            }
        }

        /** Ratings received. */
        public int ratings() {
            return byScore.stream().mapToInt(Integer::intValue).sum();
        }

        /** Ratings of 4 (hài lòng) or 5 (rất hài lòng). */
        public int satisfied() {
            return byScore.get(3) + byScore.get(4);
        }

        /** The mean score to two decimals, half up; empty when nothing was rated. */
        public Optional<BigDecimal> meanScore() {
            int n = ratings();
            if (n == 0) {
                return Optional.empty();
            }
            long sum = 0;
            for (int score = 1; score <= 5; score++) {
                sum += (long) score * byScore.get(score - 1);
            }
            return Optional.of(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP));
        }
    }
}
