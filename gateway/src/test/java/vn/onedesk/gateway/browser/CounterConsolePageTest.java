package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;

/** The counter officer's console: log in, open the counter, call the next citizen and see why. */
class CounterConsolePageTest extends BrowserTest {

    @Test
    void theConsoleLoggedInAsCounterQ01OpensCallsTheWaitingTicketAndShowsWhyItWasChosen() throws Exception {
        JsonNode ticket = takeTicket("TP");
        String number = ticket.path("number").asText();

        Browser console = counterConsole("Q01");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q01", true);
        console.waitUntil("the waiting ticket listed in #queue",
                d -> queued(console).contains(ticket.path("id").asText()) ? true : null);

        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        assertEquals(TicketState.CALLED, engine(q -> q.ticket(ticket.path("id").asText()).orElseThrow().state()));
        assertEquals(ticket.path("id").asText(), engine(q -> q.counter("Q01").orElseThrow().currentTicket()));
        String reason = console.waitUntil("#reason filled", d -> {
            String r = console.text("#reason");
            return r == null || r.isBlank() ? null : r;
        });
        assertTrue(reason.contains(number), "the reason names the ticket: " + reason);
        assertFalse(console.text("#current .state").isBlank(), "the console shows the ticket's state");
        console.waitUntil("the called ticket leaves #queue",
                d -> queued(console).contains(ticket.path("id").asText()) ? null : true);
        console.screenshot("counter-console-test");
    }

    @Test
    void callingWithNobodyWaitingShowsTheErrorCodeAndItsVietnameseMessage() throws Exception {
        Browser console = counterConsole("Q02");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q02", true);
        press(console, "CALL_NEXT");
        console.waitUntil("#error[data-code=NO_TICKET_WAITING]",
                d -> "NO_TICKET_WAITING".equals(console.attribute("#error", "data-code")) ? true : null);
        assertTrue(console.find("#error").isDisplayed());
        String message = console.text("#error");
        assertTrue(message.contains(ErrorCode.NO_TICKET_WAITING.vietnameseMessage()),
                "the Vietnamese message, with its diacritics: " + message);
    }

    @Test
    void beforeAnyoneLogsInTheConsoleSaysNotLoggedInWithoutARedBadgeWhichMeansALostConnection() throws Exception {
        Browser console = browser().open(url("/counter"));
        console.waitVisible("form#login");
        console.waitUntil("the counters listed in the login form (the config is loaded)",
                d -> console.findAll("form#login select[name=counter] option").size() > 1 ? true : null);
        assertEquals("signedOut", console.attribute("#connection", "data-state"));
        assertEquals("Chưa đăng nhập", console.text("#connection"));
        assertEquals(List.of(), redBadges(console), "nothing is red before anyone logs in");

        // Red is kept for what it says: a connection that was made, then lost.
        counterConsole(console, "Q01");
        assertFalse(redBadges(console).contains("connection"), "connected: " + redBadges(console));
        gateway.stop();
        // Until the gateway is back the page keeps trying, so it flips between lost and reconnecting.
        console.waitUntil(() -> "a red 'Mất kết nối' badge (red: " + redBadges(console) + ", #connection: '"
                + console.text("#connection") + "')", Browser.WAIT,
                d -> redBadges(console).contains("connection") && "Mất kết nối".equals(console.text("#connection"))
                        ? true : null);
    }

    /**
     * A 1366×768 laptop, the officers' common screen: a maximised browser leaves the page about 1366×625
     * (the taskbar and the browser's tabs and address bar take the rest).
     */
    @Test
    void onA1366x768LaptopAnErrorIsInSightWithoutScrollingEvenWithATicketAndALongQueue() throws Exception {
        for (int i = 0; i < 12; i++) {
            takeTicket("TP");
        }
        Browser console = counterConsole(browser(1366, 625), "Q02");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q02", true);
        press(console, "CALL_NEXT");
        console.waitUntil("#reason filled", d -> console.text("#reason").isBlank() ? null : true);
        console.waitUntil("#queue lists the next ten", d -> queued(console).size() >= 10 ? true : null);

        // An error for this device, on its errors topic: the counter's other terminal published on a topic
        // the gateway does not know (an error that comes whatever the console's buttons allow).
        TestDevice otherTerminal = device("counter-Q02");
        otherTerminal.publish(GatewayHarness.PREFIX + "counters/Q02/nonsense", "{}");
        console.waitUntil("#error[data-code=UNKNOWN_TOPIC]",
                d -> "UNKNOWN_TOPIC".equals(console.attribute("#error", "data-code")) ? true : null);
        assertEquals(0L, ((Number) console.js("return Math.round(window.scrollY)")).longValue(), "not scrolled");
        assertInSight(console, "at the top of the page");
        console.screenshot("counter-console-error-1366x625-test");
        // An officer who scrolled down to the end of the queue still sees it.
        console.js("window.scrollTo(0, document.documentElement.scrollHeight)");
        assertInSight(console, "scrolled to the bottom");
    }

    /** #error lies wholly inside the window, and it is what is drawn there (nothing covers it). */
    private static void assertInSight(Browser console, String where) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) console.js(
                "const e = document.getElementById('error'); const r = e.getBoundingClientRect();"
                + " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + " return {top: r.top, bottom: r.bottom, height: r.height, window: window.innerHeight,"
                + "   seen: hit !== null && e.contains(hit)};");
        double top = ((Number) box.get("top")).doubleValue();
        double bottom = ((Number) box.get("bottom")).doubleValue();
        double window = ((Number) box.get("window")).doubleValue();
        assertTrue(((Number) box.get("height")).doubleValue() > 0 && top >= 0 && bottom <= window,
                where + ": the error bar spans " + top + "–" + bottom + " px of a " + window + " px window");
        assertEquals(true, box.get("seen"), where + ": the error bar is not covered");
    }

    /** The ids (or tags) of visible elements with the "bad" red background of base.css. */
    @SuppressWarnings("unchecked")
    private static List<String> redBadges(Browser page) {
        return (List<String>) page.js("const red = getComputedStyle(document.documentElement).getPropertyValue('--bad');"
                + " const probe = document.createElement('span'); probe.style.color = red; document.body.append(probe);"
                + " const rgb = getComputedStyle(probe).color; probe.remove();"
                + " return [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length > 0"
                + "   && getComputedStyle(e).backgroundColor === rgb).map(e => e.id || e.tagName.toLowerCase());");
    }

    /** The ticket ids in #queue, read in one go (the list is re-rendered whenever the queue changes). */
    @SuppressWarnings("unchecked")
    static List<String> queued(Browser console) {
        return (List<String>) console.js(
                "return [...document.querySelectorAll('#queue li')].map(li => li.dataset.ticketId)");
    }
}
