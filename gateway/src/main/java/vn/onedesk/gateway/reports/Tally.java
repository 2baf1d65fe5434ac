package vn.onedesk.gateway.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.simulation.WaitFigures;
import vn.onedesk.gateway.reports.DailyReport.Figures;

/** The running counts of one report line while the day's events are read. */
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
    private final List<Duration> waits = new ArrayList<>();
    private final List<Duration> serviceTimes = new ArrayList<>();

    void waited(Duration wait, boolean overTarget) {
        waits.add(wait);
        if (overTarget) {
            this.overTarget++;
        }
    }

    /** @param serviceTime null when the events do not tell when service began */
    void served(Duration serviceTime) {
        served++;
        if (serviceTime != null) {
            serviceTimes.add(serviceTime);
        }
    }

    /** @param flows whether the line is a queue (a service, the centre) with flows in and out */
    Figures figures(boolean flows) {
        return new Figures(flows ? Optional.of(issued) : Optional.empty(),
                flows ? Optional.of(transferredIn) : Optional.empty(), calls, recalls, served, noShows,
                transferredOut, flows ? Optional.of(unfinished) : Optional.empty(), waits.size(), mean(waits),
                p90(waits), overTarget, mean(serviceTimes));
    }

    private static Optional<Duration> mean(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Duration d : values) {
            total += d.toNanos();
        }
        return Optional.of(Duration.ofNanos(Math.round((double) total / values.size())));
    }

    /** Nearest rank, the same definition as the simulator's reports ({@link WaitFigures#percentile}). */
    private static Optional<Duration> p90(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double[] nanos = sorted.stream().mapToDouble(Duration::toNanos).toArray();
        return Optional.of(Duration.ofNanos((long) WaitFigures.percentile(nanos, 0.9)));
    }
}
