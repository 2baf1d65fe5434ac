package vn.onedesk.gateway.reports;

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
     */
    public record Figures(Optional<Integer> issued, Optional<Integer> transferredIn, int calls, int recalls,
                          int served, int noShows, int transferredOut, Optional<Integer> unfinished, int waits,
                          Optional<Duration> meanWait, Optional<Duration> p90Wait, int overTarget,
                          Optional<Duration> meanService) {

        /** Share of counted waits over target, 0..1; empty when no wait was counted. */
        public Optional<Double> overTargetShare() {
            return waits == 0 ? Optional.empty() : Optional.of((double) overTarget / waits);
        }
    }
}
