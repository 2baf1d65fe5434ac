package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.protocol.ErrorCode;

/**
 * Issue 14's counter operations in real Chromium: the console transfers a citizen to another counter with a note,
 * which that counter's console shows when it calls them; RECALL is disabled with its reason at the recall limit and
 * NO_SHOW is what is left; the console and the kiosk's "Tôi bị lỡ lượt" screen put a missed number back in line.
 */
class CounterHandoverPageTest extends BrowserTest {

    private static void type(Browser page, String css, String text) {
        WebElement input = page.find(css);
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void aTransferToAnotherCounterCarriesTheNoteThatCountersConsoleShowsWhenItCallsTheCitizen() throws Exception {
        JsonNode ticket = takeTicket("TP");
        String note = "Thiếu bản sao CCCD, đã hướng dẫn bổ sung";
        Browser q01 = counterConsole("Q01");
        press(q01, "OPEN");
        awaitCounterOpen(q01, "Q01", true);
        press(q01, "CALL_NEXT");
        q01.waitText("#current .number", ticket.path("number").asText());

        new Select(q01.find("#transfer-kind")).selectByValue("counter");
        q01.waitVisible("#transfer-counter");
        assertFalse(q01.find("#transfer-service").isDisplayed(), "only the chosen kind of target is shown");
        new Select(q01.find("#transfer-counter")).selectByValue("Q02");
        type(q01, "#transfer-note-input", note);
        press(q01, "TRANSFER");
        q01.waitUntil("Q01 holds nobody after the transfer",
                d -> engine(q -> q.counter("Q01").orElseThrow().currentTicket()) == null ? true : null);
        boolean reserved = engine(q -> q.reservedTickets().stream().anyMatch(t -> t.id().equals(
                ticket.path("id").asText()) && "Q02".equals(t.handover().counter()) && note.equals(t.handover().note())));
        assertTrue(reserved, "reserved for Q02 with the note");

        Browser q02 = counterConsole("Q02");
        press(q02, "OPEN");
        awaitCounterOpen(q02, "Q02", true);
        q02.waitUntil("the ticket listed as transferred to Q02, with its note",
                d -> q02.find("#reserved").isDisplayed() && q02.text("#reserved").contains(note) ? true : null);
        press(q02, "CALL_NEXT");
        q02.waitText("#current .number", ticket.path("number").asText());
        q02.waitVisible("#note-line");
        assertEquals(note, q02.text("#current-note"));
        q02.screenshot("counter-console-transfer-note");
    }

    @Test
    void atTheRecallLimitRecallIsDisabledWithItsReasonNoShowIsLeftAndTheConsoleRequeuesTheMissedNumber()
            throws Exception {
        JsonNode ticket = takeTicket("DD");
        String number = ticket.path("number").asText();
        Browser console = counterConsole("Q04");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q04", true);
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        for (int i = 1; i <= 3; i++) { // the demo centre's limit
            int calls = i + 1;
            press(console, "RECALL");
            console.waitUntil("recall " + i + " in the engine",
                    d -> engine(q -> q.ticket(ticket.path("id").asText()).orElseThrow().calls()) == calls ? true : null);
        }
        console.waitVisible("#recall-limit");
        assertTrue(console.text("#recall-limit").contains("hãy đánh dấu vắng mặt"), console.text("#recall-limit"));
        console.waitUntil("RECALL disabled, NO_SHOW enabled", d ->
                !console.find("button[data-command=RECALL]").isEnabled()
                        && console.find("button[data-command=NO_SHOW]").isEnabled() ? true : null);
        press(console, "NO_SHOW");
        console.waitUntil("no-show in the engine",
                d -> engine(q -> q.ticket(ticket.path("id").asText())).isEmpty() ? true : null);

        type(console, "#requeue-number", number.toLowerCase());
        assertEquals(number, console.find("#requeue-number").getAttribute("value"), "typed in capitals");
        press(console, "REQUEUE");
        console.waitUntil("the missed ticket waits again",
                d -> engine(q -> q.ticket(ticket.path("id").asText()).map(t -> t.state() == TicketState.WAITING)
                        .orElse(false)) ? true : null);
        console.waitUntil("the number field emptied", d -> "".equals(console.find("#requeue-number")
                .getAttribute("value")) ? true : null);
    }

    @Test
    void aCitizenWhoMissedTheCallPutsTheirNumberBackInLineAtTheKioskAndALateOneIsToldWhy() throws Exception {
        JsonNode ticket = takeTicket("KQ");
        String number = ticket.path("number").asText();
        command("Q14", "OPEN");
        command("Q14", "CALL_NEXT");
        command("Q14", "NO_SHOW");

        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitVisible("#missed-call");
        assertEquals("Tôi bị lỡ lượt", kiosk.text("#missed-call"));
        kiosk.find("#missed-call").click();
        kiosk.waitVisible("#missed-number");
        type(kiosk, "#missed-number", number);
        kiosk.find("#missed-send").click();
        kiosk.waitUntil("the requeued slip", d -> kiosk.find("#result").isDisplayed()
                && "true".equals(kiosk.attribute("#ticket", "data-requeued")) ? true : null);
        assertEquals(number, kiosk.text("#ticket .number"));
        assertTrue(kiosk.find("#ticket .slip-requeued").isDisplayed());
        assertFalse(kiosk.find("#ticket img.qr").isDisplayed(), "the citizen keeps the slip with its QR code");
        assertEquals(TicketState.WAITING, engine(q -> q.ticket(ticket.path("id").asText()).orElseThrow().state()));
        kiosk.screenshot("kiosk-requeued");

        // once more: the same number was requeued already
        command("Q14", "CALL_NEXT");
        command("Q14", "NO_SHOW");
        kiosk.find("#new-ticket").click();
        kiosk.waitVisible("#missed-call");
        kiosk.find("#missed-call").click();
        type(kiosk, "#missed-number", number);
        kiosk.find("#missed-send").click();
        kiosk.waitUntil("#error[data-code=REQUEUE_LIMIT]",
                d -> "REQUEUE_LIMIT".equals(kiosk.attribute("#error", "data-code")) ? true : null);
        assertTrue(kiosk.text("#error").contains(ErrorCode.REQUEUE_LIMIT.vietnameseMessage()), kiosk.text("#error"));
    }
}
