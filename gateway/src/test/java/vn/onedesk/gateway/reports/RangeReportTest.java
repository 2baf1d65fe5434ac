package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.reports.HallScript.at;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.staff.RoleAssignment;
import vn.onedesk.gateway.staff.StaffAccount;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.protocol.ErrorCode;

/**
 * Two days at the demo centre, played through the real gateway over MQTT against a real PostgreSQL, then read
 * back through {@code GET /api/v1/centres/hcc-tinh/reports} by day, service, counter, operator and officer: the
 * figures must be what the script did, worked out by hand below.
 *
 * <pre>
 * (Asia/Ho_Chi_Minh; targets TP, GT 20 min, BHTN 15; DD's B001 of 2 March, 23:50, is outside the period)
 * Monday 2025-03-03: officer-Q01 opens Q01 with their PIN; Q12 opens with nobody bound
 *   ticket  service  issued  first call (counter, officer)   wait  then
 *   A001    TP       08:00   08:10 Q01 officer-Q01            10    START 08:12, COMPLETE 08:20 (service 8)
 *   F001    GT       08:05   08:15 Q12 nobody                 10    RECALL 08:16, COMPLETE without START 08:25 (10)
 *   A002    TP       08:06   08:31 Q01 officer-Q01            25 *  NO_SHOW 08:33
 *   08:40 Q01 closes: officer-Q01 is unbound                        (* over target)
 * Tuesday 2025-03-04: officer-Q17 (BHXH) opens Q17 with their PIN; Q01 opens with nobody bound
 *   H001    BHTN     08:00   08:03 Q17 officer-Q17             3    START 08:04, COMPLETE 08:10 (6)
 *   A001    TP       08:01   08:05 Q01 nobody                  4    START 08:06, TRANSFER to GT 08:09;
 *                                                                  Q12 (nobody) calls 08:11, COMPLETE 08:15 (4)
 *   A002    TP       08:20   -                                  -    still waiting
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeReportTest {
    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final LocalDate TUESDAY = MONDAY.plusDays(1);
    static final String REPORTS = "/api/v1/centres/" + CENTRE + "/reports";
    static final String PERIOD = "?from=2025-03-03&to=2025-03-04";

    private final TestClock clock = new TestClock(at(MONDAY.minusDays(1), "23:50"));
    private GatewayHarness gateway;
    private String manager;

    @BeforeAll
    void playTwoDays() throws Exception {
        gateway = GatewayHarness.startDemo(clock);
        try (HallScript hall = new HallScript(gateway, clock, CENTRE, "kiosk-1", "counter-")) {
            hall.on(MONDAY.minusDays(1)).issueAt("23:50", "DD", "B001");

            hall.on(MONDAY).openAt("07:55", "Q01", "officer-Q01", "1234");
            hall.commandAt("07:55", "Q12", "OPEN");
            hall.issueAt("08:00", "TP", "A001");
            hall.issueAt("08:05", "GT", "F001");
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
            hall.issueAt("08:20", "TP", "A002");
        }
        clock.set(at(TUESDAY, "08:30"));
        manager = Logins.manager(gateway);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void byDayEachDayHasTheFiguresOfTheTicketsNumberedThatDayAndTheTotalsAddThemUp() {
        JsonNode report = json(get(REPORTS + PERIOD + "&by=day"));
        assertEquals(CENTRE, report.path("centre").asText());
        assertEquals("2025-03-03", report.path("from").asText());
        assertEquals("2025-03-04", report.path("to").asText());
        assertEquals(2, report.path("days").asInt());
        assertEquals("day", report.path("by").asText());
        assertEquals("Asia/Ho_Chi_Minh", report.path("timezone").asText());
        assertFalse(report.path("periodOver").asBoolean(), "08:30 on the last day");

        //                              issued in calls recalls served noShows out unfinished waits mean p90 over service
        assertQueue(report.path("totals"), 6, 1, 6, 1, 4, 1, 1, 1, 5, 10.4, 25.0, 1, 7.0);
        assertEquals(624.0, report.path("totals").path("wait").path("meanSeconds").asDouble(), "52 min / 5");
        assertEquals(List.of("2025-03-03", "2025-03-04"), texts(report.path("lines"), "day"));
        assertEquals(List.of("Thứ Hai", "Thứ Ba"), texts(report.path("lines"), "weekday"));
        assertQueue(line(report, "day", "2025-03-03"), 3, 0, 3, 1, 2, 1, 0, 0, 3, 15.0, 25.0, 1, 9.0);
        assertQueue(line(report, "day", "2025-03-04"), 3, 1, 3, 0, 2, 0, 1, 1, 2, 3.5, 4.0, 0, 5.0);
    }

    @Test
    void overOneDayTheLineByDayIsTheDailyReportsTotals() {
        JsonNode daily = json(get(REPORTS + "/daily?date=2025-03-03"));
        JsonNode range = json(get(REPORTS + "?from=2025-03-03&to=2025-03-03&by=day"));
        ObjectNode day = range.path("lines").get(0).deepCopy();
        day.remove(List.of("day", "weekday"));
        assertEquals(daily.path("totals"), day, "the same figures, counted by the same code");
        assertEquals(daily.path("totals"), range.path("totals"));
    }

    @Test
    void byServiceEachServiceHasTheWaitsOfTheTicketsIssuedForItAndItsQueuesFlows() {
        JsonNode report = json(get(REPORTS + PERIOD + "&by=service"));
        assertEquals(10, report.path("lines").size(), "every service of the centre, busy or not");
        JsonNode tp = line(report, "service", "TP");
        assertEquals("Tư pháp – Hộ tịch", tp.path("name").asText());
        assertEquals(20.0, tp.path("targetWaitMinutes").asDouble());
        assertQueue(tp, 4, 0, 3, 0, 1, 1, 1, 1, 3, 13.0, 25.0, 1, 8.0);
        assertQueue(line(report, "service", "GT"), 1, 1, 2, 1, 2, 0, 0, 0, 1, 10.0, 10.0, 0, 7.0);
        assertQueue(line(report, "service", "BHTN"), 1, 0, 1, 0, 1, 0, 0, 0, 1, 3.0, 3.0, 0, 6.0);
        assertQueue(line(report, "service", "DD"), 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null);
    }

    @Test
    void byCounterAndByOperatorEachLineHasWhatItsCountersDid() {
        JsonNode byCounter = json(get(REPORTS + PERIOD + "&by=counter"));
        assertEquals(24, byCounter.path("lines").size(), "every counter, busy or not");
        //                                                     calls recalls served noShows out waits mean p90 over service
        assertCounterLine(line(byCounter, "counter", "Q01"), 3, 0, 1, 1, 1, 3, 13.0, 25.0, 1, 8.0);
        assertCounterLine(line(byCounter, "counter", "Q12"), 2, 1, 2, 0, 0, 1, 10.0, 10.0, 0, 7.0);
        assertCounterLine(line(byCounter, "counter", "Q17"), 1, 0, 1, 0, 0, 1, 3.0, 3.0, 0, 6.0);
        assertEquals("BHXH", line(byCounter, "counter", "Q17").path("operator").asText());
        assertEquals(17, line(byCounter, "counter", "Q17").path("number").asInt());
        assertTrue(line(byCounter, "counter", "Q17").path("issued").isMissingNode(), "a counter issues nothing");

        JsonNode byOperator = json(get(REPORTS + PERIOD + "&by=operator"));
        assertEquals(List.of("POSTAL", "BHXH", "CONG_AN"), texts(byOperator.path("lines"), "operator"));
        assertEquals(List.of("17", "4", "3"), texts(byOperator.path("lines"), "counters"));
        JsonNode postal = line(byOperator, "operator", "POSTAL");
        assertCounterLine(postal, 5, 1, 3, 1, 1, 4, 12.3, 25.0, 1, 7.3);
        assertEquals(735.0, postal.path("wait").path("meanSeconds").asDouble(), "(10 + 25 + 4 + 10) min / 4");
        assertEquals(440.0, postal.path("serviceTime").path("meanSeconds").asDouble(), "(8 + 10 + 4) min / 3");
        assertCounterLine(line(byOperator, "operator", "BHXH"), 1, 0, 1, 0, 0, 1, 3.0, 3.0, 0, 6.0);
        assertCounterLine(line(byOperator, "operator", "CONG_AN"), 0, 0, 0, 0, 0, 0, null, null, 0, null);
    }

    @Test
    void byOfficerEachOfficerHasTheWaitsOfTheTicketsTheyCalledAndTheServicesTheyCompleted() {
        JsonNode report = json(get(REPORTS + PERIOD + "&by=officer"));
        assertEquals(List.of("officer-Q01", "officer-Q17", "null"), texts(report.path("lines"), "officer"),
                "by username; what counters did with nobody bound last");
        JsonNode q01 = report.path("lines").get(0);
        assertEquals("Cán bộ quầy 1 (demo)", q01.path("name").asText(), "the name of their staff account");
        //                  calls recalls served noShows out waits mean p90 over service
        assertCounterLine(q01, 2, 0, 1, 1, 0, 2, 17.5, 25.0, 1, 8.0);
        assertEquals(1050.0, q01.path("wait").path("meanSeconds").asDouble(), "A001 and A002 of Monday: (10 + 25) / 2");
        JsonNode q17 = report.path("lines").get(1);
        assertEquals("Cán bộ quầy 17 (demo)", q17.path("name").asText());
        assertCounterLine(q17, 1, 0, 1, 0, 0, 1, 3.0, 3.0, 0, 6.0);
        JsonNode nobody = report.path("lines").get(2);
        assertTrue(nobody.path("officer").isNull(), nobody.toString());
        assertEquals("(không có cán bộ)", nobody.path("name").asText());
        assertCounterLine(nobody, 3, 1, 2, 0, 1, 2, 7.0, 10.0, 0, 7.0);
        assertEquals(420.0, nobody.path("wait").path("meanSeconds").asDouble(), "F001 10 min, Tuesday's A001 4");
    }

    @Test
    void theCsvIsOneTableWithTheTotalsFirstAndTheVietnameseTextIntact() throws Exception {
        HttpResponse<String> response = get(REPORTS + PERIOD + "&by=officer&format=csv");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/csv; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("attachment; filename=\"bao-cao_hcc-tinh_2025-03-03_2025-03-04_theo-can-bo.csv\"",
                response.headers().firstValue("content-disposition").orElseThrow());
        assertTrue(response.body().startsWith(ReportCsv.BOM), "UTF-8 byte-order mark first, for Excel");
        List<CSVRecord> rows;
        List<String> header;
        try (CSVParser parser = CSVParser.parse(new StringReader(response.body().substring(1)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertEquals(RangeCsv.HEADER, header);
        assertEquals(List.of("Từ ngày", "Đến ngày", "Trung tâm", "Phạm vi", "Mã", "Tên"), header.subList(0, 6));
        assertEquals(4, rows.size(), "the totals, then two officers and nobody");
        for (CSVRecord row : rows) {
            assertEquals(header.size(), row.size(), "every row has every column: " + row);
            assertEquals("2025-03-03", row.get("Từ ngày"));
            assertEquals("2025-03-04", row.get("Đến ngày"));
            assertEquals(CENTRE, row.get("Trung tâm"));
        }
        assertEquals(List.of("Toàn trung tâm", "Cán bộ", "Cán bộ", "Cán bộ"), rows.stream().map(r -> r.get("Phạm vi"))
                .toList());
        CSVRecord totals = rows.get(0);
        assertEquals("6", totals.get("Số thứ tự đã cấp"));
        assertEquals("10.4", totals.get("Thời gian chờ trung bình (phút)"));
        CSVRecord q01 = rows.get(1);
        assertEquals(List.of("officer-Q01", "Cán bộ quầy 1 (demo)", "1", "17.5", "25.0", "8.0", ""),
                List.of(q01.get("Mã"), q01.get("Tên"), q01.get("Đã phục vụ"), q01.get("Thời gian chờ trung bình (phút)"),
                        q01.get("Thời gian chờ P90 (phút)"), q01.get("Thời gian phục vụ trung bình (phút)"),
                        q01.get("Số thứ tự đã cấp")));
        CSVRecord nobody = rows.get(3);
        assertEquals(List.of("", "(không có cán bộ)", "2"), List.of(nobody.get("Mã"), nobody.get("Tên"),
                nobody.get("Đã phục vụ")));

        HttpResponse<String> byAccept = get(REPORTS + PERIOD + "&by=service", "Accept", "text/csv");
        assertTrue(byAccept.headers().firstValue("content-type").orElse("").startsWith("text/csv"),
                "Accept: text/csv chooses CSV, as for the daily report");
        assertTrue(byAccept.body().contains("\r\n") && byAccept.body().contains(",Lĩnh vực,TP,Tư pháp – Hộ tịch,"),
                byAccept.body());
    }

    @Test
    void aPeriodOfNinetyTwoDaysIsAnsweredAndOneOfNinetyThreeIsRangeTooLong() {
        JsonNode quarter = json(get(REPORTS + "?from=2025-01-01&to=2025-04-02&by=day"));
        assertEquals(92, quarter.path("days").asInt());
        assertEquals(92, quarter.path("lines").size());
        assertEquals(7, quarter.path("totals").path("issued").asInt(),
                "B001 of 2 March, and Monday's and Tuesday's six");

        HttpResponse<String> tooLong = get(REPORTS + "?from=2025-01-01&to=2025-04-03&by=day");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        JsonNode error = HttpCalls.json(tooLong).path("error");
        assertEquals(ErrorCode.RANGE_TOO_LONG.name(), error.path("code").asText());
        assertEquals(ErrorCode.RANGE_TOO_LONG.vietnameseMessage(), error.path("message").asText());
        assertTrue(error.path("detail").asText().contains("93 days"), error.toString());
    }

    @Test
    void aMissingOrBadDateAFromAfterTheToOrABadByOrFormatIsRefusedWith400InvalidRequest() {
        for (String query : List.of("to=2025-03-04&by=day", "from=2025-03-03&by=day", "from=&to=2025-03-04&by=day",
                "from=2025-02-30&to=2025-03-04&by=day", "from=03%2F03%2F2025&to=2025-03-04&by=day",
                "from=2025-03-03&to=2025-3-4&by=day", "from=2025-03-05&to=2025-03-04&by=day",
                "from=2025-03-03&to=2025-03-04", "from=2025-03-03&to=2025-03-04&by=week",
                "from=2025-03-03&to=2025-03-04&by=centre", "from=2025-03-03&to=2025-03-04&by=day&format=xml",
                "from=2025-03-03&from=2025-03-02&to=2025-03-04&by=day")) {
            HttpResponse<String> response = get(REPORTS + "?" + query);
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            JsonNode error = HttpCalls.json(response).path("error");
            assertEquals(ErrorCode.INVALID_REQUEST.name(), error.path("code").asText(), query + ": " + error);
            assertEquals(ErrorCode.INVALID_REQUEST.vietnameseMessage(), error.path("message").asText(), query);
            assertFalse(error.path("detail").asText().isBlank(), query);
        }
        assertTrue(HttpCalls.json(get(REPORTS + "?from=2025-03-05&to=2025-03-04&by=day")).path("error")
                .path("detail").asText().contains("'from' (2025-03-05) is after 'to' (2025-03-04)"));
    }

    @Test
    void aRefusalNamesTheParameterAtFaultInFieldTheEndDateWhenTheEndComesBeforeTheStartOrTooLongAfterIt() {
        Map<String, String> fieldOf = new LinkedHashMap<>();
        fieldOf.put("to=2025-03-04&by=day", "from");
        fieldOf.put("from=2025-03-03&by=day", "to");
        fieldOf.put("from=&to=2025-03-04&by=day", "from");
        fieldOf.put("from=2025-02-30&to=2025-03-04&by=day", "from");
        fieldOf.put("from=2025-03-03&to=2025-3-4&by=day", "to");
        fieldOf.put("from=2025-03-05&to=2025-03-04&by=day", "to");
        fieldOf.put("from=2025-01-01&to=2025-04-03&by=day", "to");
        fieldOf.put("from=2025-03-03&to=2025-03-04", "by");
        fieldOf.put("from=2025-03-03&to=2025-03-04&by=week", "by");
        fieldOf.put("from=2025-03-03&to=2025-03-04&by=day&format=xml", "format");
        fieldOf.put("from=2025-03-03&from=2025-03-02&to=2025-03-04&by=day", "from");
        fieldOf.forEach((query, field) -> {
            HttpResponse<String> response = get(REPORTS + "?" + query);
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            assertEquals(field, HttpCalls.json(response).path("error").path("field").asText(), query + ": "
                    + response.body());
        });
        HttpResponse<String> province = get("/api/v1/reports?from=2025-03-05&to=2025-03-04&by=centre");
        assertEquals("to", HttpCalls.json(province).path("error").path("field").asText(), province.body());
    }

    @Test
    void anonymousIs401AnOfficerAndAnotherCentresManagerAre403AndAnUnknownCentreIs404() {
        String query = REPORTS + PERIOD + "&by=day";
        HttpResponse<String> anonymous = HttpCalls.get(gateway.httpUri(query));
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(anonymous));

        HttpResponse<String> officer = HttpCalls.get(gateway.httpUri(query), "Authorization",
                Logins.bearer(Logins.token(gateway, "officer-Q01", Logins.DEMO_PASSWORD)));
        assertEquals(403, officer.statusCode(), officer.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(officer));

        StaffAccount other = new StaffAccount("manager-khac", "Lãnh đạo trung tâm khác", Optional.empty(),
                PasswordHash.create("mat-khau-khac".toCharArray()), Optional.empty(), true,
                List.of(RoleAssignment.managerOf("hcc-khac")));
        assertTrue(GatewayHarness.await(gateway.gateway().staff().store().create(other, Clock.systemUTC().instant())));
        String otherToken = Logins.token(gateway, "manager-khac", "mat-khau-khac");
        HttpResponse<String> otherManager = HttpCalls.get(gateway.httpUri(query), "Authorization",
                Logins.bearer(otherToken));
        assertEquals(403, otherManager.statusCode(), otherManager.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(otherManager));

        HttpResponse<String> admin = HttpCalls.get(gateway.httpUri(query), "Authorization",
                Logins.bearer(Logins.admin(gateway)));
        assertEquals(200, admin.statusCode(), admin.body());
        HttpResponse<String> unknown = HttpCalls.get(gateway.httpUri("/api/v1/centres/hcc-khac/reports" + PERIOD
                + "&by=day"), "Authorization", Logins.bearer(Logins.admin(gateway)));
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("UNKNOWN_CENTRE", HttpCalls.errorCode(unknown));
    }

    // --- reading the report ---

    private HttpResponse<String> get(String path, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", Logins.bearer(manager)));
        all.addAll(List.of(headers));
        return HttpCalls.get(gateway.httpUri(path), all.toArray(String[]::new));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return HttpCalls.json(response);
    }

    static JsonNode line(JsonNode report, String field, String value) {
        for (JsonNode l : report.path("lines")) {
            if (l.path(field).asText().equals(value)) {
                return l;
            }
        }
        throw new AssertionError("no line with " + field + " " + value + " in " + report);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** A queue's line (a day, a service, the totals): its flows, then what its counters did. */
    static void assertQueue(JsonNode line, int issued, int transferredIn, int calls, int recalls, int served,
                            int noShows, int transferredOut, int unfinished, int waits, Double meanWait,
                            Double p90Wait, int overTarget, Double meanService) {
        assertEquals(List.of(issued, transferredIn, unfinished), List.of(line.path("issued").asInt(-1),
                line.path("transferredIn").asInt(-1), line.path("unfinished").asInt(-1)),
                line + ": issued, transferred in, unfinished");
        assertCounterLine(line, calls, recalls, served, noShows, transferredOut, waits, meanWait, p90Wait, overTarget,
                meanService);
    }

    /** What counters did: the whole of a counter's, an operator's or an officer's line. */
    static void assertCounterLine(JsonNode line, int calls, int recalls, int served, int noShows, int transferredOut,
                                  int waits, Double meanWait, Double p90Wait, int overTarget, Double meanService) {
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
        assertEquals(expected, actual, line.toString());
    }

    private static Double number(JsonNode node) {
        assertTrue(node.isNull() || node.isNumber(), "a number or null: " + node);
        return node.isNull() ? null : node.asDouble();
    }
}
