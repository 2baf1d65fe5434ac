package vn.onedesk.engine.estimation;

import java.time.Duration;

/** Turns the queue ahead of a ticket into an estimated wait. */
public interface WaitEstimator {
    /**
     * @param ahead       tickets that will be called before this one
     * @param servers     counters able to serve the service (open ones, or all able ones if none is open)
     * @param meanService the recent mean service time of the service
     */
    EstimatedWait estimate(int ahead, int servers, Duration meanService);
}
