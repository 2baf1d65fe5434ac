package vn.onedesk.gateway.simulation;

import java.util.List;
import java.util.Objects;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.simulation.BookingEffect;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.SimulationResult;

/** What {@code simulate} reports: one scenario, the same seeds under each policy. */
public record SimulationReport(Scenario scenario, int runs, long firstSeed, List<SimulationResult> results,
                               List<BookingEffect> bookings) {

    /** How the figures over several days are combined, in one sentence for every output. */
    public static final String AGGREGATION = "Each figure is the mean over the runs of that day's figure; max is the"
            + " largest of any day; counts are per day. Wait = from the citizen's arrival to the first call of the"
            + " ticket (no-shows included; tickets never called are counted as left waiting at close, not as waits)."
            + " Percentiles are nearest-rank.";

    public SimulationReport {
        Objects.requireNonNull(scenario, "scenario");
        results = List.copyOf(results);
        bookings = List.copyOf(bookings);
    }

    /** Without the booked slots' what-if ({@code --bookings}). */
    public SimulationReport(Scenario scenario, int runs, long firstSeed, List<SimulationResult> results) {
        this(scenario, runs, firstSeed, results, List.of());
    }

    public List<ServiceField> services() {
        return scenario.centre().services();
    }

    public List<String> estimators() {
        return results.isEmpty() ? List.of() : results.get(0).days().get(0).estimators();
    }

    public long lastSeed() {
        return firstSeed + runs - 1;
    }
}
