package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.reports.HallScript.at;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.RetentionSettings;
import vn.onedesk.gateway.retention.PurgeReport;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Three days at the demo centre played over MQTT against a real PostgreSQL, with citizens of priority groups, then
 * two purges on the gateway's test clock: the first the night after (every day within retention), the second more
 * than 90 days later. Every report of those days (daily, over the period by each dimension, the province's; JSON
 * and CSV) must read exactly the same, byte for byte, before and after each purge.
 *
 * <pre>
 * Monday 2025-03-03 (as RangeReportTest): A001 TP (MERIT) served at Q01 by officer-Q01, F001 GT (DISABLED) served
 *   at Q12 after a recall, A002 TP no-show; Q01 closes.
 * Tuesday: H001 BHTN served at Q17 (officer-Q17), A001 TP transferred to GT and served at Q12,
 *   A002 TP (ELDERLY) issued 08:20 and still waiting: Tuesday is never purged while it waits.
 * Wednesday: H001 BHTN (PREGNANT) served at Q17.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurgedDaysReportTest {
    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final LocalDate TUESDAY = MONDAY.plusDays(1);
    static final LocalDate WEDNESDAY = MONDAY.plusDays(2);
    static final int BATCH = RetentionSettings.MIN_BATCH;
    static final String GROUPS = "(ELDERLY|DISABLED|PREGNANT|CHILD_UNDER_6|MERIT)";

    private final TestClock clock = new TestClock(at(MONDAY, "07:00"));
    private GatewayHarness gateway;

    @BeforeAll
    void playThreeDays() throws Exception {
        RetentionSettings small = new RetentionSettings(true, 90, 90, 14, 730, LocalTime.of(2, 30), BATCH);
        gateway = GatewayHarness.start(ConfigLoader.load(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl()))).withRetention(small), clock);
        try (HallScript hall = new HallScript(gateway, clock, CENTRE, "kiosk-1", "counter-")) {
            hall.on(MONDAY).openAt("07:55", "Q01", "officer-Q01", "1234");
            hall.commandAt("07:55", "Q12", "OPEN");
            hall.issueAt("08:00", "TP", "MERIT", "A001");
            hall.issueAt("08:05", "GT", "DISABLED", "F001");
            hall.issueAt("08:06", "TP", "A002");
            hall.callAt("08:10", "Q01", "A001");
            hall.commandAt("08:12", "Q01", "START");
            hall.callAt("08:15", "Q12", "F001");
            hall.commandAt("08:16", "Q12", "RECALL");
            hall.commandAt("08:20", "Q01", "COMPLETE");
            hall.commandAt("08:25", "Q12", "COMPLETE");
            hall.callAt("08:31", "Q01", "A002");
            hall.commandAt("08:33", "Q01", "NO_SHOW");
            hall.commandAt("08:40", "Q01", "CLOSE");

            hall.on(TUESDAY).openAt("07:55", "Q17", "officer-Q17", "1234");
            hall.commandAt("07:55", "Q01", "OPEN");
            hall.issueAt("08:00", "BHTN", "H001");
            hall.issueAt("08:01", "TP", "A001");
            hall.callAt("08:03", "Q17", "H001");
            hall.commandAt("08:04", "Q17", "START");
            hall.callAt("08:05", "Q01", "A001");
            hall.commandAt("08:06", "Q01", "START");
            hall.transferAt("08:09", "Q01", "GT");
            hall.commandAt("08:10", "Q17", "COMPLETE");
            hall.callAt("08:11", "Q12", "A001");
            hall.commandAt("08:15", "Q12", "COMPLETE");
            hall.issueAt("08:20", "TP", "ELDERLY", "A002");

            hall.on(WEDNESDAY).issueAt("08:00", "BHTN", "PREGNANT", "H001");
            hall.callAt("08:02", "Q17", "H001");
            hall.commandAt("08:03", "Q17", "START");
            hall.commandAt("08:09", "Q17", "COMPLETE");
        }
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theNightAfterThePriorityGroupsOfFinishedTicketsAreErasedAndNoReportFigureChanges() {
        clock.set(at(WEDNESDAY.plusDays(1), "02:30"));
        Map<String, String> before = reports();

        PurgeReport purge = purge();

        assertEquals(reports(), before, "every report reads the same after the erasure");
        assertEquals(0, purge.deleted().get("events"), "every day is within retention: no event is deleted");
        assertEquals(0, purge.deleted().get("tickets"));
        // Monday's A001 (MERIT), F001 (DISABLED), Wednesday's H001 (PREGNANT): finished, of closed days.
        assertEquals(3, purge.erased().get("tickets"));
        assertEquals(3, purge.erased().get("events"));
        assertEquals(List.of("ELDERLY"), groupsLeft("SELECT priority FROM tickets"),
                "only the ticket still waiting keeps its group: the queue orders by it and reloads it");
        assertEquals(3, count("SELECT count(*) FROM tickets WHERE priority = 'ERASED'"),
                "the erased tickets say only that they had a group");
        assertEquals(List.of("ELDERLY"), groupsLeft("SELECT payload ->> 'priority' FROM events"
                + " WHERE type = 'TicketIssued'"));
        assertEquals(0, count("SELECT count(*) FROM requests WHERE created_at < $1"
                        + " AND convert_from(reply, 'UTF8') ~ '\"priority\":\"" + GROUPS + "\"'",
                at(WEDNESDAY, "02:30").atOffset(java.time.ZoneOffset.UTC)),
                "no reply older than a day holds a group: no retry would reload it");
        assertTrue(count("SELECT count(*) FROM requests WHERE convert_from(reply, 'UTF8') ~ '\"priority\":\"PREGNANT\"'")
                > 0, "Wednesday's replies stay verbatim for a day: a kiosk's retry must get the same bytes");
        String token = GatewayHarness.await(gateway.gateway().query("SELECT token FROM tickets WHERE service_day = $1"
                + " AND number = 'A001'", MONDAY)).iterator().next().getString(0);
        HttpResponse<String> slip = HttpCalls.get(gateway.httpUri("/api/v1/centres/" + CENTRE
                + "/tickets/by-token/" + token));
        assertEquals(200, slip.statusCode(), slip.body());
        assertEquals("DONE", HttpCalls.json(slip).path("state").asText(),
                "a citizen's slip still opens its ticket, whose group is erased: " + slip.body());
    }

    @Test
    @Order(2)
    void ninetyOneDaysLaterClosedDaysAreDeletedInBatchesAndEveryReportReadsTheSameFromTheSummaries() {
        clock.set(at(WEDNESDAY.plusDays(91), "02:30"));
        Map<String, String> before = reports();
        long mondayTickets = count("SELECT count(*) FROM tickets WHERE service_day = $1", MONDAY);
        assertEquals(3, mondayTickets);

        PurgeReport purge = purge();

        Map<String, String> after = reports();
        before.forEach((path, body) -> assertEquals(body, after.get(path), path + " reads the same after the purge"));
        assertEquals(2, purge.summarised(), "Monday and Wednesday; Tuesday has a ticket still waiting");
        assertEquals(List.of("hcc-tinh 2025-03-04 (1 ticket(s) still in the queue)"), purge.kept());
        assertEquals(0, count("SELECT count(*) FROM tickets WHERE service_day IN ($1, $2)", MONDAY, WEDNESDAY));
        assertEquals(1, count("SELECT count(*) FROM tickets"), "only Tuesday's A002, still waiting");
        assertEquals(0, count("SELECT count(*) FROM events WHERE type = 'TicketIssued' AND occurred_at < $1",
                at(TUESDAY, "00:00").atOffset(java.time.ZoneOffset.UTC)));
        assertEquals(0, count("SELECT count(*) FROM events WHERE ticket_id IS NULL"),
                "counter events past retention go too");
        assertTrue(count("SELECT count(*) FROM events WHERE occurred_at >= $1 AND occurred_at < $2",
                at(TUESDAY, "00:00").atOffset(java.time.ZoneOffset.UTC),
                at(WEDNESDAY, "00:00").atOffset(java.time.ZoneOffset.UTC)) >= 10,
                "Tuesday's ticket events stay: A002 may still be called, and the day's figures change then");
        assertEquals(0, count("SELECT count(*) FROM requests"), "every request is past its 14 days");
        assertTrue(purge.deleted().get("events") > BATCH, purge.deleted().toString());
        assertTrue(purge.largestBatch("events") <= BATCH, "no statement deletes more than a batch");
        assertTrue(purge.largestBatch("requests") <= BATCH);
        assertEquals(2, count("SELECT count(*) FROM report_days"));

        String metrics = HttpCalls.get(gateway.httpUri("/metrics")).body();
        assertTrue(metrics.contains("onedesk_retention_rows_purged_total{table=\"events\"} "
                + (double) purge.deleted().get("events")), "counted in the metrics");
        assertTrue(metrics.contains("onedesk_retention_days_summarised_total 2.0"), "counted in the metrics");
    }

    @Test
    @Order(3)
    void aPurgeAgainChangesNothingAndTheReportsStillReadTheSame() {
        clock.set(at(WEDNESDAY.plusDays(92), "02:30"));
        Map<String, String> before = reports();
        PurgeReport purge = purge();
        assertEquals(before, reports());
        assertEquals(0, purge.summarised());
        assertEquals(0L, purge.deleted().values().stream().mapToLong(Long::longValue).sum()
                - purge.deleted().get("login_sessions"), purge.deleted().toString());
    }

    // --- helpers ---

    private PurgeReport purge() {
        return GatewayHarness.await(gateway.gateway().retention().runOnce());
    }

    /** Every report of the three days, by path, as the manager reads it. */
    private Map<String, String> reports() {
        String manager = Logins.manager(gateway);
        String base = "/api/v1/centres/" + CENTRE + "/reports";
        String period = "?from=2025-03-03&to=2025-03-05";
        Map<String, String> reports = new LinkedHashMap<>();
        for (LocalDate day : List.of(MONDAY, TUESDAY, WEDNESDAY)) {
            reports.put(base + "/daily?date=" + day, null);
            reports.put(base + "/daily?format=csv&date=" + day, null);
        }
        for (String by : List.of("day", "service", "counter", "operator", "officer")) {
            reports.put(base + period + "&by=" + by, null);
            reports.put(base + period + "&format=csv&by=" + by, null);
        }
        reports.put(base + "?from=2025-03-03&to=2025-03-03&by=officer", null);
        reports.put("/api/v1/reports" + period + "&by=centre", null);
        reports.replaceAll((path, none) -> {
            HttpResponse<String> r = HttpCalls.get(gateway.httpUri(path), "Authorization", Logins.bearer(manager));
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        });
        return reports;
    }

    private List<String> groupsLeft(String sql) {
        List<String> left = new java.util.ArrayList<>();
        GatewayHarness.await(gateway.gateway().query(sql)).forEach(r -> {
            String g = r.getString(0);
            if (!g.equals("NONE") && !g.equals("ERASED")) {
                left.add(g);
            }
        });
        return left;
    }

    private long count(String sql, Object... params) {
        return gateway.count(sql, params);
    }
}
