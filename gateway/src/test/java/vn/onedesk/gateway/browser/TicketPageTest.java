package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/** The page a citizen opens from the QR code on the ticket, to follow the line from a phone. */
class TicketPageTest extends BrowserTest {

    @Test
    void theTicketPageShowsThePlaceInLineAndUpdatesLiveWhenATicketAheadIsCalled() throws Exception {
        JsonNode first = takeTicket("TP");
        JsonNode mine = takeTicket("TP");
        String id = mine.path("id").asText();

        Browser phone = browser(412, 915).open(url("/ticket/" + id + "?c=hcc-tinh"));
        phone.waitText("#number", mine.path("number").asText());
        phone.waitUntil("#position shows one ticket ahead",
                d -> List.of(1).equals(Texts.integers(phone.text("#position"))) ? true : null);
        phone.waitUntil("#estimate filled", d -> {
            String e = phone.text("#estimate");
            return e == null || e.isBlank() ? null : e;
        });
        assertEquals("WAITING", phone.attribute("#state", "data-state"));
        String waitingState = phone.text("#state");
        assertFalse(waitingState.isBlank());
        phone.screenshot("ticket-waiting-test");

        // The ticket ahead is called at Q01: the page learns it from its SSE stream, without a reload.
        phone.js("window.notReloaded = true");
        command("Q01", "OPEN");
        assertEquals(first.path("number").asText(),
                command("Q01", "CALL_NEXT").path("ticket").path("number").asText());
        phone.waitUntil(() -> "#position shows nobody ahead (it shows '" + phone.text("#position") + "')",
                Browser.WAIT, d -> {
                    List<Integer> n = Texts.integers(phone.text("#position"));
                    return n.isEmpty() || n.equals(List.of(0)) ? true : null;
                });
        assertEquals(Integer.valueOf(0), engine(q -> q.ahead(id)));
        assertEquals(true, phone.js("return window.notReloaded === true"), "updated live, not by a reload");

        // Now this ticket is called at Q02: the page says so, in words that differ from waiting.
        command("Q02", "OPEN");
        command("Q02", "CALL_NEXT");
        phone.waitUntil(() -> "#state CALLED once the ticket is called (it reads '" + phone.text("#state") + "')",
                Browser.WAIT, d -> "CALLED".equals(phone.attribute("#state", "data-state")) ? true : null);
        assertNotEquals(waitingState, phone.text("#state"));
        phone.screenshot("ticket-called-test");
    }
}
