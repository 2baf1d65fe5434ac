package vn.onedesk.engine.estimation;

import java.time.Instant;
import vn.onedesk.engine.QueueView;

/**
 * The last-to-enter-service estimator (LES): a new ticket will wait about as long as the last
 * ticket of its service that was called. A reference for comparison, not what citizens see.
 */
public final class LastToEnterServiceEstimator implements WaitEstimator {
    @Override
    public String name() {
        return "les";
    }

    @Override
    public EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now) {
        return queue.lastDelay(service)
                .map(d -> QueueLengthEstimator.Bands.around(d.toSeconds()))
                .orElse(EstimatedWait.NONE);
    }
}
