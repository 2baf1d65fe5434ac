package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.time.Instant;
import vn.onedesk.engine.QueueView;

/**
 * The queue-length estimator (QL): people ahead ÷ (servers × service rate). The band around it is
 * rounded outward to whole five-minute steps, because citizens read "10–20 phút", not seconds.
 */
public final class QueueLengthEstimator implements WaitEstimator {
    private static final long STEP_SECONDS = 300;

    @Override
    public String name() {
        return "ql";
    }

    @Override
    public EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now) {
        return estimate(ahead, queue.servers(service), queue.meanServiceTime(service));
    }

    public EstimatedWait estimate(int ahead, int servers, Duration meanService) {
        if (ahead <= 0) {
            return EstimatedWait.NONE;
        }
        long seconds = Math.round((double) ahead * meanService.toSeconds() / Math.max(1, servers));
        return Bands.around(seconds);
    }

    /** The citizen-facing band around a point estimate. */
    public static final class Bands {
        private Bands() {
        }

        public static EstimatedWait around(long seconds) {
            long low = Math.min(seconds, floorStep(seconds * 0.6));
            long high = Math.max(seconds, Math.max(low + STEP_SECONDS, ceilStep(seconds * 1.5)));
            return new EstimatedWait(Duration.ofSeconds(seconds), Duration.ofSeconds(low), Duration.ofSeconds(high));
        }

        private static long floorStep(double seconds) {
            return (long) Math.floor(seconds / STEP_SECONDS) * STEP_SECONDS;
        }

        private static long ceilStep(double seconds) {
            return (long) Math.ceil(seconds / STEP_SECONDS) * STEP_SECONDS;
        }
    }
}
