package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.support.Browser;
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

    /** The ticket ids in #queue, read in one go (the list is re-rendered whenever the queue changes). */
    @SuppressWarnings("unchecked")
    static List<String> queued(Browser console) {
        return (List<String>) console.js(
                "return [...document.querySelectorAll('#queue li')].map(li => li.dataset.ticketId)");
    }
}
