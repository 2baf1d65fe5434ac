package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * Issue 13, finding 9: the pages now carry a Content-Security-Policy of their own files only ({@code SecurityHeaders}).
 * Chromium reports whatever such a policy blocks on its console; every screen, used as it is used, reports nothing.
 */
class ContentSecurityPolicyPageTest extends BrowserTest {
    private static final String VIOLATION = "Content Security Policy";

    @Test
    void everyScreenRunsUnderItsPolicyWithNothingRefusedWhileAnInjectedInlineStyleIsRefused() throws Exception {
        Browser browser = browser(1366, 768);

        browser.open(url("/"));
        browser.waitUntil("the screens' links", d -> browser.findAll("#counter-links a").isEmpty() ? null : true);
        assertClean(browser, "/");

        browser.open(url("/display/hall"));
        browser.waitConnection("online");
        assertClean(browser, "/display/hall");

        browser.open(url("/display/counter/Q05"));
        browser.waitConnection("online");
        assertClean(browser, "/display/counter/Q05");

        browser.open(url("/kiosk"));
        browser.waitConnection("online");
        browser.find("button.service[data-service=\"TP\"]").click();
        browser.waitForJs("the ticket's QR code loaded", "const i = document.querySelector('#ticket img.qr');"
                + " return i !== null && i.complete && i.naturalWidth > 0;");
        String token = browser.attribute("#ticket", "data-ticket-token");
        assertClean(browser, "/kiosk");

        browser.open(url("/ticket/" + token + "?c=hcc-tinh"));
        browser.waitConnection("online");
        assertClean(browser, "/ticket");

        counterConsole(browser, "Q01");
        assertClean(browser, "/counter");

        // The rating pad, with its faces drawn (SVG built by script) once Q05 completes a ticket.
        browser.open(url("/rating?counter=Q05"));
        browser.waitConnection("online");
        takeTicket("DD");
        command("Q05", "OPEN");
        command("Q05", "CALL_NEXT");
        command("Q05", "COMPLETE");
        browser.waitVisible("#faces button.face svg");
        assertClean(browser, "/rating");

        browser.open(url("/admin"));
        AdminScreens.logInAs(browser, "admin");
        browser.waitConnection("online");
        assertClean(browser, "/admin");

        // The check sees what the policy refuses: an inline style, added as an injected one would be.
        browser.js("const d = document.createElement('div'); d.innerHTML = '<p id=\"injected\" style=\"color: red\">x</p>';"
                + " document.body.append(d); return null;");
        browser.waitUntil("the refused inline style on the console",
                d -> browser.consoleLog().contains(VIOLATION) ? true : null);
        assertFalse(browser.js("return getComputedStyle(document.getElementById('injected')).color").toString()
                .contains("255, 0, 0"), "the refused style is not applied");
    }

    private static void assertClean(Browser browser, String page) {
        String log = browser.consoleLog();
        assertFalse(log.contains(VIOLATION), page + " had something refused by its policy:\n" + log);
    }
}
