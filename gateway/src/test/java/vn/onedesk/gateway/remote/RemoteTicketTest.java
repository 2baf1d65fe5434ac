package vn.onedesk.gateway.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.RemoteTicketSettings;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Remote tickets end to end against the demo centre on a real PostgreSQL: taken over HTTP from a "phone", confirmed by
 * a real MQTT kiosk, passed over and called, or expired, by a real MQTT counter terminal; the citizen's public view
 * read by the ticket's token. The gateway's clock is a test clock at 09:00 in the centre, within its sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteTicketTest {
    private static final String PHONE = "0912 345 678";
    private static final int PER_ADDRESS = 30;

    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T02:00:00Z"));
    private GatewayHarness gateway;
    private TestDevice kiosk;
    private int requests;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), RemoteTicketSettings.ENV_PER_ADDRESS, String.valueOf(PER_ADDRESS),
                RemoteTicketSettings.ENV_PHONE_HASH_KEY, "a-test-key-of-at-least-32-characters-0123")), clock);
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
    }

    @AfterAll
    void stop() throws Exception {
        kiosk.close();
        gateway.close();
    }

    private HttpResponse<String> take(String requestId, String service, String phone) {
        requests++;
        return HttpCalls.postJson(gateway.httpUri("/api/v1/centres/" + CENTRE + "/remote-tickets"),
                "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\",\"phone\":\"" + phone + "\"}");
    }

    private JsonNode kioskRequest(String body) throws Exception {
        String id = "k-" + System.nanoTime();
        return kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response", id,
                "{\"requestId\":\"" + id + "\"," + body + "}");
    }

    private JsonNode command(TestDevice terminal, String counter, String command) throws Exception {
        String id = counter + "-" + command + "-" + System.nanoTime();
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter
                + "/replies", id, "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
    }

    private JsonNode view(String token) {
        return HttpCalls.json(HttpCalls.get(gateway.httpUri("/api/v1/centres/" + CENTRE + "/tickets/by-token/" + token)));
    }

    @Test
    void aRemoteTicketWaitsUnconfirmedIsPassedOverThenConfirmedAtTheKioskAndCalledToItsCounter() throws Exception {
        try (LogCapture logs = LogCapture.named("");
             TestDevice q21 = gateway.device("counter-Q21")) {
            q21.subscribe(PREFIX + "counters/Q21/replies");
            assertFalse(command(q21, "Q21", "OPEN").has("error"));

            HttpResponse<String> taken = take("phone-1", "CA", PHONE);
            assertEquals(201, taken.statusCode(), taken.body());
            JsonNode body = HttpCalls.json(taken);
            String token = body.path("token").asText();
            String code = body.path("code").asText();
            assertTrue(code.matches("[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}"), code);
            assertEquals("/ticket/" + token + "?c=" + CENTRE, body.path("ticketPage").asText());
            assertEquals("WAITING", body.path("ticket").path("state").asText(), taken.body());
            assertFalse(body.path("ticket").path("remote").path("confirmed").asBoolean(), taken.body());
            assertEquals(taken.body(), take("phone-1", "CA", PHONE).body(), "a retry gets the same answer");
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE token = $1 AND channel = 'REMOTE'"
                    + " AND remote_code = $2 AND remote_holder ~ '^[0-9a-f]{64}$'", token, code));
            String number = body.path("ticket").path("number").asText();

            JsonNode walkIn = kioskRequest("\"service\":\"CA\"").path("ticket");
            JsonNode first = command(q21, "Q21", "CALL_NEXT");
            assertEquals(walkIn.path("number").asText(), first.path("ticket").path("number").asText(),
                    "the unconfirmed remote ticket is passed over: " + first);
            assertEquals(1, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE e.type = 'RemoteTicketPassed' AND t.token = $1 AND e.counter_id = 'Q21'", token));
            JsonNode passed = view(token);
            assertEquals(0, passed.path("ahead").asInt(), "it keeps its place at the head: " + passed);
            assertTrue(passed.path("turnNear").asBoolean(), passed.toString());
            assertTrue(passed.path("remote").hasNonNull("expiresAfter"), passed.toString());

            JsonNode confirmed = kioskRequest("\"remoteCode\":\"" + code.substring(0, 3).toLowerCase() + "-"
                    + code.substring(3) + "\"");
            assertEquals(number, confirmed.path("ticket").path("number").asText(), confirmed.toString());
            assertTrue(confirmed.path("ticket").path("remote").path("confirmed").asBoolean(), confirmed.toString());
            assertFalse(confirmed.path("ticket").has("token"), "the kiosk does not get the phone's token");
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'RemoteTicketConfirmed'"
                    + " AND payload->>'by' = 'kiosk-1'"));

            command(q21, "Q21", "COMPLETE");
            JsonNode second = command(q21, "Q21", "CALL_NEXT");
            assertEquals(number, second.path("ticket").path("number").asText(), second.toString());
            JsonNode called = view(token);
            assertEquals("CALLED", called.path("state").asText(), called.toString());
            assertEquals(21, called.path("counterNumber").asInt(), called.toString());
            assertEquals(0, gateway.count("SELECT count(*) FROM tickets WHERE token = $1 AND remote_holder IS NOT NULL",
                    token), "the phone's hash goes once the ticket is called");
            command(q21, "Q21", "COMPLETE");

            String digits = PHONE.replace(" ", "");
            for (String table : new String[] {"tickets", "events", "requests"}) {
                assertEquals(0, gateway.count("SELECT count(*) FROM " + table + " t WHERE t::text LIKE $1",
                        "%" + digits.substring(1) + "%"), "the phone number is in " + table);
            }
            assertFalse(logs.text().contains(digits.substring(1)), "the phone number is never logged");
        }
    }

    @Test
    void aRemoteTicketNeverConfirmedExpiresAtTheFirstCallAfterItsGraceAndItsPageSaysNoShow() throws Exception {
        try (TestDevice q04 = gateway.device("counter-Q04")) {
            q04.subscribe(PREFIX + "counters/Q04/replies");
            assertFalse(command(q04, "Q04", "OPEN").has("error"));
            JsonNode body = HttpCalls.json(take("phone-expiry", "DD", "+84 987 654 321"));
            String token = body.path("token").asText();
            JsonNode w1 = kioskRequest("\"service\":\"DD\"").path("ticket");
            JsonNode w2 = kioskRequest("\"service\":\"DD\"").path("ticket");

            assertEquals(w1.path("number").asText(), command(q04, "Q04", "CALL_NEXT").path("ticket").path("number")
                    .asText());
            command(q04, "Q04", "COMPLETE");
            clock.advance(Duration.ofMinutes(6)); // past the demo's 5 minutes of grace
            JsonNode next = command(q04, "Q04", "CALL_NEXT");
            assertEquals(w2.path("number").asText(), next.path("ticket").path("number").asText(), next.toString());
            command(q04, "Q04", "COMPLETE");

            JsonNode expired = view(token);
            assertEquals("NO_SHOW", expired.path("state").asText(), expired.toString());
            assertEquals(1, gateway.count("SELECT count(*) FROM events e JOIN tickets t USING (ticket_id)"
                    + " WHERE e.type = 'TicketNoShow' AND (e.payload->>'expired')::boolean AND t.token = $1"
                    + " AND t.remote_holder IS NULL", token));
            JsonNode confirm = kioskRequest("\"remoteCode\":\"" + body.path("code").asText() + "\"");
            assertEquals("UNKNOWN_REMOTE_TICKET", confirm.path("error").path("code").asText(), confirm.toString());
        }
    }

    @Test
    void aPhoneHoldsAtMostTwoWaitingRemoteTicketsAndBadInputGetsItsCode() throws Exception {
        try (TestDevice q01 = gateway.device("counter-Q01")) {
            q01.subscribe(PREFIX + "counters/Q01/replies");
            assertFalse(command(q01, "Q01", "OPEN").has("error"));
            assertEquals(201, take("limit-1", "TP", "0933.111.222").statusCode());
            assertEquals(201, take("limit-2", "TP", "84933111222").statusCode());
            HttpResponse<String> third = take("limit-3", "TP", "0933 111 222");
            assertEquals(409, third.statusCode(), third.body());
            assertEquals("REMOTE_LIMIT", HttpCalls.errorCode(third));
            assertEquals(201, take("limit-4", "TP", "0933 111 223").statusCode(), "another phone is not bound");

            HttpResponse<String> reused = take("limit-1", "TP", "0944 000 111");
            assertEquals(409, reused.statusCode(), reused.body());
            assertEquals("DUPLICATE_REQUEST", HttpCalls.errorCode(reused));
            HttpResponse<String> badPhone = take("bad-1", "TP", "12345");
            assertEquals(400, badPhone.statusCode(), badPhone.body());
            assertEquals("phone", HttpCalls.json(badPhone).path("error").path("field").asText());
            HttpResponse<String> unknownService = take("bad-2", "NOPE", "0944 000 111");
            assertEquals(404, unknownService.statusCode(), unknownService.body());
            assertEquals("UNKNOWN_SERVICE", HttpCalls.errorCode(unknownService));
            HttpResponse<String> nobodyServes = take("bad-3", "BHXH", "0944 000 111");
            assertEquals(409, nobodyServes.statusCode(), nobodyServes.body());
            assertEquals("SERVICE_CLOSED", HttpCalls.errorCode(nobodyServes));
            HttpResponse<String> notJson = HttpCalls.postJson(gateway.httpUri("/api/v1/centres/" + CENTRE
                    + "/remote-tickets"), "phone=1");
            assertEquals(400, notJson.statusCode(), notJson.body());
            assertNotEquals("INTERNAL", HttpCalls.errorCode(notJson));
            requests++; // it counted against the address's rate too
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it spends the address's hour
    void oneAddressIsLimitedToItsHourlyRateWithRetryAfter() {
        HttpResponse<String> last = null;
        int sent = requests;
        while (sent < PER_ADDRESS) {
            last = take("rate-" + sent, "NOPE", "0955 000 111");
            sent++;
            assertNotEquals(429, last.statusCode(), "refused after only " + sent + " requests");
        }
        last = take("rate-over", "NOPE", "0955 000 111");
        assertEquals(429, last.statusCode(), last.body());
        assertEquals("TOO_MANY_REQUESTS", HttpCalls.errorCode(last));
        assertTrue(Long.parseLong(last.headers().firstValue("retry-after").orElseThrow()) > 0);
    }
}
