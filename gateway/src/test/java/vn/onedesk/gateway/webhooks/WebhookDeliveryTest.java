package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.gateway.support.WebhookReceiver;

/**
 * Webhooks end to end on real PostgreSQL, MQTT (Paho) and a real local HTTP receiver: an admin subscribes; what the
 * hall does reaches the receiver signed, each event once or more under one id, a ticket's events in order, refused
 * deliveries tried again, the last refusal kept as a dead letter until an admin replays it.
 */
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "whsec-receiver-0123456789";

    private GatewayHarness gateway;
    private WebhookReceiver receiver;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of("ONEDESK_WEBHOOK_RETRY_BASE_MS", "100",
                "ONEDESK_WEBHOOK_RETRY_MAX_MS", "200", "ONEDESK_WEBHOOK_MAX_ATTEMPTS", "3",
                "ONEDESK_PG_URL", vn.onedesk.gateway.support.TestDatabase.freshDatabaseUrl())), Clock.systemUTC());
        receiver = new WebhookReceiver(SECRET);
        admin = Logins.admin(gateway);
    }

    @AfterEach
    void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void theHallsEventsReachTheReceiverSignedInOrderPerTicketAndRetriedUntilAccepted() throws Exception {
        // every event's first attempt is refused with 500: each is delivered by its second
        receiver.answer(d -> d.attempt() == 1 ? 500 : 200);
        JsonNode created = create("{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":"
                + "[\"ticket.issued\",\"ticket.called\",\"ticket.completed\"]}", 201);
        assertFalse(created.has("secret"), "the secret is never shown: " + created);
        assertTrue(created.path("id").asText().startsWith("wh-"), created.toString());

        List<String> numbers = new ArrayList<>();
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice counter = gateway.device("counter-Q01")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            counter.subscribe(PREFIX + "counters/Q01/replies");
            for (int i = 1; i <= 3; i++) {
                numbers.add(kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                        PREFIX + "kiosks/kiosk-1/tickets/response", "t" + i,
                        "{\"requestId\":\"t" + i + "\",\"service\":\"TP\"}").path("ticket").path("number").asText());
            }
            for (String command : List.of("OPEN", "CALL_NEXT", "START", "COMPLETE")) {
                JsonNode reply = counter.request(PREFIX + "counters/Q01/commands", PREFIX + "counters/Q01/replies",
                        command, "{\"requestId\":\"" + command + "\",\"command\":\"" + command + "\"}");
                assertFalse(reply.has("error"), reply.toString());
            }
        }
        // what was committed, from the journal: every announced event must be delivered under its id
        Set<String> committed = new HashSet<>();
        for (io.vertx.sqlclient.Row r : GatewayHarness.await(gateway.gateway().query("SELECT centre_id || ':' ||"
                + " version FROM events WHERE type IN ('TicketIssued', 'TicketCalled', 'ServiceCompleted')"))) {
            committed.add(r.getString(0));
        }
        assertEquals(5, committed.size(), "3 issued, 1 called, 1 completed: " + committed);
        receiver.await(all -> receiverAccepted(all).containsAll(committed), WAIT);

        Map<String, WebhookReceiver.Delivery> accepted = receiver.accepted();
        assertEquals(committed, accepted.keySet(), "exactly the committed events, each under its id");
        WebhookSchemas schemas = new WebhookSchemas();
        for (WebhookReceiver.Delivery d : receiver.all()) {
            assertTrue(d.signatureValid(), "signed with the subscription's secret: " + d);
            io.vertx.json.schema.OutputUnit valid = schemas.validate("TicketEvent",
                    new io.vertx.core.json.JsonObject(d.body()));
            assertTrue(valid.getValid(), "as the OpenAPI document says: " + d.body() + " " + valid.getErrors());
        }
        for (WebhookReceiver.Delivery d : accepted.values()) {
            assertEquals(2, d.attempt(), "the refused first attempt was tried again: " + d);
            long sameId = receiver.all().stream().filter(x -> x.eventId().equals(d.eventId())).map(x -> x.body())
                    .distinct().count();
            assertEquals(1, sameId, "every attempt of " + d.eventId() + " sends the same bytes");
        }
        // the called ticket's three events were accepted in their order
        List<String> firstTicket = new ArrayList<>();
        String calledNumber = null;
        for (WebhookReceiver.Delivery d : accepted.values()) {
            JsonNode body = vn.onedesk.protocol.JsonCodec.tree(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(d.eventId(), body.path("id").asText());
            assertEquals(d.type(), body.path("type").asText());
            assertEquals("hcc-tinh", body.path("centre").asText());
            if (d.type().equals("ticket.called")) {
                calledNumber = body.path("data").path("ticket").path("number").asText();
                assertEquals(1, body.path("data").path("counter").path("number").asInt(), body.toString());
                assertFalse(body.path("data").path("ticket").has("priority"), "no priority group leaves: " + body);
            }
        }
        assertTrue(numbers.contains(calledNumber), calledNumber + " in " + numbers);
        for (WebhookReceiver.Delivery d : accepted.values()) {
            if (d.body().contains("\"number\":\"" + calledNumber + "\"")) {
                firstTicket.add(d.type());
            }
        }
        assertEquals(List.of("ticket.issued", "ticket.called", "ticket.completed"), firstTicket);
    }

    @Test
    void turnNearIsAnnouncedOncePerTicketAsItComesWithinTheCentresThresholdEvenAcrossARestart() throws Exception {
        create("{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"turn.near\"]}", 201);
        List<String> numbers = new ArrayList<>();
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            for (int i = 1; i <= 5; i++) {
                numbers.add(kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                        PREFIX + "kiosks/kiosk-1/tickets/response", "n" + i,
                        "{\"requestId\":\"n" + i + "\",\"service\":\"TP\"}").path("ticket").path("number").asText());
            }
        }
        // the demo's threshold is 3 ahead: the first four tickets are near as they are issued, the fifth is not
        receiver.await(all -> receiverAccepted(all).size() >= 4, WAIT);
        Thread.sleep(1_000);
        assertEquals(numbers.subList(0, 4), turnNearNumbers(), "told once each");
        try (TestDevice counter = gateway.device("counter-Q01")) {
            counter.subscribe(PREFIX + "counters/Q01/replies");
            for (String command : List.of("OPEN", "CALL_NEXT")) {
                counter.request(PREFIX + "counters/Q01/commands", PREFIX + "counters/Q01/replies", command,
                        "{\"requestId\":\"" + command + "\",\"command\":\"" + command + "\"}");
            }
        }
        receiver.await(all -> receiverAccepted(all).size() >= 5, WAIT);
        assertEquals(numbers, turnNearNumbers(), "the fifth when the first was called");

        gateway.restart(); // the new writer tells the tickets near at load again: nothing new for the receiver
        Thread.sleep(2_000);
        assertEquals(numbers, turnNearNumbers(), "no second announcement of the same stay in line");
        assertEquals(5, gateway.count("SELECT count(*) FROM webhook_outbox WHERE type = 'turn.near'"));
        WebhookSchemas schemas = new WebhookSchemas();
        for (WebhookReceiver.Delivery d : receiver.all()) {
            JsonNode body = vn.onedesk.protocol.JsonCodec.tree(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(body.path("data").path("ahead").asInt() <= 3, d.body());
            assertTrue(schemas.validate("TurnNearEvent", new io.vertx.core.json.JsonObject(d.body())).getValid(),
                    d.body());
        }
    }

    private List<String> turnNearNumbers() {
        List<String> told = new ArrayList<>();
        for (WebhookReceiver.Delivery d : receiver.accepted().values()) {
            told.add(vn.onedesk.protocol.JsonCodec.tree(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .path("data").path("ticket").path("number").asText());
        }
        java.util.Collections.sort(told); // tickets of one service are numbered in line order here
        return told;
    }

    @Test
    void aDeliveryRefusedEveryTimeBecomesADeadLetterThatAnAdminReplays() throws Exception {
        receiver.answer(d -> 500);
        String id = create("{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":"
                + "[\"ticket.issued\"]}", 201).path("id").asText();
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response",
                    "dead-1", "{\"requestId\":\"dead-1\",\"service\":\"TP\"}");
        }
        receiver.await(all -> all.size() >= 3, WAIT);
        JsonNode letters = awaitDeadLetters(id, 1);
        JsonNode letter = letters.path("deadLetters").get(0);
        assertEquals("ticket.issued", letter.path("type").asText(), letters.toString());
        assertEquals(3, letter.path("attempts").asInt(), "ONEDESK_WEBHOOK_MAX_ATTEMPTS=3: " + letters);
        assertEquals(500, letter.path("lastStatus").asInt(), letters.toString());
        Thread.sleep(500);
        assertEquals(3, receiver.all().size(), "nothing is sent after the last attempt until a replay");

        receiver.answer(d -> 204);
        HttpResponse<String> replay = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks/" + id
                + "/dead-letters/replay"), "{}", "Authorization", Logins.bearer(admin));
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(1, HttpCalls.json(replay).path("replayed").asInt(), replay.body());
        receiver.await(all -> !receiverAccepted(all).isEmpty(), WAIT);
        assertEquals(letter.path("eventId").asText(), receiver.accepted().keySet().iterator().next());
        assertEquals(0, deadLetters(id).path("deadLetters").size(), "replayed and delivered");
        JsonNode view = HttpCalls.json(HttpCalls.get(gateway.httpUri("/api/v1/admin/webhooks/" + id),
                "Authorization", Logins.bearer(admin)));
        assertEquals(1, view.path("deliveries").path("delivered").asInt(), view.toString());
    }

    @Test
    void onlyAnAdminManagesWebhooksAndABadSubscriptionIsRefusedWithTheFieldAtFault() throws Exception {
        String body = "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"ticket.called\"]}";
        assertEquals(401, HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"), body).statusCode());
        HttpResponse<String> manager = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"), body,
                "Authorization", Logins.bearer(Logins.manager(gateway)));
        assertEquals(403, manager.statusCode(), manager.body());
        assertEquals(403, HttpCalls.get(gateway.httpUri("/api/v1/admin/webhooks"), "Authorization",
                Logins.bearer(Logins.manager(gateway))).statusCode());

        assertInvalid("{\"url\":\"" + receiver.url() + "\",\"secret\":\"short\",\"events\":[\"ticket.called\"]}",
                "secret");
        assertInvalid("{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"nope\"]}",
                "events");
        assertInvalid("{\"url\":\"ftp://example.org/x\",\"secret\":\"" + SECRET + "\",\"events\":[\"ticket.called\"]}",
                "url");
        assertInvalid("{\"url\":\"https://user:pw@example.org/x\",\"secret\":\"" + SECRET
                + "\",\"events\":[\"ticket.called\"]}", "url");

        String id = create(body, 201).path("id").asText();
        JsonNode list = HttpCalls.json(HttpCalls.get(gateway.httpUri("/api/v1/admin/webhooks"), "Authorization",
                Logins.bearer(admin)));
        assertEquals(1, list.path("webhooks").size(), list.toString());
        assertFalse(list.toString().contains(SECRET), "no secret in the list");
        assertEquals(204, HttpCalls.call("DELETE", gateway.httpUri("/api/v1/admin/webhooks/" + id), null,
                "Authorization", Logins.bearer(admin)).statusCode());
        assertEquals(404, HttpCalls.get(gateway.httpUri("/api/v1/admin/webhooks/" + id), "Authorization",
                Logins.bearer(admin)).statusCode());
        assertEquals(2, gateway.count("SELECT count(*) FROM admin_audit WHERE resource = $1",
                "/api/v1/admin/webhooks/" + id), "created and deleted, audited");
        assertEquals(0, gateway.count("SELECT count(*) FROM admin_audit WHERE after::text LIKE $1", "%" + SECRET + "%"),
                "the audit never holds the secret");
    }

    private static Set<String> receiverAccepted(List<WebhookReceiver.Delivery> all) {
        Set<String> ids = new HashSet<>();
        all.stream().filter(WebhookReceiver.Delivery::accepted).forEach(d -> ids.add(d.eventId()));
        return ids;
    }

    private JsonNode create(String body, int status) {
        HttpResponse<String> response = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"), body,
                "Authorization", Logins.bearer(admin));
        assertEquals(status, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private void assertInvalid(String body, String field) {
        HttpResponse<String> response = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"), body,
                "Authorization", Logins.bearer(admin));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("INVALID_FIELD", HttpCalls.errorCode(response), response.body());
        assertTrue(HttpCalls.json(response).path("error").path("field").asText().contains(field), response.body());
    }

    private JsonNode deadLetters(String id) {
        return HttpCalls.json(HttpCalls.get(gateway.httpUri("/api/v1/admin/webhooks/" + id + "/dead-letters"),
                "Authorization", Logins.bearer(admin)));
    }

    private JsonNode awaitDeadLetters(String id, int count) throws InterruptedException {
        AtomicInteger tries = new AtomicInteger();
        while (true) {
            JsonNode letters = deadLetters(id);
            if (letters.path("deadLetters").size() >= count) {
                return letters;
            }
            assertTrue(tries.incrementAndGet() < 200, "no dead letter: " + letters);
            Thread.sleep(100);
        }
    }
}
