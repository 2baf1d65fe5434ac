package vn.onedesk.protocol.displays;

import java.time.Instant;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;

/**
 * Retained on {@code onedesk/v1/{c}/services/{service}/wait}: how many wait for a service and
 * how long a ticket taken now is expected to wait.
 *
 * @param openCounters open counters that can serve the service
 */
public record WaitEstimate(String service, String serviceName, int waiting, int openCounters,
                           EstimatedWaitView estimatedWait, Instant updatedAt) {
}
