package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The reports on {@code /admin} (Báo cáo), as a centre's manager reads them, against the real gateway and its report
 * endpoints: what an officer did at their counter, played over MQTT by Paho on the test's clock, is in the day's
 * report by officer under their full name, with its waits as minutes:seconds; the province's report has the centre;
 * a period the gateway refuses is said next to the dates. The gateway's clock is Monday 3 March 2025, and the page
 * takes "today" from it.
 */
class AdminReportsPageTest extends BrowserTest {
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    private static final ZoneId CENTRE_ZONE = ZoneId.of(Browser.TIME_ZONE);
    private static final String CENTRE_NAME = "Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)";
    private static final String TABLE = "#report-table";

    private final TestClock clock = new TestClock(at("07:55"));
    private int requests;

    @Override
    protected Clock gatewayClock() {
        return clock;
    }

    private static Instant at(String localTime) {
        return MONDAY.atTime(LocalTime.parse(localTime)).atZone(CENTRE_ZONE).toInstant();
    }

    @Test
    void theManagerSeesOfficerQ05ByFullNameWithOneServedInTodaysReportByOfficerAndTheCentreInTheProvincesReport()
            throws Exception {
        // 07:55 officer-Q05 opens Q05 with their PIN; 08:00 a citizen takes B001 for Đất đai (DD), which Q05 serves;
        // Q05 calls it at 08:04 (a wait of 4:00), starts at 08:05 and completes at 08:11:30 (a service of 6:30).
        TestDevice q05 = device("counter-Q05");
        q05.subscribe(PREFIX + "counters/Q05/replies");
        JsonNode opened = q05(q05, "\"command\":\"OPEN\",\"officer\":\"officer-Q05\",\"pin\":\"1234\"");
        assertEquals("officer-Q05", opened.path("counter").path("officer").path("id").asText(), opened.toString());
        clock.set(at("08:00"));
        String number = takeTicket("DD").path("number").asText();
        clock.set(at("08:04"));
        JsonNode called = q05(q05, "\"command\":\"CALL_NEXT\"");
        assertEquals(number, called.path("ticket").path("number").asText(), called.toString());
        clock.set(at("08:05"));
        q05(q05, "\"command\":\"START\"");
        clock.set(at("08:11:30"));
        q05(q05, "\"command\":\"COMPLETE\"");
        clock.set(at("09:00"));

        Browser admin = browser(1366, 768).open(url("/admin"));
        logInAs(admin, "manager");
        admin.find(".admin-nav a[data-route=reports]").click();
        admin.waitVisible("#report-form");
        assertEquals("2025-03-03", admin.js("return document.getElementById('report-from').value"),
                "today by the gateway's clock, not the computer's");
        assertEquals("2025-03-03", admin.js("return document.getElementById('report-to').value"));
        new Select(admin.find("#report-by")).selectByValue("officer");
        admin.find("#report-show").click();

        String officer = TABLE + " tbody tr[data-key='officer-Q05']";
        admin.waitVisible(officer);
        assertEquals("Báo cáo theo cán bộ – " + CENTRE_NAME, admin.text("#report-heading"));
        assertEquals("report-heading", admin.js("return document.activeElement.id"), "the focus goes to the report");
        assertTrue(admin.text(".report-period").startsWith("Ngày 03/03/2025 · lập lúc "), admin.text(".report-period"));
        assertEquals(List.of("Cán bộ", "Tên đăng nhập", "Lượt gọi", "Gọi lại", "Đã phục vụ", "Vắng mặt", "Chuyển đi",
                "Chờ TB", "Chờ P90", "Quá mục tiêu", "Phục vụ TB"), headings(admin));
        assertEquals(1, admin.findAll(TABLE + " tbody tr").size(), "nobody else worked: " + admin.text(TABLE));
        assertEquals("Cán bộ quầy 5 (demo)", cell(admin, officer, "officer"));
        assertEquals("officer-Q05", cell(admin, officer, "username"));
        assertEquals(List.of("1", "0", "1", "0", "0", "4:00", "4:00", "0 (0 %)", "6:30"), figures(admin, officer));
        String totals = TABLE + " tfoot tr.total";
        assertEquals("Tổng cộng", admin.text(totals + " th"));
        assertEquals(figures(admin, officer), figures(admin, totals), "one officer did all of it");
        assertEquals("Toàn trung tâm: 1 số đã phát, 0 chuyển đến, 0 chưa xử lý xong.", admin.text("#report-flows"));
        Layout.assertNothingOverflows(admin, "the report by officer", false);
        admin.documentScreenshot("admin-reports");

        // The download is the gateway's CSV of the same report, with the manager's session.
        assertEquals("/api/v1/centres/hcc-tinh/reports?from=2025-03-03&to=2025-03-03&by=officer&format=csv",
                admin.attribute("#report-csv", "href"));
        String csv = (String) admin.jsAsync("const done = arguments[arguments.length - 1];"
                + " fetch(document.getElementById('report-csv').href).then(r => r.text()).then(done, e => done(String(e)));");
        assertTrue(csv.contains(",Cán bộ,officer-Q05,Cán bộ quầy 5 (demo),"), csv);

        // In English the same report is shown again at once, in English.
        admin.find("#lang-toggle").click();
        admin.waitText(TABLE + " thead th[data-col=served]", "Served");
        assertEquals("Cán bộ quầy 5 (demo)", cell(admin, officer, "officer"));
        assertEquals("Total", admin.text(totals + " th"));
        admin.find("#lang-toggle").click();
        admin.waitText(TABLE + " thead th[data-col=served]", "Đã phục vụ");

        // The province: one line per centre this manager may see, hcc-tinh.
        admin.find("#report-form input[name=scope][value=province]").click();
        assertFalse(admin.find("#report-by").isDisplayed(), "the province's report is by centre");
        admin.find("#report-show").click();
        String centre = TABLE + " tbody tr[data-key='hcc-tinh']";
        admin.waitVisible(centre);
        assertEquals("Báo cáo toàn tỉnh theo trung tâm", admin.text("#report-heading"));
        assertEquals(List.of("Trung tâm", "Mã", "Số phát", "Chuyển đến", "Lượt gọi", "Gọi lại", "Đã phục vụ",
                "Vắng mặt", "Chuyển đi", "Chưa xong", "Chờ TB", "Chờ P90", "Quá mục tiêu", "Phục vụ TB"), headings(admin));
        assertEquals(1, admin.findAll(TABLE + " tbody tr").size());
        assertEquals(CENTRE_NAME, cell(admin, centre, "centre"));
        assertEquals("hcc-tinh", cell(admin, centre, "code"));
        assertEquals(List.of("1", "0", "1", "0", "1", "0", "0", "0", "4:00", "4:00", "0 (0 %)", "6:30"),
                figures(admin, centre));
        assertEquals("/api/v1/reports?from=2025-03-03&to=2025-03-03&by=centre&format=csv",
                admin.attribute("#report-csv", "href"));
        Layout.assertNothingOverflows(admin, "the province's report", false);
    }

