package vn.onedesk.protocol.displays;

import java.time.Instant;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.ServiceState;

/**
 * Retained on {@code onedesk/v1/{c}/services/{service}/wait}: how many wait for a service, whether it is
 * served now, and how long a ticket taken now is expected to wait.
 *
 * @param openCounters  open counters that can serve the service
 * @param state         OPEN, NO_COUNTER or CLOSED
 * @param opensAt       when CLOSED, or NO_COUNTER outside the opening hours: the start of the next session (UTC,
 *                      like every timestamp); else absent
 * @param estimatedWait only while OPEN: with no counter open, or outside the hours, no estimate holds
 */
public record WaitEstimate(String service, String serviceName, int waiting, int openCounters, ServiceState state,
                           Instant opensAt, EstimatedWaitView estimatedWait, Instant updatedAt) {
}
