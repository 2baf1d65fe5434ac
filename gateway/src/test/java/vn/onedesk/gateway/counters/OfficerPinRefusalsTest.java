package vn.onedesk.gateway.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.staff.OfficerPins;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The refusals of an officer's PIN at a terminal that need the gateway's clock held still or an account changed:
 * wrong PINs throttled as logins are, a disabled officer refused as a wrong PIN is, and no PIN in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerPinRefusalsTest {
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

    private JsonNode open(TestDevice terminal, String counter, String officer, String pin) throws Exception {
        String requestId = counter + "-" + (++requests);
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\",\"command\":\"OPEN\",\"officer\":\"" + officer
                        + "\",\"pin\":\"" + pin + "\"}");
    }

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
        return terminal;
    }

    @Test
    void afterFiveWrongPinsInARowEvenTheRightOneIsRefusedUntilTheLockEndsAndNoPinIsLogged() throws Exception {
        try (TestDevice q09 = terminal("Q09"); LogCapture log = LogCapture.of(OfficerPins.class)) {
            for (int i = 0; i < 6; i++) {
                assertEquals("NOT_AUTHORISED", open(q09, "Q09", "officer-Q09", "98765" + i).path("error")
                        .path("code").asText());
            }
            JsonNode locked = open(q09, "Q09", "officer-Q09", "1234");
            assertEquals("NOT_AUTHORISED", locked.path("error").path("code").asText(), locked.toString());
            assertTrue(locked.path("error").path("detail").asText().contains("too many wrong PINs"), locked.toString());

            clock.advance(Duration.ofSeconds(2));
            JsonNode opened = open(q09, "Q09", "officer-Q09", "1234");
            assertEquals("officer-Q09", opened.path("counter").path("officer").path("id").asText(), opened.toString());
            assertTrue(log.text().contains("officer-Q09"), log.text());
            assertFalse(log.text().contains("98765") || log.text().contains("1234"), "no PIN in the log: " + log.text());
        }
    }

    @Test
    void aDisabledOfficerWithTheRightPinGetsTheSameAnswerAsAWrongPin() throws Exception {
        try (TestDevice q10 = terminal("Q10")) {
            JsonNode wrong = open(q10, "Q10", "officer-Q10", "4321");
            GatewayHarness.await(gateway.gateway().staff().store().setEnabled("officer-Q10", false, clock.instant()));

            JsonNode disabled = open(q10, "Q10", "officer-Q10", "1234");

            assertEquals("NOT_AUTHORISED", disabled.path("error").path("code").asText(), disabled.toString());
            assertEquals(wrong.path("error"), disabled.path("error"));
        }
    }
}
