package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The live administration across two nodes on real Hazelcast and PostgreSQL: a centre created through one node is
 * taken by the node it hashes to, its services, counters and devices are set up through the first node (the centre's
 * API answers from its writer), and its new kiosk logs in on either node and gets a ticket.
 */
class LiveAdministrationAcrossNodesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aCentreAndItsKioskCreatedThroughOneNodeServeACitizenThroughTheOther() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        List<Integer> ports = GatewayNode.freePorts(2);
        try (GatewayNode a = GatewayNode.start(url, ports.get(0), ports, centres -> centres);
             GatewayNode b = GatewayNode.start(url, ports.get(1), ports, centres -> centres)) {
            GatewayNode.eventually(() -> a.members().size() == 2 && b.members().size() == 2, "both nodes joined");
            String token = new ObjectMapper().readTree(call(a, "POST", "/api/v1/auth/login", null,
                    "{\"username\":\"admin\",\"password\":\"demo\"}").body()).path("token").asText();
            String c = "/api/v1/admin/centres";
            assertEquals(201, call(a, "POST", c, token, "{\"id\":\"xa-an-binh\",\"name\":\"Trung tâm xã An Bình\","
                    + "\"ticketsOnlyInSessions\":false}").statusCode());
            GatewayNode.eventually(() -> a.owned().contains("xa-an-binh") || b.owned().contains("xa-an-binh"),
                    "a node writes the new centre");
            assertEquals(201, call(a, "POST", c + "/xa-an-binh/services", token, "{\"code\":\"TP\",\"name\":"
                    + "\"Tư pháp\",\"prefix\":\"A\",\"servedBy\":[\"POSTAL\"],\"targetWaitMinutes\":20}").statusCode());
            assertEquals(201, call(a, "POST", c + "/xa-an-binh/counters", token, "{\"id\":\"Q01\",\"number\":1,"
                    + "\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}").statusCode());
            HttpResponse<String> device = call(a, "POST", c + "/xa-an-binh/devices", token,
                    "{\"id\":\"ab-kiosk\",\"role\":\"KIOSK\",\"password\":\"kiosk-secret\"}");
            assertEquals(201, device.statusCode(), device.body());

            for (GatewayNode node : List.of(a, b)) {
                JsonNode pages = new ObjectMapper().readTree(call(node, "GET", "/api/v1/pages/config?c=xa-an-binh",
                        null, null).body());
                assertEquals("Q01", pages.path("counters").get(0).path("id").asText(),
                        "the screens' configuration, from either node: " + pages);
                try (TestDevice kiosk = TestDevice.connect(node.mqttUri(), "ab-kiosk", "kiosk-secret")) {
                    String p = "onedesk/v1/xa-an-binh/kiosks/ab-kiosk/tickets/";
                    kiosk.subscribe(p + "response");
                    String id = "ab-" + node.httpPort();
                    JsonNode answer = kiosk.request(p + "request", p + "response", id,
                            "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
                    for (int i = 0; i < 20 && !answer.path("ticket").has("number"); i++) {
                        Thread.sleep(300); // UNAVAILABLE while the new centre loads: retried as a kiosk does
                        answer = kiosk.request(p + "request", p + "response", id,
                                "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
                    }
                    assertTrue(answer.path("ticket").path("number").asText().startsWith("A"), answer.toString());
                }
            }
        }
    }

    /** As a client that honours 503 and Retry-After does: while the centre moves, asks again a few times. */
    private static HttpResponse<String> call(GatewayNode node, String method, String path, String token, String body)
            throws Exception {
        HttpResponse<String> answer = once(node, method, path, token, body);
        for (int i = 0; i < 20 && answer.statusCode() == 503; i++) {
            Thread.sleep(300);
            answer = once(node, method, path, token, body);
        }
        return answer;
    }

    private static HttpResponse<String> once(GatewayNode node, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
