package vn.onedesk.monitoring;

import java.util.Map;

/** The readiness checks as last evaluated. */
public interface HealthMetrics {
    /** @param checks each readiness check by name (database, migrations, mqtt, centres) and whether it is up */
    void health(Map<String, Boolean> checks);
}
