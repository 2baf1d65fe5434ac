package vn.onedesk.monitoring;

import java.time.Instant;
import java.util.List;

/** What the daily retention job records: what it deleted, what it erased, and when it last ran. */
public interface RetentionMetrics {
    /** The tables retention deletes rows from: the values of the {@code table} label. */
    List<String> PURGED_TABLES = List.of("events", "tickets", "requests", "admin_audit", "login_sessions",
            "dossier_visits", "bookings", "booking_slots");
    /** The tables whose priority groups retention erases. */
    List<String> ERASED_TABLES = List.of("tickets", "events", "requests");

    /** {@code rows} rows of {@code table} (one of {@link #PURGED_TABLES}) were deleted. */
    void retentionPurged(String table, long rows);

    /** {@code rows} priority groups in {@code table} (one of {@link #ERASED_TABLES}) were erased. */
    void retentionErased(String table, long rows);

    /** A day's report figures were summarised. */
    void retentionDaySummarised();

    /** A run finished. */
    void retentionRan(Instant at);
}
