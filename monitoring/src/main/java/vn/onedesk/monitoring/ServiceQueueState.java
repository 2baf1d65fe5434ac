package vn.onedesk.monitoring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's line as it stands now.
 *
 * @param estimatedWait the wait of an ordinary ticket taken now; empty when no estimate holds (no counter open
 *                      that serves it, or the centre closed), as citizens are told
 * @param oldestWait    how long the longest-waiting ticket has waited; zero when none waits
 * @param openCounters  open counters that can serve the service
 */
public record ServiceQueueState(int waiting, Optional<Duration> estimatedWait, Duration oldestWait, Duration targetWait,
                                int openCounters) {
    public ServiceQueueState {
        Objects.requireNonNull(estimatedWait, "estimatedWait");
        Objects.requireNonNull(oldestWait, "oldestWait");
        Objects.requireNonNull(targetWait, "targetWait");
    }
}
