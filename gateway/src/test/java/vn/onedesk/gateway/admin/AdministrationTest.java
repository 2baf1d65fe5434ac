package vn.onedesk.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.HttpCalls.call;
import static vn.onedesk.gateway.support.HttpCalls.errorCode;
import static vn.onedesk.gateway.support.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The administration API end to end, over HTTP and MQTT (Paho) against the real gateway and PostgreSQL: a centre
 * built from nothing serves a citizen without a restart, the rules of live changes hold, and a restart rebuilds
 * the same configuration.
 */
class AdministrationTest {
    private static GatewayHarness gateway;
    private static String admin;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
        admin = Logins.bearer(Logins.admin(gateway));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> as(String auth, String method, String path, String body) {
        return call(method, gateway.httpUri(path), body, "authorization", auth);
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return as(admin, method, path, body);
    }

    @Test
    void aCentreBuiltThroughTheApiServesACitizenWithoutARestart() throws Exception {
        String c = "/api/v1/admin/centres";
        assertEquals(201, admin("POST", c, "{\"id\":\"xa-an-binh\",\"name\":\"Trung tâm xã An Bình\","
                + "\"ticketsOnlyInSessions\":false}").statusCode());
        HttpResponse<String> empty = admin("GET", c + "/xa-an-binh", null);
        assertTrue(json(empty).path("gaps").toString().contains("it has no counters"), empty.body());
        assertEquals(201, admin("POST", c + "/xa-an-binh/services", "{\"code\":\"TP\",\"name\":\"Tư pháp\","
                + "\"prefix\":\"A\",\"servedBy\":[\"POSTAL\"],\"targetWaitMinutes\":20}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-an-binh/counters", "{\"id\":\"Q01\",\"number\":1,"
                + "\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-an-binh/devices", "{\"id\":\"ab-kiosk\",\"role\":\"KIOSK\","
                + "\"password\":\"kiosk-secret\"}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-an-binh/devices", "{\"id\":\"ab-q01\",\"role\":\"COUNTER\","
                + "\"counter\":\"Q01\",\"password\":\"counter-secret\"}").statusCode());
        // its rating pad, which names its counter as the terminal does
        assertEquals(201, admin("POST", c + "/xa-an-binh/devices", "{\"id\":\"ab-rating-q01\",\"role\":\"RATING_PAD\","
                + "\"counter\":\"Q01\",\"password\":\"rating-secret\"}").statusCode());
        HttpResponse<String> padWithoutCounter = admin("POST", c + "/xa-an-binh/devices",
                "{\"id\":\"ab-rating-x\",\"role\":\"RATING_PAD\",\"password\":\"rating-secret\"}");
        assertEquals(400, padWithoutCounter.statusCode(), padWithoutCounter.body());
        assertEquals(201, admin("POST", "/api/v1/admin/staff", "{\"username\":\"ab-officer\",\"fullName\":"
                + "\"Nguyễn Văn An\",\"operator\":\"POSTAL\",\"roles\":[\"OFFICER\"],\"centres\":[\"xa-an-binh\"],"
                + "\"password\":\"officer-secret\",\"pin\":\"2468\"}").statusCode());

        // its screens (kiosk, hall, counter console) are served at once too
        JsonNode pages = json(call("GET", gateway.httpUri("/api/v1/pages/config?c=xa-an-binh"), null));
        assertEquals("Q01", pages.path("counters").get(0).path("id").asText(), pages.toString());

        String p = "onedesk/v1/xa-an-binh/";
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "ab-kiosk", "kiosk-secret");
             TestDevice counter = TestDevice.connect(gateway.mqttUri(), "ab-q01", "counter-secret")) {
            kiosk.subscribe(p + "kiosks/ab-kiosk/tickets/response");
            JsonNode ticket = kiosk.request(p + "kiosks/ab-kiosk/tickets/request", p + "kiosks/ab-kiosk/tickets/response",
                    "t1", "{\"requestId\":\"t1\",\"service\":\"TP\"}");
            assertEquals("A001", ticket.path("ticket").path("number").asText(), ticket.toString());
            counter.subscribe(p + "counters/Q01/replies");
            JsonNode open = counter.request(p + "counters/Q01/commands", p + "counters/Q01/replies", "o1",
                    "{\"requestId\":\"o1\",\"command\":\"OPEN\",\"officer\":\"ab-officer\",\"pin\":\"2468\"}");
            assertFalse(open.has("error"), open.toString());
            JsonNode call = counter.request(p + "counters/Q01/commands", p + "counters/Q01/replies", "c1",
                    "{\"requestId\":\"c1\",\"command\":\"CALL_NEXT\"}");
            assertEquals("A001", call.path("ticket").path("number").asText(), call.toString());
            try (TestDevice pad = TestDevice.connect(gateway.mqttUri(), "ab-rating-q01", "rating-secret")) {
                assertEquals(1, pad.subscribe(p + "counters/Q01/rating/prompt")[0], "the pad reads its counter's prompt");
            }

            JsonNode live = json(admin("GET", c + "/xa-an-binh/live", null));
            assertEquals("ab-officer", live.path("counters").get(0).path("officer").path("id").asText(), live.toString());
            assertEquals("A001", live.path("counters").get(0).path("ticket").asText(), live.toString());

            // the rules of live changes: a counter holding a citizen is not removed; a service with tickets is not
            HttpResponse<String> busy = admin("DELETE", c + "/xa-an-binh/counters/Q01", null);
            assertEquals(409, busy.statusCode(), busy.body());
            assertEquals("COUNTER_BUSY", errorCode(busy));
            HttpResponse<String> inUse = admin("DELETE", c + "/xa-an-binh/services/TP", null);
            assertEquals(409, inUse.statusCode(), inUse.body());

            // a disabled device is disconnected at once, and its next CONNECT refused
            assertEquals(200, admin("PATCH", c + "/xa-an-binh/devices/ab-kiosk", "{\"enabled\":false}").statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (kiosk.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(kiosk.isConnected(), "a disabled kiosk keeps no connection");
            assertThrows(MqttException.class, () -> TestDevice.connect(gateway.mqttUri(), "ab-kiosk", "kiosk-secret"));
        }

        JsonNode audit = json(admin("GET", "/api/v1/admin/audit?centre=xa-an-binh", null));
        assertTrue(audit.path("entries").size() >= 5, audit.toString());
        assertEquals("admin", audit.path("entries").get(0).path("username").asText());
        assertFalse(audit.toString().contains("kiosk-secret"), "no secret in the audit");

        JsonNode before = json(admin("GET", c + "/xa-an-binh", null));
        JsonNode liveBefore = json(admin("GET", c + "/xa-an-binh/live", null));
        gateway.restart();
        admin = Logins.bearer(Logins.admin(gateway));
        JsonNode after = json(admin("GET", c + "/xa-an-binh", null));
        assertEquals(before, after, "the restart rebuilds the centre's definition exactly");
        JsonNode liveAfter = json(admin("GET", c + "/xa-an-binh/live", null));
        assertEquals(liveBefore.path("counters"), liveAfter.path("counters"), "and who is at which counter, with what");
        assertEquals(liveBefore.path("services").get(0).path("waiting"), liveAfter.path("services").get(0).path("waiting"));
        assertEquals("A001", liveAfter.path("counters").get(0).path("ticket").asText(), liveAfter.toString());
    }

    @Test
    void aDeviceGivenANewPasswordIsDisconnectedAtOnceAndOnlyTheNewPasswordConnects() throws Exception {
        String devices = "/api/v1/admin/centres/hcc-tinh/devices";
        assertEquals(201, admin("POST", devices, "{\"id\":\"hall-9\",\"role\":\"DISPLAY\",\"password\":\"old-secret\"}")
                .statusCode());
        try (TestDevice hall = TestDevice.connect(gateway.mqttUri(), "hall-9", "old-secret")) {
            JsonNode listed = json(admin("GET", devices + "/hall-9", null));
            assertTrue(listed.path("online").asBoolean(), listed.toString());
            assertFalse(listed.has("password") || listed.toString().contains("secret"), listed.toString());

            assertEquals(200, admin("PATCH", devices + "/hall-9", "{\"password\":\"new-secret\"}").statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (hall.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(hall.isConnected(), "the old credentials no longer hold a connection");
        }
        assertThrows(MqttException.class, () -> TestDevice.connect(gateway.mqttUri(), "hall-9", "old-secret"));
        try (TestDevice again = TestDevice.connect(gateway.mqttUri(), "hall-9", "new-secret")) {
            assertTrue(again.isConnected());
        }
        assertEquals(204, admin("DELETE", devices + "/hall-9", null).statusCode());
        assertThrows(MqttException.class, () -> TestDevice.connect(gateway.mqttUri(), "hall-9", "new-secret"));
    }

    @Test
    void changingACountersSkillsWhileCitizensWaitKeepsTheirPlaceAndTheNextCallFollowsTheNewSkills() throws Exception {
        String c = "/api/v1/admin/centres";
        assertEquals(201, admin("POST", c, "{\"id\":\"xa-ky-nang\",\"name\":\"Xã kỹ năng\","
                + "\"ticketsOnlyInSessions\":false}").statusCode());
        for (String service : new String[] {"{\"code\":\"TP\",\"name\":\"Tư pháp\",\"prefix\":\"A\"",
                "{\"code\":\"DD\",\"name\":\"Đất đai\",\"prefix\":\"B\""}) {
            assertEquals(201, admin("POST", c + "/xa-ky-nang/services", service
                    + ",\"servedBy\":[\"POSTAL\"],\"targetWaitMinutes\":20}").statusCode());
        }
        assertEquals(201, admin("POST", c + "/xa-ky-nang/counters", "{\"id\":\"Q01\",\"number\":1,"
                + "\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-ky-nang/counters", "{\"id\":\"Q02\",\"number\":2,"
                + "\"operator\":\"POSTAL\",\"primary\":[\"DD\"]}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-ky-nang/devices", "{\"id\":\"kn-kiosk\",\"role\":\"KIOSK\","
                + "\"password\":\"kiosk-secret\"}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-ky-nang/devices", "{\"id\":\"kn-q01\",\"role\":\"COUNTER\","
                + "\"counter\":\"Q01\",\"password\":\"counter-secret\"}").statusCode());
        String p = "onedesk/v1/xa-ky-nang/";
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kn-kiosk", "kiosk-secret");
             TestDevice q01 = TestDevice.connect(gateway.mqttUri(), "kn-q01", "counter-secret")) {
            kiosk.subscribe(p + "kiosks/kn-kiosk/tickets/response");
            String response = p + "kiosks/kn-kiosk/tickets/response";
            kiosk.request(p + "kiosks/kn-kiosk/tickets/request", response, "d1", "{\"requestId\":\"d1\",\"service\":\"DD\"}");
            kiosk.request(p + "kiosks/kn-kiosk/tickets/request", response, "d2", "{\"requestId\":\"d2\",\"service\":\"DD\"}");
            q01.subscribe(p + "counters/Q01/replies");
            q01.request(p + "counters/Q01/commands", p + "counters/Q01/replies", "o", "{\"requestId\":\"o\",\"command\":\"OPEN\"}");
            JsonNode nothing = q01.request(p + "counters/Q01/commands", p + "counters/Q01/replies", "n1",
                    "{\"requestId\":\"n1\",\"command\":\"CALL_NEXT\"}");
            assertEquals("NO_TICKET_WAITING", nothing.path("error").path("code").asText(), nothing.toString());

            assertEquals(200, admin("PATCH", c + "/xa-ky-nang/counters/Q01", "{\"secondary\":[\"DD\"]}").statusCode());
            JsonNode live = json(admin("GET", c + "/xa-ky-nang/live", null));
            assertEquals(2, live.path("services").get(1).path("waiting").asInt(), live.toString());
            JsonNode call = q01.request(p + "counters/Q01/commands", p + "counters/Q01/replies", "n2",
                    "{\"requestId\":\"n2\",\"command\":\"CALL_NEXT\"}");
            assertEquals("B001", call.path("ticket").path("number").asText(), call.toString());
        }
    }

    @Test
    void aRemovedCentreRunsNoMoreButItsHistoryStaysInItsReports() throws Exception {
        String c = "/api/v1/admin/centres";
        assertEquals(201, admin("POST", c, "{\"id\":\"xa-sap-nhap\",\"name\":\"Xã sáp nhập\","
                + "\"ticketsOnlyInSessions\":false}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-sap-nhap/services", "{\"code\":\"TP\",\"name\":\"Tư pháp\","
                + "\"prefix\":\"A\",\"servedBy\":[\"POSTAL\"],\"targetWaitMinutes\":20}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-sap-nhap/counters", "{\"id\":\"Q01\",\"number\":1,"
                + "\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-sap-nhap/devices", "{\"id\":\"sn-kiosk\",\"role\":\"KIOSK\","
                + "\"password\":\"kiosk-secret\"}").statusCode());
        assertEquals(201, admin("POST", c + "/xa-sap-nhap/devices", "{\"id\":\"sn-q01\",\"role\":\"COUNTER\","
                + "\"counter\":\"Q01\",\"password\":\"counter-secret\"}").statusCode());
        String p = "onedesk/v1/xa-sap-nhap/";
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "sn-kiosk", "kiosk-secret");
             TestDevice q01 = TestDevice.connect(gateway.mqttUri(), "sn-q01", "counter-secret")) {
            kiosk.subscribe(p + "kiosks/sn-kiosk/tickets/response");
            kiosk.request(p + "kiosks/sn-kiosk/tickets/request", p + "kiosks/sn-kiosk/tickets/response", "t",
                    "{\"requestId\":\"t\",\"service\":\"TP\"}");
            q01.subscribe(p + "counters/Q01/replies");
            for (String command : new String[] {"OPEN", "CALL_NEXT"}) {
                q01.request(p + "counters/Q01/commands", p + "counters/Q01/replies", command,
                        "{\"requestId\":\"" + command + "\",\"command\":\"" + command + "\"}");
            }
            HttpResponse<String> busy = admin("DELETE", c + "/xa-sap-nhap", null);
            assertEquals(409, busy.statusCode(), busy.body());
            assertEquals("CENTRE_IN_USE", errorCode(busy));
            for (String command : new String[] {"COMPLETE", "CLOSE"}) {
                q01.request(p + "counters/Q01/commands", p + "counters/Q01/replies", command,
                        "{\"requestId\":\"" + command + "\",\"command\":\"" + command + "\"}");
            }
            assertEquals(204, admin("DELETE", c + "/xa-sap-nhap", null).statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (kiosk.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(kiosk.isConnected(), "the removed centre's devices are disconnected");
        }
        assertEquals(404, admin("GET", c + "/xa-sap-nhap", null).statusCode());
        assertThrows(MqttException.class, () -> TestDevice.connect(gateway.mqttUri(), "sn-kiosk", "kiosk-secret"));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        HttpResponse<String> report = admin("GET", "/api/v1/centres/xa-sap-nhap/reports?from=" + today + "&to=" + today
                + "&by=day", null);
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.body().contains("\"served\" : 1") || report.body().contains("\"served\":1"), report.body());
    }

    @Test
    void badInputIsRefusedWithTheFieldAndAStableCodeAndNothingIsWritten() {
        String services = "/api/v1/admin/centres/hcc-tinh/services";
        HttpResponse<String> missing = admin("POST", services, "{\"code\":\"NEW\",\"name\":\"Mới\",\"prefix\":\"Z\","
                + "\"servedBy\":[\"POSTAL\"]}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals("INVALID_FIELD", errorCode(missing));
        assertEquals("targetWaitMinutes", json(missing).path("error").path("field").asText(), missing.body());

        HttpResponse<String> prefix = admin("POST", services, "{\"code\":\"NEW\",\"name\":\"Mới\",\"prefix\":\"A\","
                + "\"servedBy\":[\"POSTAL\"],\"targetWaitMinutes\":10}");
        assertEquals(409, prefix.statusCode(), prefix.body());
        assertEquals("ALREADY_EXISTS", errorCode(prefix));
        assertEquals("prefix", json(prefix).path("error").path("field").asText(), prefix.body());

        HttpResponse<String> twice = admin("POST", "/api/v1/admin/centres/hcc-tinh/counters", "{\"id\":\"Q01\","
                + "\"number\":99,\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}");
        assertEquals(409, twice.statusCode(), twice.body());

        HttpResponse<String> unknownSkill = admin("POST", "/api/v1/admin/centres/hcc-tinh/counters", "{\"id\":\"Q98\","
                + "\"number\":98,\"operator\":\"POSTAL\",\"primary\":[\"NOPE\"]}");
        assertEquals(400, unknownSkill.statusCode(), unknownSkill.body());
        assertEquals("primary", json(unknownSkill).path("error").path("field").asText(), unknownSkill.body());

        HttpResponse<String> both = admin("POST", "/api/v1/admin/centres/hcc-tinh/counters", "{\"id\":\"Q97\","
                + "\"number\":97,\"operator\":\"POSTAL\",\"primary\":[\"TP\"],\"secondary\":[\"TP\"]}");
        assertEquals(400, both.statusCode(), both.body());
        assertEquals("secondary", json(both).path("error").path("field").asText(), both.body());

        assertEquals(404, admin("GET", "/api/v1/admin/centres/no-such-centre", null).statusCode());
        assertEquals(404, admin("GET", "/api/v1/admin/centres/hcc-tinh/counters/Q99", null).statusCode());
        assertEquals(404, admin("GET", "/api/v1/admin/no-such-thing", null).statusCode());
        HttpResponse<String> notJson = admin("POST", services, "{not json");
        assertEquals(400, notJson.statusCode(), notJson.body());

        JsonNode centre = json(admin("GET", "/api/v1/admin/centres/hcc-tinh", null));
        assertFalse(centre.path("services").toString().contains("\"NEW\""), "nothing was written");
    }

    @Test
    void eachRoleReachesWhatItMayAndIsRefusedTheRest() {
        String manager = Logins.bearer(Logins.manager(gateway));
        String officer = Logins.bearer(Logins.token(gateway, "officer-Q05", Logins.DEMO_PASSWORD));
        String centre = "/api/v1/admin/centres/hcc-tinh";
        assertEquals(401, call("GET", gateway.httpUri(centre), null).statusCode());
        assertEquals(401, call("GET", gateway.httpUri("/api/v1/admin/audit"), null).statusCode());
        assertEquals(200, as(manager, "GET", centre, null).statusCode());
        assertEquals(200, as(manager, "GET", centre + "/live", null).statusCode());
        assertEquals(200, as(manager, "GET", "/api/v1/admin/audit", null).statusCode());
        assertEquals(403, as(manager, "GET", "/api/v1/admin/staff", null).statusCode());
        assertEquals(403, as(manager, "POST", "/api/v1/admin/centres", "{\"id\":\"m1\",\"name\":\"M\"}").statusCode());
        assertEquals(403, as(officer, "GET", centre, null).statusCode());
        assertEquals(403, as(officer, "GET", "/api/v1/admin/province", null).statusCode());
        assertEquals(403, as(officer, "PATCH", centre + "/services/TP", "{\"targetWaitMinutes\":30}").statusCode());
        assertEquals(200, as(admin, "GET", "/api/v1/admin/province", null).statusCode());
        assertEquals(200, call("GET", gateway.httpUri("/api/v1/openapi.yaml"), null).statusCode());
    }

    @Test
    void aManagerOfAnotherCentreIsRefusedThisOne() {
        assertEquals(201, admin("POST", "/api/v1/admin/centres", "{\"id\":\"xa-khac\",\"name\":\"Xã khác\"}")
                .statusCode());
        assertEquals(201, admin("POST", "/api/v1/admin/staff", "{\"username\":\"manager-khac\",\"fullName\":\"Lê Thị B\","
                + "\"roles\":[\"CENTRE_MANAGER\"],\"centres\":[\"xa-khac\"],\"password\":\"manager-secret\"}")
                .statusCode());
        String other = Logins.bearer(Logins.token(gateway, "manager-khac", "manager-secret"));
        assertEquals(403, as(other, "GET", "/api/v1/admin/centres/hcc-tinh", null).statusCode());
        assertEquals(403, as(other, "PATCH", "/api/v1/admin/centres/hcc-tinh/services/TP",
                "{\"targetWaitMinutes\":30}").statusCode());
        assertEquals(200, as(other, "GET", "/api/v1/admin/centres/xa-khac", null).statusCode());
        JsonNode province = json(as(other, "GET", "/api/v1/admin/province", null));
        assertEquals(1, province.path("centres").size(), province.toString());
        assertEquals(403, as(other, "GET", "/api/v1/admin/audit?centre=hcc-tinh", null).statusCode());
    }
}
