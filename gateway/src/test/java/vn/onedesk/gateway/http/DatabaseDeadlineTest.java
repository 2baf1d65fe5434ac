package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which answers the database timeout bounds, and by how much (the bound itself is timed by DatabaseTimeoutTest). */
class DatabaseDeadlineTest {
    private final DatabaseDeadline deadline = new DatabaseDeadline(null, Duration.ofMillis(2000));

    @Test
    void anAnswerThatWaitsOnlyOnTheDatabaseHasTheTimeout() {
        assertEquals(Duration.ofMillis(2000), deadline.bound("/api/v1/centres/hcc-tinh/tickets/by-token/abc"));
        assertEquals(Duration.ofMillis(2000), deadline.bound("/api/v1/centres/hcc-tinh/board"));
        assertEquals(Duration.ofMillis(2000), deadline.bound("/api/v1/pages/config"));
    }

    @Test
    void reportsLoginsAndTheAdministrationHaveTenTimesItForTheyMayWaitOnMoreThanTheDatabase() {
        assertEquals(Duration.ofSeconds(20), deadline.bound("/api/v1/centres/hcc-tinh/reports/daily"));
        assertEquals(Duration.ofSeconds(20), deadline.bound("/api/v1/reports"));
        assertEquals(Duration.ofSeconds(20), deadline.bound("/api/v1/auth/login"));
        assertEquals(Duration.ofSeconds(20), deadline.bound("/api/v1/admin/centres"));
    }

    @Test
    void pagesAssetsMetricsAndHealthAreNeverCutShort() {
        for (String path : new String[] {"/", "/kiosk", "/assets/app.js", "/metrics", "/health", "/health/ready",
                "/health/live", "/ticket/abc", "/mqtt"}) {
            assertEquals(Duration.ZERO, deadline.bound(path), path);
        }
    }
}
