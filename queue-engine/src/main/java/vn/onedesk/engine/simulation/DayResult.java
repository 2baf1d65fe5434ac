package vn.onedesk.engine.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One simulated day under one routing policy: what became of every ticket and counter, the
 * waiting lines over the day, and the figures derived from them.
 *
 * @param estimators the estimators scored, in registry order
 */
public record DayResult(String scenario, String policy, long seed, LocalDate day, List<TicketOutcome> tickets,
                        List<CounterUsage> counters, WaitingSeries waiting, List<String> estimators,
                        Figures figures) {
    public DayResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(day, "day");
        tickets = List.copyOf(tickets);
        counters = List.copyOf(counters);
        Objects.requireNonNull(waiting, "waiting");
        estimators = List.copyOf(estimators);
        Objects.requireNonNull(figures, "figures");
    }
}
