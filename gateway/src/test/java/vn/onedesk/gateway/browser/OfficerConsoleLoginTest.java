package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * The counter console in Chromium with the officer logged in as themselves: the console (the counter's terminal
 * over MQTT) logs the officer in over HTTP, gets a counter pass and opens the counter in their name; the
 * counter's display shows them; their logout closes the counter, or says why it stays open.
 */
class OfficerConsoleLoginTest extends BrowserTest {

    private static void logInAsOfficer(Browser console, String username, String password) {
        console.waitVisible("form#officer-login");
        WebElement name = console.find("form#officer-login input[name=username]");
        name.clear();
        name.sendKeys(username);
        WebElement secret = console.find("form#officer-login input[name=password]");
        secret.clear();
        secret.sendKeys(password);
        console.find("form#officer-login button[type=submit]").click();
    }

    private void awaitOfficerAt(Browser browser, String counter, String officer) {
        browser.waitUntil(counter + " bound to " + officer + " in the engine", d -> {
            String bound = engine(q -> q.counter(counter).orElseThrow().officerId());
            return officer == null ? (bound == null ? true : null) : (officer.equals(bound) ? true : null);
        });
    }

    @Test
    void theConsoleRefusesAWrongPasswordAndAManagerThenOpensTheCounterAsOfficerQ05AndTheirLogoutClosesIt()
            throws Exception {
        Browser console = counterConsole("Q05");
        assertEquals("Tên đăng nhập", console.text("label:has(input[name=username]) span"));

        logInAsOfficer(console, "officer-Q05", "not-the-password");
        console.waitUntil("#error[data-code=UNAUTHENTICATED]",
                d -> "UNAUTHENTICATED".equals(console.attribute("#error", "data-code")) ? true : null);
        logInAsOfficer(console, "manager", "demo");
        console.waitUntil("#error[data-code=FORBIDDEN]",
                d -> "FORBIDDEN".equals(console.attribute("#error", "data-code")) ? true : null);
        assertEquals(401, gatewayMe(console), "the manager's session was not left open on the counter's computer");
        assertEquals(false, engine(q -> q.counter("Q05").orElseThrow().open()));

        logInAsOfficer(console, "officer-Q05", "demo");

        awaitCounterOpen(console, "Q05", true);
        awaitOfficerAt(console, "Q05", "officer-Q05");
        console.waitText("#officer-name", "Cán bộ: Cán bộ quầy 5 (demo)");
        console.waitUntil("#counter-officer names who is bound",
                d -> console.text("#counter-officer").contains("Cán bộ quầy 5 (demo)") ? true : null);
        assertEquals("", console.js("return document.querySelector('#officer-login input[name=password]').value"),
                "the password does not stay in the page");
        console.screenshot("counter-console-officer-test");
        Browser display = browser(1280, 800).open(url("/display/counter/Q05"));
        display.waitText("#officer", "Cán bộ: Cán bộ quầy 5 (demo)");
        display.screenshot("counter-display-officer-test");

        console.find("#officer-logout").click();

        awaitCounterOpen(console, "Q05", false);
        awaitOfficerAt(console, "Q05", null);
        console.waitVisible("form#officer-login");
        console.waitText("#counter-open", "Quầy đang đóng");
        display.waitUntil("the display no longer names the officer", d -> display.text("#officer").isEmpty() ? true : null);
        assertEquals(401, gatewayMe(console), "the officer's session ended");
    }

    @Test
    void anOfficerWhoLogsOutWhileServingIsToldTheCounterStaysOpenWithTheTicketUntilItIsFinished() throws Exception {
        String number = takeTicket("DD").path("number").asText(); // Q05 serves DD
        Browser console = counterConsole("Q05");
        logInAsOfficer(console, "officer-Q05", "demo");
        awaitOfficerAt(console, "Q05", "officer-Q05");
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);

        console.find("#officer-logout").click();

        console.waitUntil("#notice says the counter stays open with " + number,
                d -> console.text("#notice") != null && console.text("#notice").contains(number) ? true : null);
        assertTrue(console.text("#notice").startsWith("Đã đăng xuất. Quầy vẫn mở"), console.text("#notice"));
        console.waitVisible("form#officer-login");
        assertEquals("officer-Q05", engine(q -> q.counter("Q05").orElseThrow().officerId()));
        press(console, "NO_SHOW");
        press(console, "CLOSE");
        awaitOfficerAt(console, "Q05", null);
        console.waitUntil("#notice gone once the counter closed", d -> !console.find("#notice").isDisplayed() ? true : null);
    }

    /** What {@code GET /api/v1/auth/me} answers the page, with its cookie. */
    private static long gatewayMe(Browser page) {
        return ((Number) page.jsAsync("const done = arguments[arguments.length - 1];"
                + " fetch('/api/v1/auth/me', {credentials: 'same-origin'}).then(r => done(r.status), () => done(0));"))
                .longValue();
    }
}
