package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The rating pad of a real centre, not the demo: the page asks for its device login (rating-Q05, typed into the
 * overlay), then rates what counter Q05 completes over MQTT.
 */
class RatingPadLoginTest extends BrowserTest {
    private static final String PASSWORD = "pad-test-password";

    /** The demo centre as a real configuration: the same centre and devices, with password hashes only. */
    @Override
    protected Map<String, String> gatewayEnv() throws Exception {
        return demoCentreWithHashedPasswords(PASSWORD);
    }

    @Test
    void thePadLogsInAsItsCountersRatingPadAndRatesTheTicketTheCounterCompletes() throws Exception {
        Browser pad = browser(1280, 800).open(url("/rating?counter=Q05"));
        pad.waitVisible("form#login");
        assertEquals("rating-Q05", pad.find("form#login input[name=device]").getAttribute("value"),
                "the page names its counter's pad");
        pad.find("form#login input[name=password]").sendKeys(PASSWORD);
        pad.find("form#login button[type=submit]").click();
        pad.waitConnection("online");
        pad.waitUntil("the idle screen", d -> "idle".equals(pad.attribute("body", "data-screen")) ? true : null);

        String number;
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kiosk-1", PASSWORD);
             TestDevice q05 = TestDevice.connect(gateway.mqttUri(), "counter-Q05", PASSWORD)) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            number = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request", PREFIX + "kiosks/kiosk-1/tickets/response",
                    "t1", "{\"requestId\":\"t1\",\"service\":\"DD\"}").path("ticket").path("number").asText();
            q05.subscribe(PREFIX + "counters/Q05/replies");
            for (String command : new String[] {"OPEN", "CALL_NEXT", "COMPLETE"}) {
                JsonNode reply = q05.request(PREFIX + "counters/Q05/commands", PREFIX + "counters/Q05/replies",
                        "q05-" + command, "{\"requestId\":\"q05-" + command + "\",\"command\":\"" + command + "\"}");
                assertFalse(reply.has("error"), reply.toString());
            }
        }

        pad.waitUntil("the five faces", d -> "ask".equals(pad.attribute("body", "data-screen")) ? true : null);
        pad.find("#faces button.face[data-score='4']").click();
        pad.waitUntil("thanks", d -> "thanks".equals(pad.attribute("body", "data-screen")) ? true : null);
        assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated' AND counter_id = 'Q05'"
                + " AND (payload->>'score')::int = 4 AND payload->>'number' = $1", number));
        pad.waitUntil("back to idle", d -> "idle".equals(pad.attribute("body", "data-screen")) ? true : null);
    }
}
