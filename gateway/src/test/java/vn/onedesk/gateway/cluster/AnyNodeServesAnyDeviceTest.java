package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.SseClient;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Two gateway nodes on real Hazelcast and PostgreSQL, devices on Paho: a kiosk connected to the node that does not
 * write its centre gets its ticket from the node that does, the same bytes again on a retry, and a display on either
 * node sees the call a counter makes on the other, in seq order, with the retained now-serving of every counter; the
 * ticket's page and the hall's event stream, asked of the other node, come from the writer.
 */
class AnyNodeServesAnyDeviceTest {
    private static final String PREFIX = "onedesk/v1/hcc-tinh/";
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    @Test
    void aKioskOnTheOtherNodeGetsItsTicketFromTheWriterAndDisplaysOnBothNodesSeeTheCall() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        List<Integer> ports = GatewayNode.freePorts(2);
        try (GatewayNode a = GatewayNode.start(url, ports.get(0), ports, GatewayNode.withCopies("hcc-2", "hcc-3"));
             GatewayNode b = GatewayNode.start(url, ports.get(1), ports, GatewayNode.withCopies("hcc-2", "hcc-3"))) {
            GatewayNode.eventually(() -> a.owned().contains("hcc-tinh") != b.owned().contains("hcc-tinh")
                    && a.members().size() == 2, "one node writes the demo centre");
            GatewayNode writer = a.owned().contains("hcc-tinh") ? a : b;
            GatewayNode other = writer == a ? b : a;

            try (TestDevice kiosk = TestDevice.connect(other.mqttUri(), "kiosk-1", "demo");
                 TestDevice counter = TestDevice.connect(writer.mqttUri(), "counter-Q12", "demo");
                 TestDevice farHall = TestDevice.connect(other.mqttUri(), "hall-1", "demo");
                 TestDevice nearHall = TestDevice.connect(writer.mqttUri(), "hall-1", "demo", "hall-1-near")) {
                kiosk.subscribe(RESPONSE);
                counter.subscribe(PREFIX + "counters/Q12/replies");
                farHall.subscribe(PREFIX + "calls", PREFIX + "counters/+/now");
                nearHall.subscribe(PREFIX + "calls");
                TestDevice.Received retained = farHall.await(r -> r.topic().endsWith("/Q24/now") && r.retained(),
                        Duration.ofSeconds(10));
                assertTrue(retained.topic().startsWith(PREFIX),
                        "the writer's retained now-serving reached the other node");

                JsonNode ticket = kiosk.request(REQUEST, RESPONSE, "x-node-1",
                        "{\"requestId\":\"x-node-1\",\"service\":\"GT\"}");
                String number = ticket.path("ticket").path("number").asText();
                assertTrue(number.matches("[A-Z]\\d{3}"), ticket.toString());
                JsonNode retry = kiosk.request(REQUEST, RESPONSE, "x-node-1",
                        "{\"requestId\":\"x-node-1\",\"service\":\"GT\"}");
                assertEquals(ticket, retry, "a retry through the other node gets the stored answer");
                assertEquals(1, Long.parseLong(writer.gateway().query("SELECT count(*) FROM tickets WHERE number = $1",
                        number).toCompletionStage().toCompletableFuture().get().iterator().next().getValue(0)
                        .toString()), "one ticket, committed once");

                String token = ticket.path("ticket").path("token").asText();
                assertTrue(!token.isEmpty(), ticket.toString());
                String page = "/api/v1/centres/hcc-tinh/tickets/by-token/" + token;
                HttpResponse<String> far = http(other.httpPort(), page);
                assertEquals(200, far.statusCode(), far.body());
                assertEquals(number, json(far.body()).path("number").asText(),
                        "the ticket page, asked of the node that does not write the centre: " + far.body());

                SseClient stream = SseClient.open("http://127.0.0.1:" + other.httpPort()
                        + "/api/v1/centres/hcc-tinh/waits/stream", null);
                String commands = PREFIX + "counters/Q12/commands";
                String replies = PREFIX + "counters/Q12/replies";
                counter.request(commands, replies, "x-open", "{\"requestId\":\"x-open\",\"command\":\"OPEN\"}");
                JsonNode called = counter.request(commands, replies, "x-call",
                        "{\"requestId\":\"x-call\",\"command\":\"CALL_NEXT\"}");
                assertEquals(number, called.path("ticket").path("number").asText(), called.toString());
                JsonNode farCall = farHall.await(PREFIX + "calls").json();
                JsonNode near = nearHall.await(PREFIX + "calls").json();
                assertEquals(number, farCall.path("ticket").asText(), "the display on the other node sees the call");
                assertEquals(near.path("seq").asLong(), farCall.path("seq").asLong(), "with the same seq");

                SseClient.Event streamed = stream.await(e -> "call".equals(e.name()), Duration.ofSeconds(10));
                assertEquals(farCall.path("seq").asLong(), Long.parseLong(streamed.id()),
                        "the hall's event stream, opened on the other node, carries the call from the writer");
                stream.close();
                counter.request(commands, replies, "x-recall", "{\"requestId\":\"x-recall\",\"command\":\"RECALL\"}");
                assertEquals(farCall.path("seq").asLong() + 1,
                        farHall.await(PREFIX + "calls").json().path("seq").asLong(),
                        "calls reach the other node in seq order");
            }
        }
    }

    private static HttpResponse<String> http(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }
}
