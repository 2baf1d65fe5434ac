package vn.onedesk.engine.simulation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Several simulated days of one scenario under one routing policy, seeds {@code seed, seed+1, …}.
 *
 * @param figures the mean over the days of each day's figures (max: the largest; counts: per day);
 *                see {@link WaitFigures} and {@link EstimatorScore}
 */
public record SimulationResult(String scenario, String policy, List<DayResult> days, Figures figures) {
    public SimulationResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(policy, "policy");
        days = List.copyOf(days);
        Objects.requireNonNull(figures, "figures");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a simulation has at least one day");
        }
    }

    public static SimulationResult of(List<DayResult> days) {
        DayResult first = days.get(0);
        return new SimulationResult(first.scenario(), first.policy(), days,
                Figures.mean(days.stream().map(DayResult::figures).toList()));
    }

    public List<Long> seeds() {
        return days.stream().map(DayResult::seed).toList();
    }

    /** Every called ticket's wait to its first call, in minutes, of all days together, sorted. */
    public double[] pooledWaitsMinutes() {
        double[] waits = days.stream().flatMap(d -> d.tickets().stream())
                .flatMap(t -> t.waitToFirstCall().stream())
                .mapToDouble(Figures::minutes)
                .toArray();
        Arrays.sort(waits);
        return waits;
    }

    /** The 90th percentile of all days' waits taken together (nearest rank), next to the mean of daily p90s. */
    public double pooledP90Minutes() {
        return WaitFigures.percentile(pooledWaitsMinutes(), 0.9);
    }
}
