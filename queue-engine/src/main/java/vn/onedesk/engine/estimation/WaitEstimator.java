package vn.onedesk.engine.estimation;

import java.time.Instant;
import vn.onedesk.engine.QueueView;

/** Predicts how long a ticket will wait before it is called. */
public interface WaitEstimator {
    String name();

    /**
     * @param service the ticket's service
     * @param ahead   tickets of that service that will be called before it
     */
    EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now);

    /**
     * Every place's estimate in the service's line. Read it before the queue changes: by default each
     * place is estimated when asked, from the queue as it is then.
     */
    default LineEstimate line(QueueView queue, String service, Instant now) {
        return ahead -> estimate(queue, service, ahead, now);
    }
}
