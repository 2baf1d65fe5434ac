package vn.onedesk.gateway.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;

/**
 * An officer's logout unbinds them, end to end: they log in over HTTP, open their counter with a counter pass over
 * real MQTT, and {@code POST /api/v1/auth/logout} closes it through the centre's writer, as the counter's own CLOSE
 * would; a counter that still holds a ticket stays open with it, and the session ends all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerLogoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private GatewayHarness gateway;
    private int requests;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private JsonNode command(TestDevice terminal, String counter, String json) throws Exception {
        String requestId = counter + "-" + (++requests);
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\"," + json + "}");
    }

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
        return terminal;
    }

    /** The officer logs in over HTTP and opens the counter with a pass; returns their session's token. */
    private String logInAndOpen(TestDevice terminal, String counter, String officer) throws Exception {
        String token = Logins.token(gateway, officer, Logins.DEMO_PASSWORD);
        HttpResponse<String> pass = HttpCalls.post(gateway.httpUri("/api/v1/auth/counter-pass"), "authorization",
                Logins.bearer(token));
        JsonNode opened = command(terminal, counter, "\"command\":\"OPEN\",\"officer\":\"" + officer + "\",\"pass\":\""
                + HttpCalls.json(pass).path("pass").asText() + "\"");
        assertEquals(officer, opened.path("counter").path("officer").path("id").asText(), opened.toString());
        return token;
    }

    private HttpResponse<String> logout(String token) {
        return HttpCalls.post(gateway.httpUri("/api/v1/auth/logout"), "authorization", Logins.bearer(token));
    }

    private int me(String token) {
        return HttpCalls.get(gateway.httpUri("/api/v1/auth/me"), "authorization", Logins.bearer(token)).statusCode();
    }

    @Test
    void loggingOutClosesTheOfficersIdleCounterThroughItsWriterUnbindsThemAndEndsTheSession() throws Exception {
        try (TestDevice q12 = terminal("Q12"); TestDevice hall = gateway.device("hall-1")) {
            String token = logInAndOpen(q12, "Q12", "officer-Q12");
            hall.subscribe(PREFIX + "counters/Q12/now");
            hall.await(r -> r.topic().equals(PREFIX + "counters/Q12/now") && r.json().path("open").asBoolean(), WAIT);

            HttpResponse<String> answer = logout(token);

            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode counter = HttpCalls.json(answer).path("counters").path(0);
            assertEquals("hcc-tinh", counter.path("centre").asText(), answer.body());
            assertEquals("Q12", counter.path("id").asText());
            assertEquals(12, counter.path("number").asInt());
            assertFalse(counter.path("open").asBoolean(), answer.body());
            assertTrue(answer.headers().allValues("set-cookie").stream().anyMatch(c -> c.contains("Max-Age=0")),
                    "the cookie is cleared: " + answer.headers().allValues("set-cookie"));
            assertEquals(401, me(token), "the session has ended");

            JsonNode now = hall.await(r -> r.topic().equals(PREFIX + "counters/Q12/now")
                    && !r.json().path("open").asBoolean(), WAIT).json();
            assertTrue(now.path("officer").isMissingNode(), now.toString());
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q12' AND type = 'CounterClosed'"
                    + " AND payload->>'officer' = 'officer-Q12'"), "the CLOSE is an event like the counter's own");
            assertEquals(1, gateway.count("SELECT count(*) FROM requests WHERE device_id = 'staff:officer-Q12'"),
                    "the CLOSE went through the writer, remembered as the officer's");
            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q12'"
                    + " AND (open OR officer_id IS NOT NULL)"));
            logInAndOpen(q12, "Q12", "officer-Q12"); // unbound: they may open again
            command(q12, "Q12", "\"command\":\"CLOSE\"");
        }
    }

    @Test
    void loggingOutWhileTheCounterHoldsATicketEndsTheSessionButTheCounterStaysOpenWithItsTicketAndOfficer()
            throws Exception {
        try (TestDevice q13 = terminal("Q13"); TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response",
                    "logout-t1", "{\"requestId\":\"logout-t1\",\"service\":\"GT\"}"); // Q13 serves GT
            String token = logInAndOpen(q13, "Q13", "officer-Q13");
            JsonNode called = command(q13, "Q13", "\"command\":\"CALL_NEXT\"");
            String ticket = called.path("ticket").path("number").asText();
            assertFalse(ticket.isEmpty(), called.toString());
            command(q13, "Q13", "\"command\":\"START\"");

            HttpResponse<String> answer = logout(token);

            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode counter = HttpCalls.json(answer).path("counters").path(0);
            assertEquals("Q13", counter.path("id").asText(), answer.body());
            assertTrue(counter.path("open").asBoolean(), answer.body());
            assertEquals(ticket, counter.path("ticket").asText(), answer.body());
            assertEquals("SERVING", counter.path("ticketState").asText(), answer.body());
            assertEquals("officer-Q13", counter.path("officer").asText(), answer.body());
            assertTrue(counter.path("detail").asText().contains("stays open"), answer.body());
            assertEquals(401, me(token), "the session has ended all the same");
            assertEquals(1, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q13' AND open"
                    + " AND officer_id = 'officer-Q13' AND current_ticket_id IS NOT NULL"));

            JsonNode completed = command(q13, "Q13", "\"command\":\"COMPLETE\"");
            JsonNode closed = command(q13, "Q13", "\"command\":\"CLOSE\"");
            assertFalse(completed.has("error") || closed.has("error"), completed + " " + closed);
            assertEquals(2, gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q13'"
                    + " AND type IN ('ServiceCompleted', 'CounterClosed') AND payload->>'officer' = 'officer-Q13'"),
                    "the terminal finishes the ticket in the officer's name, then closes");
        }
    }

    @Test
    void loggingOutAtNoCounterIsTheUsualNoContentAndLeavesOtherOfficersCountersAlone() throws Exception {
        try (TestDevice q14 = terminal("Q14")) {
            logInAndOpen(q14, "Q14", "officer-Q14");
            String idle = Logins.token(gateway, "officer-Q15", Logins.DEMO_PASSWORD);

            HttpResponse<String> answer = logout(idle);

            assertEquals(204, answer.statusCode(), answer.body());
            assertEquals(1, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q14' AND open"
                    + " AND officer_id = 'officer-Q14'"));
            command(q14, "Q14", "\"command\":\"CLOSE\"");
        }
    }
}
