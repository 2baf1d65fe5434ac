package vn.onedesk.gateway.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the gateway keeps what it stores, and when it deletes the rest (the retention job of
 * {@code vn.onedesk.gateway.retention}). Days are counted in the centre's local days: a ticket numbered on day D, and
 * every event of it, is deleted by the first purge on or after day D + {@code ticketDays} + 1 (resp.
 * {@code eventDays}); a day is never deleted while one of its tickets is still in the queue. Before a day's events
 * go, its report figures are kept in a summary, so reports of that day stay the same.
 *
 * @param enabled      false: nothing is ever deleted nor erased (the gateway logs it at start)
 * @param eventDays    days of event detail kept before today: what the reports' detail and a crash audit read
 * @param ticketDays   days of ticket rows kept before today: what a citizen's QR code still shows
 * @param requestDays  days accepted requests and their replies are kept: at least the {@value #REQUEST_MEMORY_HOURS}
 *                     h in which a device's retry with the same requestId gets the same reply, even after a restart
 * @param auditDays    days of the administration's audit (who changed what): accountability, kept longest
 * @param purgeAt      the local time of night, in the centres' time zone, at which the daily purge runs
 * @param batchSize    rows deleted or updated per statement, so that no purge holds a lock the centres' writers wait
 *                     on for long
 */
public record RetentionSettings(boolean enabled, int eventDays, int ticketDays, int requestDays, int auditDays,
                                LocalTime purgeAt, int batchSize) {
    /**
     * Idempotency: how long accepted requests' replies are remembered for retries, in memory and across a restart
     * (CentreStore.REQUEST_MEMORY is this). The request retention may not be shorter.
     */
    public static final int REQUEST_MEMORY_HOURS = 24;
    /** Today's and yesterday's detail are always kept: a centre still works them, and the summary needs a closed day. */
    public static final int MIN_DETAIL_DAYS = 2;
    public static final int MIN_REQUEST_DAYS = 1;
    public static final int MIN_AUDIT_DAYS = 30;
    public static final int MIN_BATCH = 10;
    public static final int MAX_BATCH = 50_000;

    public static final RetentionSettings DEFAULT = new RetentionSettings(true, 90, 90, 14, 730,
            LocalTime.of(2, 30), 1000);

    public RetentionSettings {
        List<String> problems = problems(eventDays, ticketDays, requestDays, auditDays, batchSize);
        if (purgeAt == null) {
            problems.add("purgeAt: give a local time such as 02:30");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** How long accepted requests are kept, as a duration. */
    public Duration requestRetention() {
        return Duration.ofDays(requestDays);
    }

    /** Every value out of its bounds, each named as in the configuration file and said why. */
    static List<String> problems(int eventDays, int ticketDays, int requestDays, int auditDays, int batchSize) {
        List<String> problems = new ArrayList<>();
        if (eventDays < MIN_DETAIL_DAYS) {
            problems.add("eventDays: must be at least " + MIN_DETAIL_DAYS + " (today's and yesterday's events are"
                    + " still read by the running centre and its day report), got " + eventDays);
        }
        if (ticketDays < MIN_DETAIL_DAYS) {
            problems.add("ticketDays: must be at least " + MIN_DETAIL_DAYS + " (today's and yesterday's tickets are"
                    + " still numbered and served), got " + ticketDays);
        }
        if (requestDays < MIN_REQUEST_DAYS) {
            problems.add("requestDays: must be at least " + MIN_REQUEST_DAYS + " day: a device that retries with"
                    + " the same requestId within " + REQUEST_MEMORY_HOURS + " h must get the same reply, not a second"
                    + " ticket, so replies are kept at least that long, got " + requestDays);
        }
        if (auditDays < MIN_AUDIT_DAYS) {
            problems.add("auditDays: must be at least " + MIN_AUDIT_DAYS + " (who changed what is accountability),"
                    + " got " + auditDays);
        }
        if (batchSize < MIN_BATCH || batchSize > MAX_BATCH) {
            problems.add("batchSize: must be from " + MIN_BATCH + " to " + MAX_BATCH + ", got " + batchSize);
        }
        return problems;
    }
}
