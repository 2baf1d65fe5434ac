package vn.onedesk.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;
import static vn.onedesk.gateway.support.HttpCalls.call;
import static vn.onedesk.gateway.support.HttpCalls.errorCode;
import static vn.onedesk.gateway.support.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A centre's counterRules in the administration API over HTTP: shown, changed by a PATCH that keeps the rules it does
 * not name, refused out of bounds, audited, in force for the next counter command over MQTT, and kept by a restart.
 */
class CounterRulesAdministrationTest {
    private static final String CENTRE = "/api/v1/admin/centres/hcc-tinh";
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

    private static HttpResponse<String> admin(String method, String path, String body) {
        return call(method, gateway.httpUri(path), body, "authorization", admin);
    }

    @Test
    void aPatchOfOneCounterRuleKeepsTheOthersAppliesToTheNextRecallAndSurvivesARestart() throws Exception {
        JsonNode before = json(admin("GET", CENTRE, null)).path("counterRules");
        assertEquals(3, before.path("recallLimit").asInt(), before.toString());
        assertEquals(30, before.path("requeueGraceMinutes").asInt());

        HttpResponse<String> changed = admin("PATCH", CENTRE, "{\"counterRules\":{\"recallLimit\":1,"
                + "\"requeueAfter\":5}}");
        assertEquals(200, changed.statusCode(), changed.body());
        JsonNode rules = json(changed).path("counterRules");
        assertEquals(1, rules.path("recallLimit").asInt());
        assertEquals(5, rules.path("requeueAfter").asInt());
        assertEquals(30, rules.path("requeueGraceMinutes").asInt(), "a rule the PATCH does not name is kept");
        assertEquals(15, rules.path("parkTimeoutMinutes").asInt());
        JsonNode audit = json(admin("GET", "/api/v1/admin/audit?centre=hcc-tinh", null)).path("entries").get(0);
        assertTrue(audit.path("after").toString().contains("\"recallLimit\":1"), audit.toString());

        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q21 = gateway.device("counter-Q21")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            q21.subscribe(PREFIX + "counters/Q21/replies");
            kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response", "r1",
                    "{\"requestId\":\"r1\",\"service\":\"CA\"}");
            String commands = PREFIX + "counters/Q21/commands";
            String replies = PREFIX + "counters/Q21/replies";
            q21.request(commands, replies, "c1", "{\"requestId\":\"c1\",\"command\":\"OPEN\"}");
            q21.request(commands, replies, "c2", "{\"requestId\":\"c2\",\"command\":\"CALL_NEXT\"}");
            assertTrue(!q21.request(commands, replies, "c3", "{\"requestId\":\"c3\",\"command\":\"RECALL\"}")
                    .has("error"));
            JsonNode refused = q21.request(commands, replies, "c4", "{\"requestId\":\"c4\",\"command\":\"RECALL\"}");
            assertEquals("RECALL_LIMIT", refused.path("error").path("code").asText(), refused.toString());
        }

        gateway.restart();
        admin = Logins.bearer(Logins.admin(gateway));
        assertEquals(rules, json(admin("GET", CENTRE, null)).path("counterRules"), "kept by a restart");
    }

    @Test
    void counterRulesOutOfBoundsAreRefusedNamingTheFieldAndNothingChanges() {
        JsonNode before = json(admin("GET", CENTRE, null)).path("counterRules");
        HttpResponse<String> tooMany = admin("PATCH", CENTRE, "{\"counterRules\":{\"recallLimit\":99}}");
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertEquals("INVALID_FIELD", errorCode(tooMany));
        assertEquals("counterRules", json(tooMany).path("error").path("field").asText(), tooMany.body());
        HttpResponse<String> unknown = admin("PATCH", CENTRE, "{\"counterRules\":{\"recallLimits\":2}}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(before, json(admin("GET", CENTRE, null)).path("counterRules"));
    }
}
