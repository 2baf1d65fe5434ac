package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * The counter console in Chromium, opened with a PIN as a hardware terminal is: the officer unfolds the PIN entry,
 * types their username and PIN, opens, and the console shows them. (Logging in as the officer is
 * {@link OfficerConsoleLoginTest}.)
 */
class OfficerAtCounterConsoleTest extends BrowserTest {

    private static void typeOfficer(Browser console, String officer, String pin) {
        if (console.attribute("#pin-entry", "open") == null) {
            console.find("#pin-entry summary").click(); // PIN entry, as at a hardware terminal, is folded away
        }
        console.find("#officer").clear();
        console.find("#officer").sendKeys(officer);
        console.find("#officer-pin").clear();
        console.find("#officer-pin").sendKeys(pin);
    }

    @Test
    void anOfficerWhoOpensWithTheirPinIsBoundAndShownAndTheFieldForThePinIsEmptied() throws Exception {
        Browser console = counterConsole("Q01");
        assertEquals("Cán bộ (tên đăng nhập)", console.text("label:has(#officer) span"));
        assertEquals("Mã PIN", console.text("label:has(#officer-pin) span"));

        typeOfficer(console, "officer-Q01", "1234");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q01", true);

        console.waitUntil("#counter-officer names the officer",
                d -> console.text("#counter-officer").contains("Cán bộ quầy 1 (demo)") ? true : null);
        assertTrue(console.text("#counter-officer").contains("officer-Q01"), console.text("#counter-officer"));
        assertEquals("officer-Q01", engine(q -> q.counter("Q01").orElseThrow().officerId()));
        assertEquals("", console.js("return document.getElementById('officer-pin').value"),
                "the PIN does not stay in the page");

        press(console, "CLOSE");
        awaitCounterOpen(console, "Q01", false);
        assertNull(engine(q -> q.counter("Q01").orElseThrow().officerId()), "CLOSE unbinds the officer");
    }

    @Test
    void aWrongPinShowsNotAuthorisedAndTheCounterStaysClosed() throws Exception {
        Browser console = counterConsole("Q02");

        typeOfficer(console, "officer-Q02", "0000");
        press(console, "OPEN");

        console.waitUntil("#error[data-code=NOT_AUTHORISED]",
                d -> "NOT_AUTHORISED".equals(console.attribute("#error", "data-code")) ? true : null);
        assertEquals(false, engine(q -> q.counter("Q02").orElseThrow().open()));
    }

    @Test
    void openingWithNoOfficerNamedSaysNobodyIsAtTheCounterAndInEnglishToo() throws Exception {
        Browser console = counterConsole("Q03");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q03", true);
        console.waitText("#counter-officer", "Chưa có cán bộ nhận quầy");

        console.find("#lang-toggle").click();
        console.waitText("#counter-officer", "No officer at the counter");
        console.find("#pin-entry summary").click();
        assertEquals("PIN", console.text("label:has(#officer-pin) span"));
    }
}
