package vn.onedesk.gateway.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.staff.CounterPasses;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The counter console's way in, end to end: an officer logged in over HTTP gets a counter pass
 * ({@code POST /api/v1/auth/counter-pass}), and the counter's terminal (Paho over real MQTT, as the console's own
 * connection is) opens the counter with {@code officer} + {@code pass}. Real PostgreSQL with the demo's staff; the
 * gateway's clock is the test's, so a pass's 60 s are exact. Each test uses its own counters and officers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterPassTest {
    private static final String COUNTER_PASS = "/api/v1/auth/counter-pass";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T01:00:00Z"));
    private GatewayHarness gateway;
    private int requests;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo(clock);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> askForPass(String token) {
        return HttpCalls.post(gateway.httpUri(COUNTER_PASS), "authorization", Logins.bearer(token));
    }

    /** Logs the officer in and returns a fresh pass. */
    private String passOf(String officer) {
        HttpResponse<String> answer = askForPass(Logins.token(gateway, officer, Logins.DEMO_PASSWORD));
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpCalls.json(answer).path("pass").asText();
    }

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
        return terminal;
    }

    private JsonNode open(TestDevice terminal, String counter, String requestId, String officer, String pass)
            throws Exception {
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\",\"command\":\"OPEN\",\"officer\":\"" + officer
                        + "\",\"pass\":\"" + pass + "\"}");
    }

    private JsonNode open(TestDevice terminal, String counter, String officer, String pass) throws Exception {
        return open(terminal, counter, counter + "-" + (++requests), officer, pass);
    }

    private JsonNode command(TestDevice terminal, String counter, String command) throws Exception {
        String requestId = counter + "-" + (++requests);
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
    }

    private static String code(JsonNode reply) {
        return reply.path("error").path("code").asText();
    }

    private boolean open(String counter) {
        return gateway.count("SELECT count(*) FROM counters WHERE counter_id = $1 AND open", counter) == 1;
    }

    @Test
    void onlyALoggedInOfficerGetsAPassAnAdministratorOrManagerIsForbiddenAndNobodyLoggedInIsUnauthenticated() {
        HttpResponse<String> anonymous = HttpCalls.post(gateway.httpUri(COUNTER_PASS));
        HttpResponse<String> manager = askForPass(Logins.manager(gateway));
        HttpResponse<String> admin = askForPass(Logins.admin(gateway));
        HttpResponse<String> officer = askForPass(Logins.token(gateway, "officer-Q01", Logins.DEMO_PASSWORD));

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(anonymous));
        assertEquals(403, manager.statusCode(), manager.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(manager));
        assertEquals(403, admin.statusCode(), admin.body());
        assertEquals("FORBIDDEN", HttpCalls.errorCode(admin));
        assertEquals(200, officer.statusCode(), officer.body());
        JsonNode pass = HttpCalls.json(officer);
        assertTrue(pass.path("pass").asText().matches("[A-Za-z0-9_-]{43}"), "256 bits, URL-safe: " + pass);
        assertEquals("officer-Q01", pass.path("officer").path("id").asText());
        assertEquals("Cán bộ quầy 1 (demo)", pass.path("officer").path("name").asText());
        assertEquals(clock.instant().plus(CounterPasses.LIFETIME).toString(), pass.path("expiresAt").asText());
        assertEquals("no-store", officer.headers().firstValue("cache-control").orElse(""));
    }

    @Test
    void thePassOpensTheCounterAsItsOfficerAndEveryEventRecordsThemButThePassIsStoredAndLoggedNowhere()
            throws Exception {
        try (TestDevice q02 = terminal("Q02"); LogCapture log = LogCapture.of(CounterPasses.class)) {
            String pass = passOf("officer-Q02");

            JsonNode opened = open(q02, "Q02", "officer-Q02", pass);
            command(q02, "Q02", "CLOSE");

            assertEquals("officer-Q02", opened.path("counter").path("officer").path("id").asText(), opened.toString());
            assertEquals("Cán bộ quầy 2 (demo)", opened.path("counter").path("officer").path("name").asText());
            assertFalse(opened.toString().contains(pass), "the reply never repeats the pass");
            assertEquals(2, gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q02'"
                    + " AND type IN ('CounterOpened', 'CounterClosed') AND payload->>'officer' = 'officer-Q02'"));
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE payload::text LIKE $1", "%" + pass + "%"));
            assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE fingerprint LIKE $1"
                    + " OR encode(reply, 'escape') LIKE $1", "%" + pass + "%"));
            assertFalse(log.text().contains(pass), log.text());
        }
    }

    @Test
    void aPassOpensOnlyOnceButTheSameOpenResentIsAnsweredAsBefore() throws Exception {
        try (TestDevice q03 = terminal("Q03"); TestDevice q04 = terminal("Q04")) {
            String pass = passOf("officer-Q03");

            JsonNode first = open(q03, "Q03", "Q03-once", "officer-Q03", pass);
            JsonNode resent = open(q03, "Q03", "Q03-once", "officer-Q03", pass);
            command(q03, "Q03", "CLOSE");
            JsonNode again = open(q03, "Q03", "officer-Q03", pass);
            JsonNode elsewhere = open(q04, "Q04", "officer-Q03", pass);

            assertEquals("officer-Q03", first.path("counter").path("officer").path("id").asText(), first.toString());
            assertEquals(first, resent, "a resend of the same OPEN is the same use of the pass");
            assertEquals("NOT_AUTHORISED", code(again), again.toString());
            assertEquals("officer or pass not accepted", again.path("error").path("detail").asText());
            assertEquals("NOT_AUTHORISED", code(elsewhere), elsewhere.toString());
            assertFalse(open("Q03") || open("Q04"));
        }
    }

    @Test
    void aPassIsRefusedOnceItsSixtySecondsArePastAndANewOneWorks() throws Exception {
        try (TestDevice q05 = terminal("Q05")) {
            String stale = passOf("officer-Q05");
            clock.advance(CounterPasses.LIFETIME);

            JsonNode expired = open(q05, "Q05", "officer-Q05", stale);
            assertEquals("NOT_AUTHORISED", code(expired), expired.toString());
            assertFalse(open("Q05"));

            String fresh = passOf("officer-Q05");
            clock.advance(CounterPasses.LIFETIME.minus(Duration.ofSeconds(1)));
            JsonNode opened = open(q05, "Q05", "officer-Q05", fresh);
            assertEquals("officer-Q05", opened.path("counter").path("officer").path("id").asText(), opened.toString());
            command(q05, "Q05", "CLOSE");
        }
    }

    @Test
    void aPassIsBoundToItsOfficerAndANewPassReplacesTheOldOne() throws Exception {
        try (TestDevice q06 = terminal("Q06")) {
            String first = passOf("officer-Q06");
            JsonNode anotherOfficer = open(q06, "Q06", "officer-Q07", first);
            String second = passOf("officer-Q06");
            JsonNode replaced = open(q06, "Q06", "officer-Q06", first);

            assertEquals("NOT_AUTHORISED", code(anotherOfficer), anotherOfficer.toString());
            assertEquals("NOT_AUTHORISED", code(replaced), replaced.toString());
            assertEquals("officer-Q06", open(q06, "Q06", "officer-Q06", second).path("counter").path("officer")
                    .path("id").asText());
            command(q06, "Q06", "CLOSE");
        }
    }

    @Test
    void anOfficerOfAnotherOperatorIsToldSoAndOneOfAnotherCentreIsRefused() throws Exception {
        try (TestDevice q08 = terminal("Q08")) {
            JsonNode bhxh = open(q08, "Q08", "officer-Q17", passOf("officer-Q17"));
            gateway.count("WITH moved AS (UPDATE staff_roles SET centre_id = 'hcc-huyen' WHERE username = 'officer-Q08'"
                    + " RETURNING 1) SELECT count(*) FROM moved");
            JsonNode otherCentre = open(q08, "Q08", "officer-Q08", passOf("officer-Q08"));

            assertEquals("WRONG_OPERATOR", code(bhxh), bhxh.toString());
            assertTrue(bhxh.path("error").path("detail").asText().contains("BHXH"), bhxh.toString());
            assertEquals("NOT_AUTHORISED", code(otherCentre), otherCentre.toString());
            assertFalse(open("Q08"));
        }
    }

    @Test
    void aPassOfAnOfficerDisabledSinceOrLoggedOutSinceIsRefused() throws Exception {
        try (TestDevice q09 = terminal("Q09"); TestDevice q10 = terminal("Q10")) {
            String disabledsPass = passOf("officer-Q09");
            GatewayHarness.await(gateway.gateway().staff().store().setEnabled("officer-Q09", false, clock.instant()));
            String token = Logins.token(gateway, "officer-Q10", Logins.DEMO_PASSWORD);
            String loggedOutsPass = HttpCalls.json(askForPass(token)).path("pass").asText();
            assertEquals(204, HttpCalls.post(gateway.httpUri("/api/v1/auth/logout"), "authorization",
                    Logins.bearer(token)).statusCode());

            JsonNode disabled = open(q09, "Q09", "officer-Q09", disabledsPass);
            JsonNode loggedOut = open(q10, "Q10", "officer-Q10", loggedOutsPass);

            assertEquals("NOT_AUTHORISED", code(disabled), disabled.toString());
            assertEquals("NOT_AUTHORISED", code(loggedOut), loggedOut.toString());
            assertFalse(open("Q09") || open("Q10"));
        }
    }

    @Test
    void anOpenWithBothAPinAndAPassIsMalformed() throws Exception {
        try (TestDevice q11 = terminal("Q11")) {
            JsonNode both = q11.request(PREFIX + "counters/Q11/commands", PREFIX + "counters/Q11/replies", "Q11-both",
                    "{\"requestId\":\"Q11-both\",\"command\":\"OPEN\",\"officer\":\"officer-Q11\",\"pin\":\"1234\","
                            + "\"pass\":\"" + passOf("officer-Q11") + "\"}");

            assertEquals("MALFORMED", code(both), both.toString());
        }
    }
}