    @Test
    void aPeriodTheGatewayRefusesIsSaidNextToTheDatesWhetherItIsTooLongOrEndsBeforeItStartsAndNothingIsShown() {
        Browser admin = browser(1366, 768).open(url("/admin#/reports"));
        logInAs(admin, "manager");
        admin.waitVisible("#report-form");
        String error = "#report-dates-error";

        dates(admin, "2025-01-01", "2025-04-03"); // 93 days
        admin.find("#report-show").click();
        admin.waitVisible(error);
        assertEquals("RANGE_TOO_LONG", admin.attribute(error, "data-code"));
        assertEquals("Khoảng thời gian báo cáo quá dài; vui lòng chia thành các khoảng ngắn hơn.",
                admin.text(error + " .error-message"));
        assertTrue(admin.text(error + " .error-detail").contains("93 days"), admin.text(error));
        assertEquals("true", admin.attribute("#report-from", "aria-invalid"), "a period too long is both dates'");
        assertEquals("true", admin.attribute("#report-to", "aria-invalid"));
        assertEquals("report-to", admin.js("return document.activeElement.id"), "the end date the gateway names");
        assertTrue(admin.findAll(TABLE).isEmpty(), "no report");
        admin.screenshot("admin-reports-range-too-long");

        dates(admin, "2025-03-05", "2025-03-04");
        admin.find("#report-show").click();
        admin.waitText(error + " .error-message", "“Từ ngày” phải trước hoặc trùng với “Đến ngày”.");
        assertEquals("INVALID_REQUEST", admin.attribute(error, "data-code"));

        // The CSV link asks the gateway first: a refused period is said here, not downloaded as an error.
        dates(admin, "2025-01-01", "2025-04-03");
        admin.find("#report-csv").click();
        admin.waitUntil("the CSV's period refused", d -> "RANGE_TOO_LONG".equals(admin.attribute(error, "data-code"))
                ? true : null);

        admin.find("#lang-toggle").click();
        admin.waitText("#report-show", "Show report");
        admin.find("#report-show").click();
        admin.waitText(error + " .error-message",
                "The report's period is longer than one request may cover; ask for it in shorter parts.");

        dates(admin, "2025-01-01", "2025-04-02"); // a quarter, 92 days: answered
        admin.find("#report-show").click();
        admin.waitVisible(TABLE + " tbody tr[data-key='2025-04-02']");
        assertEquals(92, admin.findAll(TABLE + " tbody tr").size());
        assertFalse(admin.find(error).isDisplayed(), "the error is gone");
        assertEquals(null, admin.attribute("#report-to", "aria-invalid"));
    }

