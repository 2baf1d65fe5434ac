package vn.onedesk.monitoring;

import java.time.Duration;

/** What the centres' commits to PostgreSQL record. */
public interface DatabaseMetrics {
    void commitSucceeded(String centre, Duration took);

    void commitFailed(String centre, CommitFailure reason);
}
