package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.displays.QrSvgReader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.SseClient;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;

/**
 * What anybody can read without logging in (the board, the waits stream, a citizen's ticket page) carries no
 * priority group and no internal ticket id, and a ticket is read only by the unguessable token of its QR code:
 * end to end, with Paho devices, the JDK's HTTP client and a real PostgreSQL, asserting on the raw bodies.
 */
class AnonymousTicketPrivacyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    private GatewayHarness gateway;
    private TestDevice kiosk;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayHarness.startDemo();
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE);
    }

    @AfterEach
    void stop() {
        kiosk.close();
        gateway.close();
    }

    @Test
    void aPregnantAndADisabledCitizensNumbersAreOnTheBoardTheStreamAndTheirTicketPagesWithoutPriorityOrInternalIds()
            throws Exception {
        JsonNode pregnant = ticket("p-1", "TP", "PREGNANT");
        JsonNode disabled = ticket("p-2", "TP", "DISABLED");
        JsonNode ordinary = ticket("p-3", "TP", "NONE");
        List<String> ids = List.of(pregnant.path("id").asText(), disabled.path("id").asText(),
                ordinary.path("id").asText());
        // The kiosk, an authenticated device, is told the priority group it asked for, and the token.
        assertEquals("PREGNANT", pregnant.path("priority").asText(), pregnant.toString());

        try (TestDevice q01 = gateway.device("counter-Q01");
             TestDevice hall = gateway.device("hall-1");
             SseClient waits = SseClient.open(url("/waits/stream"), null)) {
            q01.subscribe(PREFIX + "counters/Q01/replies");
            hall.subscribe(PREFIX + "calls", PREFIX + "counters/Q01/now", PREFIX + "board");
            assertEquals("board", waits.next(WAIT).name(), "the stream starts with the board");
            command(q01, "q-open", "OPEN");
            // Priority groups go first, so one of the two priority citizens is called to counter 1.
            String number = command(q01, "q-call", "CALL_NEXT").path("ticket").path("number").asText();
            assertTrue(List.of(pregnant.path("number").asText(), disabled.path("number").asText()).contains(number),
                    number);

            // The board over HTTP shows that number called at Q01, by number only.
            String board = gateway.httpUri("/api/v1/centres/" + CENTRE + "/board");
            String boardBody = awaitBody(board, body -> JsonCodec.tree(body.getBytes()).path("lastSeq").asLong() == 1);
            JsonNode boardJson = JsonCodec.tree(boardBody.getBytes());
            assertEquals(number, boardJson.path("counters").get(0).path("ticket").asText(), boardBody);
            assertEquals(number, boardJson.path("recentCalls").get(0).path("ticket").asText(), boardBody);
            assertAnonymous("GET board", boardBody, ids);

            // The waits stream: the call, then the waits and the board as they changed; every event's raw data.
            SseClient.Event call = waits.await(e -> e.name().equals("call"), WAIT);
            assertEquals(number, call.json().path("ticket").asText());
            SseClient.Event calledBoard = waits.await(e -> e.name().equals("board")
                    && e.json().path("counters").get(0).path("ticket").asText().equals(number), WAIT);
            List<SseClient.Event> events = new ArrayList<>(List.of(call, calledBoard));
            events.addAll(waits.drain());
            assertTrue(events.stream().anyMatch(e -> e.name().equals("wait")), "the waits changed too: " + events);
            events.forEach(e -> assertAnonymous("waits stream " + e.name(), e.data(), ids));

            // Each citizen's own page, opened with the token from the QR code.
            for (JsonNode mine : List.of(pregnant, disabled)) {
                String byToken = "/tickets/by-token/" + mine.path("token").asText();
                HttpResponse<String> view = SseClient.get(url(byToken));
                assertEquals(200, view.statusCode(), view.body());
                assertEquals(mine.path("number").asText(), JsonCodec.tree(view.body().getBytes()).path("number").asText());
                assertAnonymous("GET ticket view", view.body(), ids);
                assertFalse(view.body().contains(mine.path("token").asText()), "nor the token itself: " + view.body());
                try (SseClient stream = SseClient.open(url(byToken + "/stream"), null)) {
                    SseClient.Event first = stream.next(WAIT);
                    assertEquals("ticket", first.name());
                    assertEquals(mine.path("number").asText(), first.json().path("number").asText());
                    assertAnonymous("ticket stream", first.data(), ids);
                }
            }

            // The devices of the hall are authenticated, yet nothing on their topics names a ticket's id either:
            // a display shows numbers, and the same messages are what the public board carries.
            for (String topic : List.of(PREFIX + "calls", PREFIX + "counters/Q01/now", PREFIX + "board")) {
                TestDevice.Received received = hall.await(r -> r.topic().equals(topic) && r.text().contains(number),
                        WAIT);
                assertAnonymous(topic, received.text(), ids);
            }
        }
    }

    @Test
    void theTokenFromTheKioskResponseOpensTheTicketViewItsStreamAndItsQrCode() throws Exception {
        try (TestDevice q04 = gateway.device("counter-Q04")) {
            // A counter that serves DD is open, so the view carries an estimate.
            q04.subscribe(PREFIX + "counters/Q04/replies");
            JsonNode opened = q04.request(PREFIX + "counters/Q04/commands", PREFIX + "counters/Q04/replies", "q04-open",
                    "{\"requestId\":\"q04-open\",\"command\":\"OPEN\"}");
            assertFalse(opened.has("error"), opened.toString());
        }
        JsonNode mine = ticket("t-1", "DD", "ELDERLY");
        String token = mine.path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{22}"), "128 bits in URL-safe Base64: " + token);
        assertNotEquals(mine.path("id").asText(), token);
        assertNotEquals(token, ticket("t-2", "DD", "NONE").path("token").asText(), "every ticket has its own");

        JsonNode view = JsonCodec.tree(SseClient.get(url("/tickets/by-token/" + token)).body().getBytes());
        assertEquals(mine.path("number").asText(), view.path("number").asText());
        assertEquals("DD", view.path("service").asText());
        assertEquals("WAITING", view.path("state").asText());
        assertEquals(0, view.path("ahead").asInt(-1), view.toString());
        // turnNear: "your turn is near" (issue 17), from ahead and the centre's threshold
        assertEquals(List.of("number", "service", "serviceName", "state", "issuedAt", "ahead", "estimatedWait",
                "serviceState", "turnNear"), fieldNames(view), "what the citizen waits for, and nothing personal");
        assertTrue(view.path("turnNear").asBoolean(), "nobody ahead: near: " + view);
        assertEquals("OPEN", view.path("serviceState").asText(), view.toString());

        try (SseClient stream = SseClient.open(url("/tickets/by-token/" + token + "/stream"), null)) {
            assertEquals(view, stream.next(WAIT).json(), "the stream starts with the same view");
        }
        String qr = SseClient.get(url("/tickets/by-token/" + token + "/qr.svg")).body();
        assertEquals(gateway.httpUri("/ticket/" + token + "?c=" + CENTRE), QrSvgReader.decode(qr));
    }

    @Test
    void aTicketsInternalIdOrAMadeUpTokenIs404AndTheOldRoutesByIdAreGone() throws Exception {
        JsonNode mine = ticket("i-1", "TP", "DISABLED");
        String id = mine.path("id").asText();
        String madeUp = "Zm9vYmFyYmF6cXV4cXV1eA";
        assertNotEquals(mine.path("token").asText(), madeUp);
        for (String key : List.of(id, madeUp)) {
            for (String suffix : List.of("", "/stream", "/qr.svg")) {
                HttpResponse<String> response = SseClient.get(url("/tickets/by-token/" + key + suffix));
                assertEquals(404, response.statusCode(), key + suffix);
                assertEquals("UNKNOWN_TICKET", JsonCodec.tree(response.body().getBytes()).path("error").path("code")
                        .asText(), response.body());
                assertFalse(response.body().contains(mine.path("number").asText()), response.body());
            }
        }
        for (String suffix : List.of("", "/stream", "/qr.svg")) {
            HttpResponse<String> response = SseClient.get(url("/tickets/" + id + suffix));
            assertEquals(404, response.statusCode(), "by internal id: " + suffix);
            assertEquals("NOT_FOUND", JsonCodec.tree(response.body().getBytes()).path("error").path("code").asText());
            assertFalse(response.body().contains(mine.path("number").asText()), response.body());
        }
    }

    @Test
    void aRetryWithTheSameRequestIdGetsTheSameTokenAndTheTokenStillOpensTheTicketAfterARestart() throws Exception {
        JsonNode first = ticket("r-1", "GT", "PREGNANT");
        String token = first.path("token").asText();
        assertEquals(first, ticket("r-1", "GT", "PREGNANT"), "a retry gets the same ticket, token and all");
        assertEquals(token, storedToken(first.path("id").asText()), "the token is stored with the ticket");

        kiosk.close();
        gateway.restart();
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE);

        assertEquals(first, ticket("r-1", "GT", "PREGNANT"), "after a restart too");
        HttpResponse<String> view = SseClient.get(url("/tickets/by-token/" + token));
        assertEquals(200, view.statusCode(), view.body());
        assertEquals(first.path("number").asText(), JsonCodec.tree(view.body().getBytes()).path("number").asText());
        assertEquals(1, gateway.count("SELECT count(*) FROM tickets"), "one ticket for the three answers");
    }

    // ---------------------------------------------------------------- helpers

    /** Neither a priority group nor an internal ticket id, under any name, anywhere in the raw body. */
    private static void assertAnonymous(String where, String body, List<String> ids) {
        for (String secret : List.of("priority", "PREGNANT", "DISABLED", "ELDERLY", "ticketId", "\"id\"", "channel",
                "token")) {
            assertFalse(body.contains(secret), where + " carries " + secret + ": " + body);
        }
        for (String id : ids) {
            assertFalse(body.contains(id), where + " carries the internal id " + id + ": " + body);
        }
    }

    private String url(String path) {
        return gateway.httpUri("/api/v1/centres/" + CENTRE + path);
    }

    private JsonNode ticket(String requestId, String service, String priority) throws Exception {
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId, "{\"requestId\":\"" + requestId
                + "\",\"service\":\"" + service + "\",\"priority\":\"" + priority + "\"}");
        assertEquals("WAITING", reply.path("ticket").path("state").asText(), reply.toString());
        return reply.path("ticket");
    }

    private JsonNode command(TestDevice terminal, String requestId, String command) throws Exception {
        JsonNode reply = terminal.request(PREFIX + "counters/Q01/commands", PREFIX + "counters/Q01/replies",
                requestId, "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply;
    }

    private String storedToken(String ticketId) {
        return GatewayHarness.await(gateway.gateway().query("SELECT token FROM tickets WHERE ticket_id = $1", ticketId))
                .iterator().next().getString(0);
    }

    /** The body of a GET once it satisfies the predicate (the board follows commits within about a second). */
    private static String awaitBody(String url, java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body;
        do {
            body = SseClient.get(url).body();
            if (ready.test(body)) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not ready in " + WAIT + ": " + body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
