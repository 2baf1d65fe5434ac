package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;

/**
 * A morning at the demo centre, played through the real gateway over MQTT (Paho) against a real
 * PostgreSQL with a clock the script sets, then read back through the report endpoint: the figures
 * must be what the script did (worked out by hand below) and what the events table says (asked with
 * SQL), before and after restarts.
 *
 * <pre>
 * local 2025-03-03  (Asia/Ho_Chi_Minh; targets TP 20, GT 20, BHTN 15, CA 25 min)
 *   ticket  service  issued  first call (counter)  wait  then
 *   A001    TP       08:00   08:10 Q01             10    START 08:11, COMPLETE 08:19 (service 8)
 *   A002    TP       08:02   08:21 Q01             19    START 08:22, TRANSFER to GT 08:25; Q12 calls 08:28, COMPLETE 08:33 (5)
 *   F001    GT       08:04   08:14 Q12             10    RECALL 08:15, NO_SHOW 08:17
 *   H001    BHTN     08:05   08:20 Q16 (POSTAL)    15    COMPLETE without START 08:26 (6): exactly the target, not over
 *   K001    CA       08:06   08:50 Q21 (CONG_AN)   44 *  START 08:52, COMPLETE 09:02 (10)
 *   A003    TP       08:10   08:45 Q01             35 *  START 08:46, COMPLETE 08:58 (12)
 *   H002    BHTN     08:12   08:30 Q17 (BHXH)      18 *  START 08:31, COMPLETE 08:40 (9)
 *   F002    GT       08:15   09:05 Q12             50 *  still at Q12
 *   B001    DD       00:05   -                      -    still waiting (17:05 UTC on the 2nd: the local day counts)
 *   -- gateway restarted at 08:35 --                     (* over target)
 * local 2025-03-02: B001 (DD) issued 23:50, still waiting.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyReportTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    static final String KIOSK_REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    static final String KIOSK_RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    static final Map<String, Integer> TARGET_MINUTES = Map.of("TP", 20, "GT", 20, "BHTN", 15, "CA", 25, "DD", 25);

    private final TestClock clock = new TestClock(at(DAY.minusDays(1), "23:50"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, TestDevice> devices = new HashMap<>();
    private GatewayHarness gateway;
    private int requests;
    /** The demo centre's manager's session, opened at the first read: reports need a manager's login. */
    private String manager;
    private JsonNode beforeRestart;
    private JsonNode afterRestart;

    @BeforeAll
    void playTheMorning() throws Exception {
        gateway = GatewayHarness.startDemo(clock);
        assertEquals("B001", issue("DD"), "2 March, 23:50 local");
        clock.set(at(DAY, "00:05"));
        assertEquals("B001", issue("DD"), "3 March, 00:05 local: a new day's numbering");

        clock.set(at(DAY, "07:55"));
        for (String counter : List.of("Q01", "Q12", "Q16", "Q17", "Q21")) {
            command(counter, "OPEN");
        }
        issueAt("08:00", "TP", "A001");
        issueAt("08:02", "TP", "A002");
        issueAt("08:04", "GT", "F001");
        issueAt("08:05", "BHTN", "H001");
        issueAt("08:06", "CA", "K001");
        issueAt("08:10", "TP", "A003");
        callAt("08:10", "Q01", "A001");
        commandAt("08:11", "Q01", "START");
        issueAt("08:12", "BHTN", "H002");
        callAt("08:14", "Q12", "F001");
        issueAt("08:15", "GT", "F002");
        commandAt("08:15", "Q12", "RECALL");
        commandAt("08:17", "Q12", "NO_SHOW");
        commandAt("08:19", "Q01", "COMPLETE");
        callAt("08:20", "Q16", "H001");
        callAt("08:21", "Q01", "A002");
        commandAt("08:22", "Q01", "START");
        clock.set(at(DAY, "08:25"));
        assertFalse(command("Q01", "TRANSFER\",\"service\":\"GT").has("error"));
        commandAt("08:26", "Q16", "COMPLETE");
        callAt("08:28", "Q12", "A002");
        callAt("08:30", "Q17", "H002");
        commandAt("08:31", "Q17", "START");
        commandAt("08:33", "Q12", "COMPLETE");

        clock.set(at(DAY, "08:35"));
        beforeRestart = json(get("/reports/daily?date=2025-03-03"));
        disconnectDevices();
        gateway.restart();
        afterRestart = json(get("/reports/daily?date=2025-03-03"));

        commandAt("08:40", "Q17", "COMPLETE");
        callAt("08:45", "Q01", "A003");
        commandAt("08:46", "Q01", "START");
        callAt("08:50", "Q21", "K001");
        commandAt("08:52", "Q21", "START");
        commandAt("08:58", "Q01", "COMPLETE");
        commandAt("09:02", "Q21", "COMPLETE");
        callAt("09:05", "Q12", "F002");
        clock.set(at(DAY, "09:10"));
        disconnectDevices();
    }

    @AfterAll
    void stop() {
        disconnectDevices();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyServiceCounterAndOperatorFigureIsWhatTheScriptDid() throws Exception {
        JsonNode report = json(get("/reports/daily?date=2025-03-03"));
        assertEquals(CENTRE, report.path("centre").asText());
        assertEquals("2025-03-03", report.path("date").asText());
        assertEquals("Asia/Ho_Chi_Minh", report.path("timezone").asText());
        assertFalse(report.path("dayOver").asBoolean(), "09:10 on the day");

        //                         issued in calls recalls served noShows out unfinished waits mean   p90  over serviceMean
        assertLine(report.path("totals"), 9, 1, 9, 1, 6, 1, 1, 2, 8, 25.1, 50.0, 4, 8.3);
        assertEquals(1507.5, report.path("totals").path("wait").path("meanSeconds").asDouble(), "201 min / 8");
        assertEquals(50.0, report.path("totals").path("wait").path("overTargetPercent").asDouble());
        assertEquals(500.0, report.path("totals").path("serviceTime").path("meanSeconds").asDouble(), "50 min / 6");

        JsonNode tp = service(report, "TP");
        assertEquals("Tư pháp – Hộ tịch", tp.path("name").asText());
        assertEquals(20.0, tp.path("targetWaitMinutes").asDouble());
        assertLine(tp, 3, 0, 3, 0, 2, 0, 1, 0, 3, 21.3, 35.0, 1, 10.0);
        assertEquals(1280.0, tp.path("wait").path("meanSeconds").asDouble(), "(10 + 19 + 35) min / 3");
        assertEquals(2100.0, tp.path("wait").path("p90Seconds").asDouble());
        assertEquals(33.3, tp.path("wait").path("overTargetPercent").asDouble());
        assertLine(service(report, "GT"), 2, 1, 3, 1, 1, 1, 0, 1, 2, 30.0, 50.0, 1, 5.0);
        JsonNode bhtn = service(report, "BHTN");
        assertLine(bhtn, 2, 0, 2, 0, 2, 0, 0, 0, 2, 16.5, 18.0, 1, 7.5);
        assertEquals(List.of("POSTAL", "BHXH"), texts(bhtn.path("byOperator"), "operator"));
        assertEquals(List.of("4", "4"), texts(bhtn.path("byOperator"), "counters"), "Q14-16 and Q24; Q17-20");
        assertCounterLine(bhtn.path("byOperator").get(0), 1, 0, 1, 0, 0, 1, 15.0, 15.0, 0, 6.0);
        assertCounterLine(bhtn.path("byOperator").get(1), 1, 0, 1, 0, 0, 1, 18.0, 18.0, 1, 9.0);
        assertLine(service(report, "CA"), 1, 0, 1, 0, 1, 0, 0, 0, 1, 44.0, 44.0, 1, 10.0);
        assertLine(service(report, "DD"), 1, 0, 0, 0, 0, 0, 0, 1, 0, null, null, 0, null);
        assertLine(service(report, "KQ"), 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null);
        assertTrue(service(report, "DD").path("wait").path("overTargetPercent").isNull(), "no wait, no share");

        assertCounterLine(counter(report, "Q01"), 3, 0, 2, 0, 1, 3, 21.3, 35.0, 1, 10.0);
        assertCounterLine(counter(report, "Q12"), 3, 1, 1, 1, 0, 2, 30.0, 50.0, 1, 5.0);
        assertCounterLine(counter(report, "Q16"), 1, 0, 1, 0, 0, 1, 15.0, 15.0, 0, 6.0);
        assertCounterLine(counter(report, "Q17"), 1, 0, 1, 0, 0, 1, 18.0, 18.0, 1, 9.0);
        assertCounterLine(counter(report, "Q21"), 1, 0, 1, 0, 0, 1, 44.0, 44.0, 1, 10.0);
        assertCounterLine(counter(report, "Q02"), 0, 0, 0, 0, 0, 0, null, null, 0, null);
        assertEquals("BHXH", counter(report, "Q17").path("operator").asText());
        assertEquals(24, report.path("counters").size(), "every counter, busy or not");

        assertEquals(List.of("POSTAL", "BHXH", "CONG_AN"), texts(report.path("operators"), "operator"));
        JsonNode postal = report.path("operators").get(0);
        assertEquals(17, postal.path("counters").asInt());
        assertCounterLine(postal, 7, 1, 4, 1, 1, 6, 23.2, 50.0, 2, 7.8);
        assertEquals(465.0, postal.path("serviceTime").path("meanSeconds").asDouble(), "(8 + 12 + 5 + 6) min / 4");
        assertCounterLine(report.path("operators").get(1), 1, 0, 1, 0, 0, 1, 18.0, 18.0, 1, 9.0);
        assertCounterLine(report.path("operators").get(2), 1, 0, 1, 0, 0, 1, 44.0, 44.0, 1, 10.0);
    }

    @Test
    void theFiguresAgreeWithWhatTheEventsTableSaysWhenAskedWithSql() throws Exception {
        JsonNode report = json(get("/reports/daily?date=2025-03-03"));
        String dayTickets = "SELECT ticket_id FROM events WHERE centre_id = 'hcc-tinh' AND type = 'TicketIssued'"
                + " AND (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = DATE '2025-03-03'";
        for (JsonNode c : report.path("counters")) {
            String id = c.path("counter").asText();
            String byCounter = "SELECT count(*) FROM events WHERE counter_id = $1 AND ticket_id IN (" + dayTickets + ")";
            assertEquals(gateway.count(byCounter + " AND type = 'TicketCalled' AND payload->>'recall' = 'false'", id),
                    c.path("calls").asLong(), id + " calls");
            assertEquals(gateway.count(byCounter + " AND type = 'TicketCalled' AND payload->>'recall' = 'true'", id),
                    c.path("recalls").asLong(), id + " recalls");
            assertEquals(gateway.count(byCounter + " AND type = 'ServiceCompleted'", id), c.path("served").asLong(),
                    id + " served");
            assertEquals(gateway.count(byCounter + " AND type = 'TicketNoShow'", id), c.path("noShows").asLong(),
                    id + " no-shows");
            assertEquals(gateway.count(byCounter + " AND type = 'TicketTransferred'", id),
                    c.path("transferredOut").asLong(), id + " transferred out");
        }
        String waits = "SELECT i.payload->>'service' AS service,"
                + " extract(epoch FROM min(c.occurred_at) - i.occurred_at) AS seconds"
                + " FROM events i JOIN events c ON c.ticket_id = i.ticket_id AND c.type = 'TicketCalled'"
                + " AND c.payload->>'recall' = 'false'"
                + " WHERE i.type = 'TicketIssued' AND i.ticket_id IN (" + dayTickets + ")"
                + " GROUP BY i.ticket_id, i.payload->>'service', i.occurred_at";
        for (JsonNode s : report.path("services")) {
            String code = s.path("service").asText();
            assertEquals(gateway.count("SELECT count(*) FROM events WHERE type = 'TicketIssued'"
                    + " AND payload->>'service' = $1 AND ticket_id IN (" + dayTickets + ")", code),
                    s.path("issued").asLong(), code + " issued");
            assertEquals(gateway.count("SELECT count(*) FROM (" + waits + ") w WHERE service = $1", code),
                    s.path("wait").path("tickets").asLong(), code + " waits");
            if (s.path("wait").path("tickets").asLong() > 0) {
                assertEquals(gateway.count("SELECT round(avg(seconds) * 1000) FROM (" + waits + ") w WHERE service = $1",
                        code), Math.round(s.path("wait").path("meanSeconds").asDouble() * 1000), code + " mean wait");
                assertEquals(gateway.count("SELECT round(percentile_disc(0.9) WITHIN GROUP (ORDER BY seconds))"
                        + " FROM (" + waits + ") w WHERE service = $1", code),
                        Math.round(s.path("wait").path("p90Seconds").asDouble()), code + " p90 wait (nearest rank)");
                assertEquals(gateway.count("SELECT count(*) FROM (" + waits + ") w WHERE service = $1 AND seconds > $2",
                        code, TARGET_MINUTES.get(code) * 60), s.path("wait").path("overTarget").asLong(),
                        code + " over target");
            }
        }
        assertEquals(gateway.count("SELECT count(*) FROM tickets WHERE service_day = DATE '2025-03-03'"
                        + " AND state IN ('WAITING', 'CALLED', 'SERVING')"),
                report.path("totals").path("unfinished").asLong(), "unfinished = the day's tickets still open");
    }

    @Test
    void aRestartChangesNothingInTheReport() throws Exception {
        assertEquals(withoutGeneratedAt(beforeRestart), withoutGeneratedAt(afterRestart),
                "the same report before and after the restart at 08:35");
        //                                   issued in calls recalls served noShows out unfinished waits mean p90 over service
        assertLine(afterRestart.path("totals"), 9, 1, 6, 1, 3, 1, 1, 5, 5, 14.4, 19.0, 1, 6.3);

        JsonNode now = json(get("/reports/daily?date=2025-03-03"));
        disconnectDevices();
        gateway.restart();
        assertEquals(withoutGeneratedAt(now), withoutGeneratedAt(json(get("/reports/daily?date=2025-03-03"))),
                "the same report before and after a restart at the end of the morning");
    }

    @Test
    void theCsvStartsWithAByteOrderMarkParsesAsOneTableAndKeepsTheVietnameseText() throws Exception {
        HttpResponse<byte[]> response = get("/reports/daily?date=2025-03-03&format=csv", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals("text/csv; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("attachment; filename=\"bao-cao-ngay_hcc-tinh_2025-03-03.csv\"",
                response.headers().firstValue("content-disposition").orElseThrow());
        byte[] body = response.body();
        assertEquals(List.of(0xEF, 0xBB, 0xBF), List.of(body[0] & 0xFF, body[1] & 0xFF, body[2] & 0xFF),
                "UTF-8 byte-order mark first, for Excel");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> rows;
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(text),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertEquals(ReportCsv.HEADER, header);
        assertEquals("Ngày", header.get(0));
        assertTrue(header.contains("Thời gian chờ trung bình (phút)"), header.toString());
        assertEquals(1 + 10 + 11 + 3 + 24, rows.size(), "centre, services, services by operator, operators, counters");
        for (CSVRecord row : rows) {
            assertEquals(header.size(), row.size(), "every row has every column: " + row);
            assertEquals("2025-03-03", row.get("Ngày"));
            assertEquals(CENTRE, row.get("Trung tâm"));
        }
        CSVRecord ld = row(rows, "Lĩnh vực", "LD");
        assertEquals("Lao động – Thương binh và Xã hội, Y tế, Giáo dục", ld.get("Tên"), "commas and diacritics intact");
        CSVRecord tp = row(rows, "Lĩnh vực", "TP");
        assertEquals("Tư pháp – Hộ tịch", tp.get("Tên"));
        assertEquals("20.0", tp.get("Thời gian chờ mục tiêu (phút)"));
        assertEquals("3", tp.get("Số thứ tự đã cấp"));
        assertEquals("2", tp.get("Đã phục vụ"));
        assertEquals("1", tp.get("Chuyển đi"));
        assertEquals("21.3", tp.get("Thời gian chờ trung bình (phút)"));
        assertEquals("35.0", tp.get("Thời gian chờ P90 (phút)"));
        assertEquals("33.3", tp.get("Tỷ lệ chờ quá mục tiêu (%)"));
        assertEquals("10.0", tp.get("Thời gian phục vụ trung bình (phút)"));
        CSVRecord total = row(rows, "Toàn trung tâm", CENTRE);
        assertEquals("Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)", total.get("Tên"));
        assertEquals("9", total.get("Số thứ tự đã cấp"));
        assertEquals("25.1", total.get("Thời gian chờ trung bình (phút)"));
        CSVRecord bhtnByBhxh = rows.stream().filter(r -> r.get("Phạm vi").equals("Lĩnh vực theo đơn vị")
                && r.get("Mã").equals("BHTN") && r.get("Đơn vị").equals("BHXH")).findFirst().orElseThrow();
        assertEquals("18.0", bhtnByBhxh.get("Thời gian chờ trung bình (phút)"));
        assertEquals("", bhtnByBhxh.get("Số thứ tự đã cấp"), "issuing is a service's, not an operator's");
        CSVRecord q17 = row(rows, "Quầy", "Q17");
        assertEquals("Quầy số 17", q17.get("Tên"));
        assertEquals("BHXH", q17.get("Đơn vị"));
        assertEquals("1", q17.get("Đã phục vụ"));
        assertEquals("9.0", q17.get("Thời gian phục vụ trung bình (phút)"));
        CSVRecord dd = row(rows, "Lĩnh vực", "DD");
        assertEquals("", dd.get("Thời gian chờ trung bình (phút)"), "no wait: an empty cell, not 0");
        assertEquals("1", dd.get("Chưa xử lý xong"));
    }

    @Test
    void csvIsChosenByTheAcceptHeaderUnlessTheFormatParameterSaysOtherwise() throws Exception {
        assertTrue(isCsv(get("/reports/daily?date=2025-03-03", "text/csv")));
        assertTrue(isCsv(get("/reports/daily?date=2025-03-03", "application/json;q=0.5, text/csv")));
        assertFalse(isCsv(get("/reports/daily?date=2025-03-03", "text/csv;q=0.4, application/json")));
        assertFalse(isCsv(get("/reports/daily?date=2025-03-03", "*/*")));
        assertFalse(isCsv(get("/reports/daily?date=2025-03-03&format=json", "text/csv")));
        assertTrue(isCsv(get("/reports/daily?date=2025-03-03&format=CSV", "application/json")));
    }

    @Test
    void withoutADateTheReportIsOfTodayInTheCentresTimeZone() throws Exception {
        JsonNode report = json(get("/reports/daily"));
        assertEquals("2025-03-03", report.path("date").asText());
        assertEquals(9, report.path("totals").path("issued").asInt());
    }

    @Test
    void theDayBeforeHasOnlyItsOwnTicketAndIsOver() throws Exception {
        JsonNode report = json(get("/reports/daily?date=2025-03-02"));
        assertTrue(report.path("dayOver").asBoolean());
        assertLine(report.path("totals"), 1, 0, 0, 0, 0, 0, 0, 1, 0, null, null, 0, null);
        assertEquals(1, service(report, "DD").path("issued").asInt());
        JsonNode empty = json(get("/reports/daily?date=2025-03-04"));
        assertLine(empty.path("totals"), 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null);
        assertFalse(empty.path("dayOver").asBoolean());
    }

    @Test
    void aBadDateOrFormatIsRefusedWith400AndAStableCode() throws Exception {
        for (String query : List.of("date=2025-13-01", "date=2025-02-30", "date=03%2F03%2F2025", "date=2025-3-3",
                "date=", "date=2025-03-03T08:00", "date=2025-03-03&date=2025-03-04", "date=2025-03-03&format=xml")) {
            HttpResponse<byte[]> response = get("/reports/daily?" + query);
            assertEquals(400, response.statusCode(), query);
            JsonNode error = JsonCodec.tree(response.body()).path("error");
            assertEquals(ErrorCode.INVALID_REQUEST.name(), error.path("code").asText(), query + ": " + error);
            assertEquals(ErrorCode.INVALID_REQUEST.vietnameseMessage(), error.path("message").asText(), query);
            assertFalse(error.path("detail").asText().isBlank(), query);
            assertEquals(query.endsWith("format=xml") ? "format" : "date", error.path("field").asText(), query);
        }
    }

    @Test
    void anUnknownCentreIs404UnknownCentre() throws Exception {
        // An administrator may read every centre's report, so for them an unknown centre is just unknown.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                + "/api/v1/centres/hcc-khac/reports/daily?date=2025-03-03"))
                .header("Authorization", Logins.bearer(Logins.admin(gateway))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, response.statusCode());
        JsonNode error = JsonCodec.tree(response.body()).path("error");
        assertEquals(ErrorCode.UNKNOWN_CENTRE.name(), error.path("code").asText());
        assertEquals("Không có trung tâm này.", error.path("message").asText());
    }

    private static boolean isCsv(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode());
        boolean csv = response.headers().firstValue("content-type").orElse("").startsWith("text/csv");
        assertEquals(csv, (response.body()[0] & 0xFF) == 0xEF, "a CSV body, and only a CSV body, starts with the BOM");
        return csv;
    }

    private static CSVRecord row(List<CSVRecord> rows, String scope, String code) {
        return rows.stream().filter(r -> r.get("Phạm vi").equals(scope) && r.get("Mã").equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + scope + " " + code));
    }

    private static JsonNode withoutGeneratedAt(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("generatedAt");
        return copy;
    }

    // --- the script's vocabulary ---

    private static Instant at(LocalDate day, String localTime) {
        return LocalDateTime.of(day, java.time.LocalTime.parse(localTime)).atZone(ZONE).toInstant();
    }

    private void issueAt(String time, String service, String expectedNumber) throws Exception {
        clock.set(at(DAY, time));
        assertEquals(expectedNumber, issue(service), service + " at " + time);
    }

    private String issue(String service) throws Exception {
        String id = "r" + (++requests);
        JsonNode reply = device("kiosk-1", KIOSK_RESPONSE).request(KIOSK_REQUEST, KIOSK_RESPONSE, id,
                "{\"requestId\":\"" + id + "\",\"service\":\"" + service + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply.path("ticket").path("number").asText();
    }

    private void callAt(String time, String counter, String expectedNumber) throws Exception {
        clock.set(at(DAY, time));
        JsonNode reply = command(counter, "CALL_NEXT");
        assertEquals(expectedNumber, reply.path("ticket").path("number").asText(), counter + " at " + time + ": " + reply);
    }

    private void commandAt(String time, String counter, String command) throws Exception {
        clock.set(at(DAY, time));
        JsonNode reply = command(counter, command);
        assertFalse(reply.has("error"), counter + " " + command + " at " + time + ": " + reply);
    }

    /** Sends a command; {@code command} may carry more fields after a closing quote, as TRANSFER does. */
    private JsonNode command(String counter, String command) throws Exception {
        String id = "c" + (++requests);
        String replies = PREFIX + "counters/" + counter + "/replies";
        return device("counter-" + counter, replies).request(PREFIX + "counters/" + counter + "/commands", replies, id,
                "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
    }

    private TestDevice device(String id, String replies) throws Exception {
        TestDevice device = devices.get(id);
        if (device == null) {
            device = gateway.device(id);
            device.subscribe(replies);
            devices.put(id, device);
        }
        return device;
    }

    private void disconnectDevices() {
        devices.values().forEach(TestDevice::close);
        devices.clear();
    }

    // --- reading the report ---

    private HttpResponse<byte[]> get(String path) throws Exception {
        return get(path, "application/json");
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        if (manager == null) {
            manager = Logins.manager(gateway);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                + "/api/v1/centres/" + CENTRE + path)).header("Accept", accept)
                .header("Authorization", Logins.bearer(manager)).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JsonCodec.tree(response.body());
    }

    private static JsonNode service(JsonNode report, String code) {
        for (JsonNode s : report.path("services")) {
            if (s.path("service").asText().equals(code)) {
                return s;
            }
        }
        throw new AssertionError("no service " + code + " in " + report);
    }

    private static JsonNode counter(JsonNode report, String id) {
        for (JsonNode c : report.path("counters")) {
            if (c.path("counter").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no counter " + id + " in " + report);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** A service's or the centre's line: queue flows, then what its counters did. */
    private static void assertLine(JsonNode line, int issued, int transferredIn, int calls, int recalls, int served,
                                   int noShows, int transferredOut, int unfinished, int waits, Double meanWait,
                                   Double p90Wait, int overTarget, Double meanService) {
        String what = line.path("service").asText("totals");
        assertEquals(issued, line.path("issued").asInt(-1), what + " issued");
        assertEquals(transferredIn, line.path("transferredIn").asInt(-1), what + " transferred in");
        assertEquals(unfinished, line.path("unfinished").asInt(-1), what + " unfinished");
        assertCounterLine(line, calls, recalls, served, noShows, transferredOut, waits, meanWait, p90Wait, overTarget,
                meanService);
    }

    /** What counters did: the whole of a counter's or an operator's line. */
    private static void assertCounterLine(JsonNode line, int calls, int recalls, int served, int noShows,
                                          int transferredOut, int waits, Double meanWait, Double p90Wait,
                                          int overTarget, Double meanService) {
        String what = line.path("service").asText(line.path("counter").asText(line.path("operator").asText("totals")));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("calls", calls);
        expected.put("recalls", recalls);
        expected.put("served", served);
        expected.put("noShows", noShows);
        expected.put("transferredOut", transferredOut);
        expected.put("waits", waits);
        expected.put("meanWaitMinutes", meanWait);
        expected.put("p90WaitMinutes", p90Wait);
        expected.put("overTarget", overTarget);
        expected.put("meanServiceMinutes", meanService);
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("calls", line.path("calls").asInt(-1));
        actual.put("recalls", line.path("recalls").asInt(-1));
        actual.put("served", line.path("served").asInt(-1));
        actual.put("noShows", line.path("noShows").asInt(-1));
        actual.put("transferredOut", line.path("transferredOut").asInt(-1));
        actual.put("waits", line.path("wait").path("tickets").asInt(-1));
        actual.put("meanWaitMinutes", number(line.path("wait").path("meanMinutes")));
        actual.put("p90WaitMinutes", number(line.path("wait").path("p90Minutes")));
        actual.put("overTarget", line.path("wait").path("overTarget").asInt(-1));
        actual.put("meanServiceMinutes", number(line.path("serviceTime").path("meanMinutes")));
        assertEquals(expected, actual, what);
    }

    private static Double number(JsonNode node) {
        assertTrue(node.isNull() || node.isNumber(), "a number or null: " + node);
        return node.isNull() ? null : node.asDouble();
    }
}