    @Test
    void everyKindOfReportFitsA1366x768LaptopAndWhatCountersDidWithNobodyBoundIsTheLineWithoutAnOfficer()
            throws Exception {
        // Q01 opens with nobody bound (as the demo traffic does); A001 for TP waits 2:00 and is served in 1:00.
        command("Q01", "OPEN");
        clock.set(at("08:00"));
        takeTicket("TP");
        clock.set(at("08:02"));
        command("Q01", "CALL_NEXT");
        clock.set(at("08:03"));
        command("Q01", "COMPLETE");

        Browser admin = browser(1366, 768).open(url("/admin#/reports"));
        logInAs(admin, "manager");
        admin.waitVisible("#report-form");
        for (String by : List.of("day", "service", "counter", "operator", "officer")) {
            new Select(admin.find("#report-by")).selectByValue(by);
            admin.find("#report-show").click();
            admin.waitVisible(TABLE + ".report-" + by);
            Layout.assertNothingOverflows(admin, "the report by " + by, false);
            admin.screenshot("admin-report-by-" + by);
        }
        assertTrue(Layout.assertVietnameseRenders(admin, "the report by officer") > 0);

        String nobody = TABLE + " tbody tr[data-key='']";
        assertEquals(1, admin.findAll(TABLE + " tbody tr").size(), admin.text(TABLE));
        assertEquals("(không có cán bộ)", cell(admin, nobody, "officer"));
        assertEquals("—", cell(admin, nobody, "username"));
        assertEquals(List.of("1", "0", "1", "0", "0", "2:00", "2:00", "0 (0 %)", "1:00"), figures(admin, nobody));

        new Select(admin.find("#report-by")).selectByValue("service");
        admin.find("#report-show").click();
        String tp = TABLE + " tbody tr[data-key=TP]";
        admin.waitVisible(tp);
        assertEquals(List.of("TP", "Tư pháp – Hộ tịch", "20:00"), List.of(cell(admin, tp, "code"),
                cell(admin, tp, "service"), cell(admin, tp, "target")));
        assertEquals(List.of("1", "0", "1", "0", "1", "0", "0", "0", "2:00", "2:00", "0 (0 %)", "1:00"),
                figures(admin, tp));
        assertEquals("idle", admin.attribute(TABLE + " tbody tr[data-key=DD]", "class"), "a service nobody used is paler");

        new Select(admin.find("#report-by")).selectByValue("counter");
        admin.find("#report-show").click();
        String q01 = TABLE + " tbody tr[data-key=Q01]";
        admin.waitVisible(q01);
        assertEquals(24, admin.findAll(TABLE + " tbody tr").size(), "every counter, busy or not");
        assertEquals(List.of("Quầy số 1", "Q01", "Bưu điện"), List.of(cell(admin, q01, "counter"),
                cell(admin, q01, "code"), cell(admin, q01, "operator")));

        new Select(admin.find("#report-by")).selectByValue("day");
        admin.find("#report-show").click();
        String monday = TABLE + " tbody tr[data-key='2025-03-03']";
        admin.waitVisible(monday);
        assertEquals(List.of("03/03/2025", "Thứ Hai"), List.of(cell(admin, monday, "day"), cell(admin, monday, "weekday")));

        // In English, the widest of them, by service, fits too; the day is Monday.
        admin.find("#lang-toggle").click();
        admin.waitText(TABLE + " tbody tr[data-key='2025-03-03'] [data-col=weekday]", "Monday");
        new Select(admin.find("#report-by")).selectByValue("service");
        admin.find("#report-show").click();
        admin.waitText(TABLE + ".report-service thead th[data-col=target]", "Target wait");
        Layout.assertNothingOverflows(admin, "the report by service, in English", false);
    }

