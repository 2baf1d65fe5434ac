package vn.onedesk.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.HttpCalls.call;
import static vn.onedesk.gateway.support.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;

/**
 * The administration's OpenAPI document is a valid OpenAPI 3.1 contract, the gateway serves it, every operation it
 * documents is routed (the request reaches the document's validation or a handler, never the gateway's 404 for
 * unknown paths), and no administration route exists outside it.
 */
class AdminContractTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Ids that exist in the demo, so a documented GET answers 200. */
    private static final Map<String, String> IDS = new java.util.HashMap<>(Map.of("{centre}", "hcc-tinh", "{code}",
            "TP", "{counter}", "Q01", "{device}", "kiosk-1", "{username}", "officer-Q01"));
    private static GatewayHarness gateway;
    private static String admin;
    private static String manager;
    private static String otherManager;
    private static String officer;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
        admin = Logins.bearer(Logins.admin(gateway));
        manager = Logins.bearer(Logins.manager(gateway));
        officer = Logins.bearer(Logins.token(gateway, "officer-Q05", Logins.DEMO_PASSWORD));
        assertEquals(201, call("POST", gateway.httpUri("/api/v1/admin/centres"), "{\"id\":\"xa-khac\",\"name\":\"Xã khác\"}",
                "authorization", admin).statusCode());
        assertEquals(201, call("POST", gateway.httpUri("/api/v1/admin/staff"), "{\"username\":\"manager-xa-khac\","
                + "\"fullName\":\"Trần Văn C\",\"roles\":[\"CENTRE_MANAGER\"],\"centres\":[\"xa-khac\"],"
                + "\"password\":\"manager-secret\"}", "authorization", admin).statusCode());
        otherManager = Logins.bearer(Logins.token(gateway, "manager-xa-khac", "manager-secret"));
        HttpResponse<String> webhook = call("POST", gateway.httpUri("/api/v1/admin/webhooks"),
                "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"0123456789abcdef\",\"events\":[\"ticket.called\"]}",
                "authorization", admin);
        assertEquals(201, webhook.statusCode(), webhook.body());
        IDS.put("{webhook}", json(webhook).path("id").asText());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonNode document() throws Exception {
        HttpResponse<String> served = call("GET", gateway.httpUri("/api/v1/openapi.yaml"), null);
        assertEquals(200, served.statusCode());
        assertTrue(served.headers().firstValue("content-type").orElse("").contains("yaml"));
        return new ObjectMapper(new YAMLFactory()).readTree(served.body());
    }

    @Test
    void theServedDocumentIsAValidOpenApi31Contract() throws Exception {
        JsonNode document = document();
        assertEquals("3.1.0", document.path("openapi").asText());
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(new ObjectMapper()
                    .writeValueAsString(document));
            // Vert.x validates the contract against the OpenAPI 3.1 meta-schema; an invalid one fails here.
            OpenAPIContract contract = GatewayHarness.await(OpenAPIContract.from(vertx, json));
            assertFalse(contract.operations().isEmpty());
        } finally {
            vertx.close();
        }
    }

    @Test
    void everyDocumentedOperationIsRoutedAndAnswersInTheOneErrorShape() throws Exception {
        List<String> unrouted = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey();
            for (Map.Entry<String, String> id : IDS.entrySet()) {
                concrete = concrete.replace(id.getKey(), id.getValue());
            }
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (!METHODS.contains(method)) {
                    continue;
                }
                HttpResponse<String> answer;
                if (method.equals("get")) {
                    answer = call("GET", gateway.httpUri(concrete), null, "authorization", admin);
                    if (answer.statusCode() != 200) {
                        unrouted.add("GET " + concrete + " → " + answer.statusCode() + " " + answer.body());
                    }
                    continue;
                }
                // A body the document refuses: the answer comes from the route's validation, proving it is routed,
                // and nothing is changed. DELETE has no body: it names a resource that does not exist.
                String target = method.equals("delete") ? concrete.replaceAll("/(Q01|TP|kiosk-1|officer-Q01|hcc-tinh|wh-[0-9a-f]+)$",
                        "/no-such-one") : concrete;
                answer = call(method.toUpperCase(), gateway.httpUri(target), method.equals("delete") ? null
                        : "{\"unexpected\":true}", "authorization", admin);
                String detail = answer.statusCode() == 404 ? json(answer).path("error").path("detail").asText() : "";
                if (detail.startsWith("no such resource") || answer.statusCode() == 405 || answer.statusCode() >= 500) {
                    unrouted.add(method.toUpperCase() + " " + target + " → " + answer.statusCode() + " " + answer.body());
                }
                assertTrue(json(answer).path("error").has("code"), method + " " + target + ": " + answer.body());
            }
        }
        assertEquals(List.of(), unrouted);
    }

    /** One documented operation, made concrete and harmless: GETs of what exists, refused bodies, absent ids to delete. */
    private record Probe(String operationId, String method, String path, String body) {
        HttpResponse<String> as(String auth) {
            return auth == null ? call(method, gateway.httpUri(path), body)
                    : call(method, gateway.httpUri(path), body, "authorization", auth);
        }
    }

    private static List<Probe> probes() throws Exception {
        List<Probe> probes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey();
            for (Map.Entry<String, String> id : IDS.entrySet()) {
                concrete = concrete.replace(id.getKey(), id.getValue());
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                String m = method.getKey().toUpperCase();
                String target = m.equals("DELETE")
                        ? concrete.replaceAll("/(Q01|TP|kiosk-1|officer-Q01|hcc-tinh|wh-[0-9a-f]+)$", "/no-such-one") : concrete;
                String body = m.equals("GET") || m.equals("DELETE") ? null : "{\"unexpected\":true}";
                probes.add(new Probe(method.getValue().path("operationId").asText(), m, target, body));
            }
        }
        return probes;
    }

    @Test
    void eachRoleIsLetThroughOrRefusedAsTheRulesSayForEveryDocumentedOperation() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes()) {
            String op = probe.operationId();
            boolean adminOnly = op.endsWith("Staff") || op.equals("createCentre") || op.equals("deleteCentre")
                    || op.contains("Webhook");
            boolean anyManager = op.equals("listCentres") || op.equals("getProvinceView") || op.equals("listAudit");
            expect(wrong, probe, "anonymous", null, 401);
            expect(wrong, probe, "officer", officer, 403);
            expect(wrong, probe, "manager of another centre", otherManager, adminOnly || !anyManager ? 403 : 0);
            expect(wrong, probe, "manager", manager, adminOnly ? 403 : 0);
            expect(wrong, probe, "admin", admin, 0);
        }
        assertEquals(List.of(), wrong);
    }

    /** Expects this status, or (0) anything but 401 and 403: let through to validation or the handler. */
    private static void expect(List<String> wrong, Probe probe, String who, String auth, int status) {
        int got = probe.as(auth).statusCode();
        boolean ok = status == 0 ? got != 401 && got != 403 : got == status;
        if (!ok) {
            wrong.add(who + " " + probe.method() + " " + probe.path() + ": " + got + " (expected "
                    + (status == 0 ? "neither 401 nor 403" : status) + ")");
        }
    }

    @Test
    void anAdministrationPathTheDocumentDoesNotNameIsNotFound() {
        HttpResponse<String> answer = call("GET", gateway.httpUri("/api/v1/admin/secrets"), null, "authorization", admin);
        assertEquals(404, answer.statusCode(), answer.body());
        HttpResponse<String> method = call("DELETE", gateway.httpUri("/api/v1/admin/centres"), null,
                "authorization", admin);
        assertTrue(method.statusCode() == 404 || method.statusCode() == 405, method.body());
    }
}
