package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.reports.HallScript.at;
import static vn.onedesk.gateway.reports.RangeReportTest.line;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
 * Issue 14's figures (ratings, dossiers and BCCI returns, results collected, out-of-order calls, parks, re-queues)
 * in every report, read from the events table. A day at the demo centre is played through the real gateway over
 * MQTT against a real PostgreSQL; then what the rating pad, the dossier fields and the new counter commands store is
 * written into its events as those store it (ServiceRated, TicketParked and TicketRequeued rows; the payload keys
 * {@code dossiers}, {@code returnByPost}, {@code dossier}, {@code outOfOrder}), with unknown keys and malformed rows
 * among them, which the reports must pass over.
 *
 * <pre>
 * Monday 2025-03-03: officer-Q01 opens Q01, officer-Q17 (BHXH) opens Q17, Q12 opens with nobody bound
 *   A001 TP  Q01  COMPLETE with dossiers D1, D2 returned by post          rated 5 on the pad (and again: ignored)
 *   F001 GT  Q12  COMPLETE with dossier D3, not by post                    rated 2 on a phone
 *   A002 TP  Q01  COMPLETE                                                 rated 4 on the pad
 *   H001 BHTN Q17 COMPLETE                                                 rated 3 on the pad
 *   A003 TP  Q01  called out of order (CALL_NUMBER), COMPLETE              not rated (a score 9: ignored)
 *   A004 TP  Q01  issued to collect dossier D0's results, COMPLETE          not rated
 *   A005 TP  Q01  NO_SHOW, re-queued by Q01, called again, COMPLETE         rated 5 on a phone
 *   A006 TP  Q01  called, parked, COMPLETE                                  not rated
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VisitFiguresReportTest {
    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final String REPORTS = "/api/v1/centres/" + CENTRE + "/reports";
    static final String DAY = "?from=2025-03-03&to=2025-03-03";

    private final TestClock clock = new TestClock(at(MONDAY, "07:00"));
    private GatewayHarness gateway;

    @BeforeAll
    void playADayAndStoreWhatIssue14Adds() throws Exception {
        RetentionSettings settings = new RetentionSettings(true, 90, 90, 14, 730, LocalTime.of(2, 30),
                RetentionSettings.MIN_BATCH);
        gateway = GatewayHarness.start(ConfigLoader.load(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl()))).withRetention(settings), clock);
        try (HallScript hall = new HallScript(gateway, clock, CENTRE, "kiosk-1", "counter-")) {
            hall.on(MONDAY).openAt("07:55", "Q01", "officer-Q01", "1234");
            hall.openAt("07:55", "Q17", "officer-Q17", "1234");
            hall.commandAt("07:55", "Q12", "OPEN");
            hall.issueAt("08:00", "TP", "A001");
            hall.issueAt("08:01", "TP", "A002");
            hall.issueAt("08:02", "GT", "F001");
            hall.issueAt("08:03", "TP", "A003");
            hall.issueAt("08:04", "BHTN", "H001");
            hall.issueAt("08:05", "TP", "A004");
            hall.callAt("08:10", "Q01", "A001");
            hall.callAt("08:11", "Q12", "F001");
            hall.commandAt("08:15", "Q01", "COMPLETE");
            hall.callAt("08:16", "Q01", "A002");
            hall.callAt("08:17", "Q17", "H001");
            hall.commandAt("08:20", "Q12", "COMPLETE");
            hall.commandAt("08:25", "Q01", "COMPLETE");
            hall.callAt("08:26", "Q01", "A003");
            hall.commandAt("08:27", "Q17", "COMPLETE");
            hall.commandAt("08:30", "Q01", "COMPLETE");
            hall.callAt("08:31", "Q01", "A004");
            hall.commandAt("08:35", "Q01", "COMPLETE");
            hall.issueAt("08:40", "TP", "A005");
            hall.callAt("08:41", "Q01", "A005");
            hall.commandAt("08:42", "Q01", "NO_SHOW");
            hall.issueAt("08:43", "TP", "A006");
            hall.callAt("08:44", "Q01", "A006");
            hall.commandAt("08:50", "Q01", "COMPLETE");
        }
        // What the dossier fields store (helper D's shapes), with a key no report knows.
        patch("ServiceCompleted", "A001", "{\"dossiers\": [\"D1-000.00.01.H01-250303-0001\","
                + " \"D2-000.00.01.H01-250303-0002\"], \"returnByPost\": true, \"futureKey\": {\"x\": 1}}");
        patch("ServiceCompleted", "F001",
                "{\"dossiers\": [\"D3-000.00.01.H01-250303-0003\"], \"returnByPost\": false}");
        patch("TicketIssued", "A004", "{\"dossier\": \"D0-000.00.01.H01-250301-0009\"}");
        // CALL_NUMBER's call (helper A's shape).
        patch("TicketCalled", "A003",
                "{\"outOfOrder\": true, \"reason\": \"number\", \"note\": \"lãnh đạo yêu cầu\"}");
        // A park, stored right after A006's call, as PARK would store it.
        insertAfter(version("TicketCalled", "A006"), "TicketParked", "A006", "Q01",
                "{\"reason\": \"đi photo giấy tờ\", \"officer\": \"officer-Q01\"}", at(MONDAY, "08:45"));
        // A005's re-queue by Q01 after its no-show, its new call and its completion.
        append("TicketRequeued", "A005", "Q01", "{\"officer\": \"officer-Q01\"}", "08:51");
        append("TicketCalled", "A005", "Q01", "{\"callSeq\": 999, \"recall\": false, \"reason\": \"requeued\","
                + " \"officer\": \"officer-Q01\"}", "08:52");
        append("ServiceCompleted", "A005", "Q01", "{\"officer\": \"officer-Q01\"}", "08:55");
        // The ratings (helper C's shape), each after the completion it rates.
        rating("A001", "Q01", 5, "PAD", "TP", "officer-Q01", "08:16");
        rating("A001", "Q01", 1, "PAD", "TP", "officer-Q01", "08:17"); // a second rating of one ticket: ignored
        rating("F001", "Q12", 2, "PHONE", "GT", null, "09:30");
        rating("A002", "Q01", 4, "PAD", "TP", "officer-Q01", "08:26");
        rating("H001", "Q17", 3, "PAD", "BHTN", "officer-Q17", "08:28");
        append("ServiceRated", "A003", "Q01", "{\"score\": 9, \"source\": \"PAD\", \"service\": \"TP\"}", "08:31");
        rating("A005", "Q01", 5, "PHONE", "TP", "officer-Q01", "10:00");
        clock.set(at(MONDAY, "18:00"));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theDailyReportCountsRatingsDossiersAndTheCountersOperationsForTheCentreEachServiceAndEachCounter() {
        JsonNode daily = json(get(REPORTS + "/daily?date=2025-03-03"));
        JsonNode totals = daily.path("totals");
        assertEquals(8, totals.path("served").asInt(), totals.toString());
        // scores 5, 2, 4, 3, 5: mean 19 / 5, satisfied (4 or 5) 3 of 5, rated 5 of 8 served
        assertRatings(totals, 5, 62.5, 3.8, 3, 60.0, List.of(0, 1, 1, 1, 2), 3, 2);
        assertDossiers(totals, 3, 2, 1);
        assertEquals(List.of(1, 1, 1), operations(totals), "out-of-order calls, parked, requeued");
        assertEquals(1, totals.path("noShows").asInt(), "A005's no-show still counts; its re-queue too");

        JsonNode q01 = find(daily.path("counters"), "counter", "Q01");
        assertEquals(6, q01.path("served").asInt());
        assertRatings(q01, 3, 50.0, 4.67, 3, 100.0, List.of(0, 0, 0, 1, 2), 2, 1);
        assertDossiers(q01, 2, 2, 1);
        assertEquals(List.of(1, 1, 1), operations(q01));
        JsonNode q12 = find(daily.path("counters"), "counter", "Q12");
        assertRatings(q12, 1, 100.0, 2.0, 0, 0.0, List.of(0, 1, 0, 0, 0), 0, 1);
        assertDossiers(q12, 1, 0, 0);
        JsonNode q02 = find(daily.path("counters"), "counter", "Q02");
        assertRatings(q02, 0, null, null, 0, null, List.of(0, 0, 0, 0, 0), 0, 0);

        JsonNode tp = find(daily.path("services"), "service", "TP");
        assertRatings(tp, 3, 50.0, 4.67, 3, 100.0, List.of(0, 0, 0, 1, 2), 2, 1);
        assertDossiers(tp, 2, 2, 1);
        JsonNode bhtn = find(daily.path("services"), "service", "BHTN");
        assertRatings(bhtn, 1, 100.0, 3.0, 0, 0.0, List.of(0, 0, 1, 0, 0), 1, 0);
        JsonNode bhtnByBhxh = find(bhtn.path("byOperator"), "operator", "BHXH");
        assertRatings(bhtnByBhxh, 1, 100.0, 3.0, 0, 0.0, List.of(0, 0, 1, 0, 0), 1, 0);
        JsonNode postal = find(daily.path("operators"), "operator", "POSTAL");
        assertRatings(postal, 4, 57.1, 4.0, 3, 75.0, List.of(0, 1, 0, 1, 2), 2, 2);
    }

    @Test
    @Order(1)
    void byOfficerEachRatingCountsForTheOfficerWhoCompletedTheVisitAndByDayServiceCounterAndOperatorToo() {
        JsonNode byOfficer = json(get(REPORTS + DAY + "&by=officer"));
        assertRatings(line(byOfficer, "officer", "officer-Q01"), 3, 50.0, 4.67, 3, 100.0, List.of(0, 0, 0, 1, 2), 2,
                1);
        assertEquals(List.of(1, 1, 1), operations(line(byOfficer, "officer", "officer-Q01")),
                "the out-of-order call, the park and the re-queue are officer-Q01's");
        assertDossiers(line(byOfficer, "officer", "officer-Q01"), 2, 2, 1);
        assertRatings(line(byOfficer, "officer", "officer-Q17"), 1, 100.0, 3.0, 0, 0.0, List.of(0, 0, 1, 0, 0), 1,
                0);
        JsonNode nobody = byOfficer.path("lines").get(2);
        assertEquals("(không có cán bộ)", nobody.path("name").asText());
        assertRatings(nobody, 1, 100.0, 2.0, 0, 0.0, List.of(0, 1, 0, 0, 0), 0, 1);
        assertDossiers(nobody, 1, 0, 0);

        JsonNode byOperator = json(get(REPORTS + DAY + "&by=operator"));
        assertRatings(line(byOperator, "operator", "POSTAL"), 4, 57.1, 4.0, 3, 75.0, List.of(0, 1, 0, 1, 2), 2, 2);
        assertRatings(line(byOperator, "operator", "BHXH"), 1, 100.0, 3.0, 0, 0.0, List.of(0, 0, 1, 0, 0), 1, 0);
        JsonNode byService = json(get(REPORTS + DAY + "&by=service"));
        assertDossiers(line(byService, "service", "GT"), 1, 0, 0);
        assertDossiers(line(byService, "service", "TP"), 2, 2, 1);
        JsonNode byCounter = json(get(REPORTS + DAY + "&by=counter"));
        assertEquals(List.of(1, 1, 1), operations(line(byCounter, "counter", "Q01")));
        JsonNode byDay = json(get(REPORTS + DAY + "&by=day"));
        assertRatings(line(byDay, "day", "2025-03-03"), 5, 62.5, 3.8, 3, 60.0, List.of(0, 1, 1, 1, 2), 3, 2);
        assertEquals(byDay.path("totals"), json(get(REPORTS + "/daily?date=2025-03-03")).path("totals"),
                "over one day, the same totals as the daily report");

        JsonNode province = json(get("/api/v1/reports" + DAY + "&by=centre"));
        assertRatings(line(province, "centre", CENTRE), 5, 62.5, 3.8, 3, 60.0, List.of(0, 1, 1, 1, 2), 3, 2);
        assertDossiers(province.path("totals"), 3, 2, 1);
    }

    @Test
    @Order(1)
    void theCsvKeepsItsColumnsAndAddsIssue14sAtTheEnd() throws Exception {
        List<CSVRecord> rows = new ArrayList<>();
        List<String> header = csv(get(REPORTS + DAY + "&by=officer&format=csv"), rows);
        assertEquals(RangeCsv.HEADER, header);
        assertEquals("Thời gian phục vụ trung bình (phút)", header.get(21), "the columns before issue 14 in place");
        assertEquals(List.of("Số lượt đánh giá", "Tỷ lệ được đánh giá (%)", "Điểm đánh giá trung bình",
                "Tỷ lệ hài lòng trở lên (%)", "Rất không hài lòng (1)", "Không hài lòng (2)", "Bình thường (3)",
                "Hài lòng (4)", "Rất hài lòng (5)", "Đánh giá tại quầy", "Đánh giá qua điện thoại", "Hồ sơ tiếp nhận",
                "Hồ sơ trả kết quả qua bưu chính (BCCI)", "Lượt trả kết quả", "Lượt gọi không theo thứ tự",
                "Lượt tạm hoãn", "Lượt xếp hàng lại"), header.subList(22, header.size()));
        CSVRecord q01 = rows.get(1);
        assertEquals("officer-Q01", q01.get("Mã"));
        assertEquals(List.of("3", "50.0", "4.67", "100.0", "0", "0", "0", "1", "2", "2", "1", "2", "2", "1", "1",
                "1", "1"), q01.toList().subList(22, header.size()));
        CSVRecord totals = rows.get(0);
        assertEquals(List.of("5", "62.5", "3.80", "60.0"), totals.toList().subList(22, 26));

        List<CSVRecord> dailyRows = new ArrayList<>();
        List<String> dailyHeader = csv(get(REPORTS + "/daily?date=2025-03-03&format=csv"), dailyRows);
        assertEquals(ReportCsv.HEADER, dailyHeader);
        CSVRecord q02 = dailyRows.stream()
                .filter(r -> r.get("Phạm vi").equals("Quầy") && r.get("Mã").equals("Q02")).findFirst().orElseThrow();
        assertEquals(List.of("0", "", "", ""), q02.toList().subList(21, 25),
                "nothing served, nothing rated: no share, no mean");
    }

    @Test
    @Order(2)
    void ninetyOneDaysLaterTheDayIsReadFromItsSummaryWithTheSameFigures() {
        clock.set(at(MONDAY.plusDays(91), "02:30"));
        Map<String, String> before = reports();
        PurgeReport purge = GatewayHarness.await(gateway.gateway().retention().runOnce());
        assertEquals(1, purge.summarised(), purge.toString());
        assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE type IN ('ServiceRated', 'TicketParked',"
                + " 'TicketRequeued')"), "the day's events are gone, ratings and parks with them");
        Map<String, String> after = reports();
        before.forEach((path, body) -> assertEquals(body, after.get(path), path + " reads the same after the purge"));
        assertTrue(before.get(REPORTS + DAY + "&by=officer").contains("\"satisfiedPercent\" : 100.0"),
                "the figures compared are issue 14's");
    }

    // --- what the other parts of issue 14 store, written into the events table ---

    private void patch(String type, String number, String json) {
        long updated = GatewayHarness.await(gateway.gateway().query("UPDATE events"
                + " SET payload = payload || $4::text::jsonb WHERE centre_id = $1 AND type = $2 AND ticket_id = $3",
                CENTRE, type, ticket(number), json)).rowCount();
        assertEquals(1, updated, type + " of " + number);
    }

    private long version(String type, String number) {
        return gateway.count("SELECT max(version) FROM events WHERE centre_id = $1 AND type = $2 AND ticket_id = $3",
                CENTRE, type, ticket(number));
    }

    /** A row stored just after {@code version}: the later rows move one version on, keeping their order. */
    private void insertAfter(long version, String type, String number, String counter, String payload, Instant at) {
        query("UPDATE events SET version = -version WHERE centre_id = $1 AND version > $2", CENTRE, version);
        query("UPDATE events SET version = 1 - version WHERE centre_id = $1 AND version < 0", CENTRE);
        query("INSERT INTO events (centre_id, version, type, ticket_id, counter_id, payload, occurred_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)", CENTRE, version + 1, type,
                ticket(number), counter, new JsonObject(payload).put("at", at.toString()).encode(),
                at.atOffset(ZoneOffset.UTC));
    }

    /** A row stored after every other, at {@code time} on Monday. */
    private void append(String type, String number, String counter, String payload, String time) {
        insertAfter(gateway.count("SELECT max(version) FROM events WHERE centre_id = $1", CENTRE), type, number,
                counter, payload, at(MONDAY, time));
    }

    private void rating(String number, String counter, int score, String source, String service, String officer,
                        String time) {
        JsonObject payload = new JsonObject().put("score", score).put("reasons", List.of()).put("source", source)
                .put("service", service).put("number", number).put("device", "rating-" + counter);
        if (officer != null) {
            payload.put("officer", officer);
        }
        append("ServiceRated", number, counter, payload.encode(), time);
    }

    private String ticket(String number) {
        return GatewayHarness.await(gateway.gateway().query("SELECT ticket_id FROM tickets WHERE centre_id = $1"
                + " AND number = $2 AND service_day = $3", CENTRE, number, MONDAY)).iterator().next().getString(0);
    }

    private void query(String sql, Object... params) {
        GatewayHarness.await(gateway.gateway().query(sql, params));
    }

    // --- reading the reports ---

    private Map<String, String> reports() {
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put(REPORTS + "/daily?date=2025-03-03", null);
        reports.put(REPORTS + "/daily?date=2025-03-03&format=csv", null);
        for (String by : List.of("day", "service", "counter", "operator", "officer")) {
            reports.put(REPORTS + DAY + "&by=" + by, null);
            reports.put(REPORTS + DAY + "&by=" + by + "&format=csv", null);
        }
        reports.put("/api/v1/reports" + DAY + "&by=centre", null);
        reports.replaceAll((path, none) -> {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        });
        return reports;
    }

    private HttpResponse<String> get(String path) {
        return HttpCalls.get(gateway.httpUri(path), "Authorization", Logins.bearer(Logins.manager(gateway)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private static List<String> csv(HttpResponse<String> response, List<CSVRecord> rows) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        assertTrue(body.startsWith("\uFEFF"));
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body.substring(1)))) {
            rows.addAll(parser.getRecords());
            return parser.getHeaderNames();
        }
    }

    private static JsonNode find(JsonNode lines, String field, String value) {
        for (JsonNode l : lines) {
            if (l.path(field).asText().equals(value)) {
                return l;
            }
        }
        throw new AssertionError("no line with " + field + " " + value + " in " + lines);
    }

    private static void assertRatings(JsonNode line, int received, Double ratedPercent, Double meanScore,
                                      int satisfied, Double satisfiedPercent, List<Integer> byScore, int pad,
                                      int phone) {
        JsonNode r = line.path("ratings");
        List<Integer> scores = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            scores.add(r.path("byScore").path(String.valueOf(score)).asInt(-1));
        }
        assertEquals(List.of(received, String.valueOf(ratedPercent), String.valueOf(meanScore), satisfied,
                        String.valueOf(satisfiedPercent), byScore, pad, phone),
                List.of(r.path("received").asInt(-1), number(r.path("ratedPercent")), number(r.path("meanScore")),
                        r.path("satisfied").asInt(-1), number(r.path("satisfiedPercent")), scores,
                        r.path("bySource").path("PAD").asInt(-1), r.path("bySource").path("PHONE").asInt(-1)),
                "received, rated %, mean, satisfied, satisfied %, by score, pad, phone: " + line);
    }

    private static String number(JsonNode node) {
        assertTrue(node.isNull() || node.isNumber(), "a number or null: " + node);
        return node.isNull() ? "null" : String.valueOf(node.asDouble());
    }

    private static void assertDossiers(JsonNode line, int received, int byPost, int resultsCollected) {
        JsonNode d = line.path("dossiers");
        assertEquals(List.of(received, byPost, resultsCollected), List.of(d.path("received").asInt(-1),
                d.path("returnedByPost").asInt(-1), d.path("resultsCollected").asInt(-1)),
                "dossiers received, returned by post, results collected: " + line);
    }

    private static List<Integer> operations(JsonNode line) {
        return List.of(line.path("outOfOrderCalls").asInt(-1), line.path("parked").asInt(-1),
                line.path("requeued").asInt(-1));
    }
}