    @Test
    void belowTheReportByOfficerTheManagerReadsHowCitizensRatedTheOfficerAndTheDossiersAndOutOfOrderCallsTheyMade()
            throws Exception {
        // officer-Q05 serves B001 and B002 for Đất đai (DD); B002 is called out of order. What the rating pad, the
        // phone, the dossier fields and CALL_NUMBER store is written into the events as they store it: B001 was
        // completed with two dossiers returned by post and rated 5 on the pad, B002 rated 3 on the citizen's phone.
        TestDevice q05 = device("counter-Q05");
        q05.subscribe(PREFIX + "counters/Q05/replies");
        q05(q05, "\"command\":\"OPEN\",\"officer\":\"officer-Q05\",\"pin\":\"1234\"");
        clock.set(at("08:00"));
        String first = takeTicket("DD").path("number").asText();
        String second = takeTicket("DD").path("number").asText();
        for (String minute : List.of("08:05", "08:20")) {
            clock.set(at(minute));
            q05(q05, "\"command\":\"CALL_NEXT\"");
            clock.set(at(minute).plusSeconds(600));
            q05(q05, "\"command\":\"COMPLETE\"");
        }
        clock.set(at("09:00"));
        sql("UPDATE events SET payload = payload || $3::text::jsonb WHERE type = 'ServiceCompleted' AND ticket_id = $2"
                + " AND centre_id = $1", "{\"dossiers\": [\"000.00.01.H01-250303-0001\", \"000.00.01.H01-250303-0002\"],"
                + " \"returnByPost\": true}", first);
        sql("UPDATE events SET payload = payload || $3::text::jsonb WHERE type = 'TicketCalled' AND ticket_id = $2"
                + " AND centre_id = $1", "{\"outOfOrder\": true, \"note\": \"lãnh đạo yêu cầu\"}", second);
        rating(first, 5, "PAD", "08:16");
        rating(second, 3, "PHONE", "08:40");

        Browser admin = browser(1366, 768).open(url("/admin#/reports"));
        logInAs(admin, "manager");
        admin.waitVisible("#report-form");
        new Select(admin.find("#report-by")).selectByValue("officer");
        admin.find("#report-show").click();
        String ratings = "#report-ratings tbody tr[data-key='officer-Q05']";
        admin.waitVisible(ratings);
        assertEquals("Mức độ hài lòng", admin.text("#report-ratings-heading"));
        assertEquals(List.of("Cán bộ", "Tên đăng nhập", "Lượt đánh giá", "Tỷ lệ đánh giá", "Điểm TB", "Hài lòng trở lên",
                "Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng", "Qua điện thoại"),
                headings(admin, "#report-ratings"));
        assertEquals("Cán bộ quầy 5 (demo)", cell(admin, ratings, "officer"));
        assertEquals(List.of("2", "100 %", "4,00", "1 (50 %)", "1", "0", "1", "0", "0", "1"),
                figures(admin, ratings));
        assertEquals(figures(admin, ratings), figures(admin, "#report-ratings tfoot tr.total"), "one officer did it all");

        String dossiers = "#report-dossiers tbody tr[data-key='officer-Q05']";
        assertEquals("Hồ sơ / BCCI", admin.text("#report-dossiers-heading"));
        assertEquals(List.of("Cán bộ", "Tên đăng nhập", "Hồ sơ tiếp nhận", "Trả qua bưu chính (BCCI)", "Trả kết quả"),
                headings(admin, "#report-dossiers"));
        assertEquals(List.of("2", "2", "0"), figures(admin, dossiers));
        assertEquals(List.of("1", "0", "0"), figures(admin, "#report-operations tbody tr[data-key='officer-Q05']"),
                "one call out of order, no park, no re-queue");
        Layout.assertNothingOverflows(admin, "the report by officer with its ratings and dossiers", false);
        admin.documentScreenshot("admin-reports-satisfaction");

        // By service, the widest, in English too; and the province's report, by centre.
        new Select(admin.find("#report-by")).selectByValue("service");
        admin.find("#report-show").click();
        admin.waitVisible("#report-ratings tbody tr[data-key=DD]");
        assertEquals(List.of("2", "100 %", "4,00", "1 (50 %)", "1", "0", "1", "0", "0", "1"),
                figures(admin, "#report-ratings tbody tr[data-key=DD]"));
        assertEquals("idle", admin.attribute("#report-ratings tbody tr[data-key=TP]", "class"), "nothing rated in TP");
        Layout.assertNothingOverflows(admin, "the ratings by service", false);
        admin.find("#lang-toggle").click();
        admin.waitText("#report-ratings-heading", "Citizen satisfaction");
        assertEquals("4.00", cell(admin, "#report-ratings tbody tr[data-key=DD]", "meanScore"));
        assertEquals("Returned by post (BCCI)", admin.text("#report-dossiers thead th[data-col=returnedByPost]"));
        Layout.assertNothingOverflows(admin, "the ratings by service, in English", false);
        admin.find("#lang-toggle").click();
        admin.waitText("#report-ratings-heading", "Mức độ hài lòng");
        admin.find("#report-form input[name=scope][value=province]").click();
        admin.find("#report-show").click();
        admin.waitVisible("#report-ratings tbody tr[data-key='hcc-tinh']");
        assertEquals(List.of("2", "2", "0"), figures(admin, "#report-dossiers tbody tr[data-key='hcc-tinh']"));
    }

