package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;

/**
 * The counter console marks, in its line, a ticket taken from a phone whose citizen has not confirmed at the kiosk
 * (CALL_NEXT passes it over), says when a call already passed it over, and drops the mark once the kiosk confirmed it.
 * The data is the counter queue's own, over MQTT.
 */
class RemoteTicketConsolePageTest extends BrowserTest {

    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(LocalTime.of(9, 0)); // remote tickets are taken within the sessions
    }

    @Test
    void anUnconfirmedRemoteTicketIsMarkedInTheLinePassedOverByCallNextAndUnmarkedOnceConfirmed() throws Exception {
        Browser console = counterConsole(browser(1366, 768), "Q21");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q21", true);
        HttpResponse<String> taken = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/remote-tickets"),
                "{\"requestId\":\"phone-tap-console\",\"service\":\"CA\",\"phone\":\"0912345678\"}");
        assertEquals(201, taken.statusCode(), taken.body());
        JsonNode remote = HttpCalls.json(taken);
        String remoteId = ticketIdOfToken(remote.path("token").asText());
        String walkIn = takeTicket("CA").path("id").asText();

        String row = "#queue li[data-ticket-id='" + remoteId + "']";
        console.waitUntil("the remote ticket marked unconfirmed", d ->
                "unconfirmed".equals(attr(console, row, "data-remote")) ? true : null);
        assertEquals("Từ xa · chưa xác nhận", console.text(row + " .remote"));
        assertTrue(console.find(row + " .remote").getAttribute("title").contains("Gọi theo số"),
                console.find(row + " .remote").getAttribute("title"));
        assertEquals(0, console.findAll("#queue li[data-ticket-id='" + walkIn + "'] .remote").size(),
                "a walk-in ticket has no mark");
        console.screenshot("counter-remote-unconfirmed-test");

        // CALL_NEXT passes it over and calls the walk-in behind it; the mark now says so, with its deadline
        press(console, "CALL_NEXT");
        console.waitText("#current .number", engine(q -> q.ticket(walkIn).orElseThrow().number()));
        console.waitUntil("the mark says it was passed over", d ->
                "true".equals(attr(console, row + " .remote", "data-passed")) ? true : null);
        assertEquals("Từ xa · chưa xác nhận · đã bỏ qua 1 lượt", console.text(row + " .remote"));
        assertTrue(console.find(row + " .remote").getAttribute("title").contains("09:05"),
                "the grace of 5 minutes from the pass at 09:00: " + console.find(row + " .remote").getAttribute("title"));

        // the citizen confirms at the kiosk: the mark goes, and the next call takes the ticket
        var kiosk = device("kiosk-1");
        kiosk.subscribe(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response");
        JsonNode confirmed = kiosk.request(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request",
                GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response", "confirm-console",
                "{\"requestId\":\"confirm-console\",\"remoteCode\":\"" + remote.path("code").asText() + "\"}");
        assertTrue(confirmed.path("ticket").path("remote").path("confirmed").asBoolean(), confirmed.toString());
        console.waitUntil("the mark gone", d -> "confirmed".equals(attr(console, row, "data-remote"))
                && console.findAll(row + " .remote").isEmpty() ? true : null);
        press(console, "COMPLETE");
        press(console, "CALL_NEXT");
        console.waitText("#current .number", remote.path("ticket").path("number").asText());
    }

    /** An attribute of the first element matching, or null when there is none (the list is redrawn as it changes). */
    private static String attr(Browser browser, String css, String name) {
        Object value = browser.js("const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null", css, name);
        return value == null ? null : value.toString();
    }
}
