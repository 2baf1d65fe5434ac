package vn.onedesk.gateway.browser;

import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/** The small display above a counter: which number it serves now. */
class CounterDisplayPageTest extends BrowserTest {

    @Test
    void theCounterDisplayShowsTheNumberCalledAndServedAndClearsItWhenDone() throws Exception {
        Browser display = browser(1280, 800).open(url("/display/counter/Q05"));
        display.waitConnection("online");
        display.waitText("#counter-name", "Quầy số 5");
        display.waitUntil("#number CLOSED and empty while the counter is closed",
                d -> "CLOSED".equals(display.attribute("#number", "data-state")) && display.text("#number").isEmpty()
                        ? true : null);

        command("Q05", "OPEN");
        display.waitUntil("#number IDLE once open",
                d -> "IDLE".equals(display.attribute("#number", "data-state")) ? true : null);

        String number = takeTicket("DD").path("number").asText();
        command("Q05", "CALL_NEXT");
        display.waitText("#number", number);
        display.waitUntil("#number CALLED", d -> "CALLED".equals(display.attribute("#number", "data-state")) ? true : null);

        command("Q05", "START");
        display.waitUntil("#number SERVING",
                d -> "SERVING".equals(display.attribute("#number", "data-state")) ? true : null);
        display.waitText("#number", number);
        display.screenshot("counter-display-test");

        command("Q05", "COMPLETE");
        display.waitUntil("#number IDLE and empty once served",
                d -> "IDLE".equals(display.attribute("#number", "data-state")) && display.text("#number").isEmpty()
                        ? true : null);
    }
}