    /** A statement on the gateway's database, for the centre ($1) and a Monday ticket by number ($2). */
    private void sql(String statement, String json, String number) {
        String ticket = GatewayHarness.await(gateway.gateway().query("SELECT ticket_id FROM tickets WHERE number = $1"
                + " AND service_day = $2", number, MONDAY)).iterator().next().getString(0);
        GatewayHarness.await(gateway.gateway().query(statement, GatewayHarness.CENTRE, ticket, json));
    }

    /** A rating of a ticket's completion at Q05, stored after every other event as the rating pad stores it. */
    private void rating(String number, int score, String source, String time) {
        String payload = "{\"at\": \"" + at(time) + "\", \"score\": " + score + ", \"reasons\": [], \"source\": \""
                + source + "\", \"service\": \"DD\", \"officer\": \"officer-Q05\", \"number\": \"" + number + "\"}";
        sql("INSERT INTO events (centre_id, version, type, ticket_id, counter_id, payload, occurred_at)"
                + " SELECT $1, max(version) + 1, 'ServiceRated', $2, 'Q05', $3::text::jsonb,"
                + " ($3::text::jsonb ->> 'at')::timestamptz FROM events"
                + " WHERE centre_id = $1", payload, number);
    }

    /** Sets both dates as the date pickers would, with the events the page listens to. */
    private static void dates(Browser admin, String from, String to) {
        admin.js("for (const [id, value] of [['report-from', arguments[0]], ['report-to', arguments[1]]]) {"
                + " const input = document.getElementById(id); input.value = value;"
                + " input.dispatchEvent(new Event('input', {bubbles: true})); }", from, to);
    }

    private JsonNode q05(TestDevice terminal, String fields) throws Exception {
        String id = "q05-" + (++requests);
        JsonNode reply = terminal.request(PREFIX + "counters/Q05/commands", PREFIX + "counters/Q05/replies", id,
                "{\"requestId\":\"" + id + "\"," + fields + "}");
        assertFalse(reply.hasNonNull("error"), fields + ": " + reply);
        return reply;
    }

    private static List<String> headings(Browser admin) {
        return headings(admin, TABLE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> headings(Browser admin, String table) {
        return (List<String>) admin.js("return [...document.querySelectorAll('" + table + " thead th')]"
                + ".map(th => th.textContent.trim())");
    }

    private static String cell(Browser admin, String row, String column) {
        return admin.text(row + " [data-col=" + column + "]");
    }

    /** The figures of a row, from its first count to its mean service time. */
    @SuppressWarnings("unchecked")
    private static List<String> figures(Browser admin, String row) {
        return (List<String>) admin.js("return [...document.querySelectorAll(arguments[0] + ' td.num[data-col]')]"
                + ".filter(td => !['target', 'counters'].includes(td.dataset.col)).map(td => td.textContent.trim())",
                row);
    }
}
