package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import vn.onedesk.gateway.support.Browser;

/**
 * The kiosk of a real centre, not the demo: the gateway gives no credentials, so the kiosk asks for its
 * device login once, in an overlay over the service buttons, which must not be usable until it is sent.
 */
class KioskLoginOverlayTest extends BrowserTest {
    private static final String PASSWORD = "kiosk-test-password";

    /** The demo centre as a real configuration: the same centre and devices, with password hashes only. */
    @Override
    protected Map<String, String> gatewayEnv() throws Exception {
        return demoCentreWithHashedPasswords(PASSWORD);
    }

    @Test
    void tappingAServiceUnderTheLoginOverlaySendsNoRequestAndLeavesNothingStuck() throws Exception {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitVisible("form#login");
        kiosk.waitUntil("ten service buttons behind the overlay",
                d -> kiosk.findAll("button.service[data-service]").size() == 10 ? true : null);
        assertEquals("signedOut", kiosk.attribute("#connection", "data-state"), "not 'connecting': nobody logged in");
        kiosk.screenshot("kiosk-login-overlay-test");

        // A citizen taps every service, where each button is drawn (beside the form as well as under it).
        for (WebElement service : kiosk.findAll("button.service[data-service]")) {
            new Actions(kiosk.driver()).moveToElement(service).click().perform();
            assertNothingStarted(kiosk, "tapped " + service.getAttribute("data-service"));
        }
        // And activates them without the pointer, as the keyboard or a screen reader would.
        kiosk.js("document.querySelectorAll('button.service[data-service]').forEach(b => b.click())");
        Thread.sleep(1_000); // whatever a tap started would show by now
        assertNothingStarted(kiosk, "after every service was activated");
        assertEquals(0L, gateway.count("SELECT count(*) FROM tickets"), "no ticket was issued");
        assertEquals(0, (int) engine(q -> q.activeTickets().size()), "the queue has no ticket");

        // The overlay was all that stood in the way: once logged in, the same tap issues a ticket.
        kiosk.find("form#login input[name=device]").sendKeys("kiosk-1");
        kiosk.find("form#login input[name=password]").sendKeys(PASSWORD);
        kiosk.find("form#login button[type=submit]").click();
        kiosk.waitConnection("online");
        kiosk.waitUntil("the overlay gone", d -> kiosk.find("form#login").isDisplayed() ? null : true);
        kiosk.find("button.service[data-service=\"TP\"]").click();
        kiosk.waitUntil("#ticket shown", d -> kiosk.attribute("#ticket", "data-ticket-token") != null
                && kiosk.find("#ticket").isDisplayed() ? true : null);
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets"));
    }

    /** Still choosing: no "Đang lấy số…", no error, the services on screen. */
    private static void assertNothingStarted(Browser kiosk, String when) {
        assertEquals(List.of(true, false, false), List.of(kiosk.find("#choose").isDisplayed(),
                kiosk.find("#issuing").isDisplayed(), kiosk.find("#problem").isDisplayed()),
                when + ": [choosing, issuing, problem]");
    }
}
