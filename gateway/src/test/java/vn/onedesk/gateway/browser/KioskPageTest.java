package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.support.Browser;

/** The kiosk page, as a citizen uses it: choose a service, get a ticket to keep. */
class KioskPageTest extends BrowserTest {

    @Test
    void theKioskIssuesATicketAndShowsItsNumberItsPlaceInLineItsWaitBandAndAQrCodeOfItsTokenThatLoads()
            throws Exception {
        // Two citizens already wait for Tư pháp – Hộ tịch, so the new ticket has two ahead of it; counter 1 serves
        // it, so the ticket has an estimate (with no counter open it would say so instead).
        command("Q01", "OPEN");
        takeTicket("TP");
        takeTicket("TP");

        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitVisible("button.service[data-service=\"TP\"]");
        assertTrue(kiosk.text("button.service[data-service=\"TP\"]").contains("Tư pháp"),
                kiosk.text("button.service[data-service=\"TP\"]"));
        kiosk.find("button.service[data-service=\"TP\"]").click();

        String token = kiosk.waitUntil("#ticket[data-ticket-token] with a token", d -> {
            String shown = kiosk.attribute("#ticket", "data-ticket-token");
            return shown == null || shown.isBlank() || !kiosk.find("#ticket").isDisplayed() ? null : shown;
        });
        String ticketId = ticketIdOfToken(token);
        Ticket issued = engine(q -> q.ticket(ticketId)).orElseThrow(
                () -> new AssertionError("the engine has no ticket " + ticketId));
        assertEquals("TP", issued.service());
        assertEquals(issued.number(), kiosk.text("#ticket .number"));
        assertEquals(List.of(2), Texts.integers(kiosk.text("#ticket .position")),
                "two citizens are ahead: " + kiosk.text("#ticket .position"));

        var estimate = engine(q -> q.estimateFor(ticketId));
        List<Integer> shown = Texts.integers(kiosk.text("#ticket .wait"));
        // The band is worded outward, as the pages' formatWait does: whole minutes, low down, high up.
        int low = (int) estimate.low().toMinutes();
        int high = (int) Math.max(low, Math.ceil(estimate.high().toSeconds() / 60.0));
        assertTrue(shown.contains(Texts.minutes(estimate.value())) && (high == low || shown.containsAll(List.of(low, high))),
                "the wait '" + kiosk.text("#ticket .wait") + "' shows the engine's " + estimate);

        kiosk.waitForJs("the QR code image loaded", "const i = document.querySelector('#ticket img.qr');"
                + " return i !== null && i.complete && i.naturalWidth > 0;");
        String qr = (String) kiosk.js("return document.querySelector('#ticket img.qr').src");
        assertTrue(qr.endsWith("/api/v1/centres/hcc-tinh/tickets/by-token/" + token + "/qr.svg"), qr);
        String slip = (String) kiosk.js("return document.getElementById('ticket').outerHTML");
        assertFalse(slip.contains(ticketId), "the printed slip carries the token, not the internal id: " + slip);
        kiosk.screenshot("kiosk-ticket-test");
    }

    @Test
    void aKioskThatHasLostItsConnectionSaysSoAtOnceInsteadOfLeavingTheCitizenWaiting() throws Exception {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitVisible("button.service[data-service=\"TP\"]");
        gateway.stop();
        kiosk.waitConnection("offline");
        kiosk.find("button.service[data-service=\"TP\"]").click();
        // Not "Đang lấy số…" until a 15-second timeout: the kiosk knows it is not connected.
        kiosk.waitUntil("#error[data-code=NETWORK] within 2 s", java.time.Duration.ofSeconds(2),
                d -> "NETWORK".equals(kiosk.attribute("#error", "data-code")) ? true : null);
        assertTrue(kiosk.find("#problem").isDisplayed());
        assertTrue(!kiosk.find("#issuing").isDisplayed(), "nothing is left spinning");
        assertTrue(kiosk.text("#error").contains("Không kết nối được với hệ thống."), kiosk.text("#error"));
        assertTrue(kiosk.find("#back").isDisplayed(), "the citizen can go back");
    }
}
