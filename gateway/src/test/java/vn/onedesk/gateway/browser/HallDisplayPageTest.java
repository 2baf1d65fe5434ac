package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/** The hall display, watched while a real counter console calls citizens. */
class HallDisplayPageTest extends BrowserTest {
    /**
     * Records, in the page, the first moment each ticket number appears in any of the given elements.
     * The clock is the machine's (Date.now), shared by both browsers, so times compare across windows.
     */
    static final String RECORD_FIRST_APPEARANCE = """
            const selector = arguments[0];
            window.firstShown = {};
            const note = () => {
              const now = Date.now();
              document.querySelectorAll(selector).forEach(e => {
                const t = e.textContent.trim();
                if (t && !(t in window.firstShown)) { window.firstShown[t] = now; }
              });
            };
            note();
            new MutationObserver(note).observe(document.documentElement,
                {subtree: true, childList: true, characterData: true, attributes: true});
            """;

    @Test
    void theHallDisplayShowsACallWithinOneSecondOfTheConsolesReply() throws Exception {
        String number = takeTicket("TP").path("number").asText();
        Browser hall = browser().open(url("/display/hall"));
        hall.waitConnection("online");
        Browser console = counterConsole("Q01");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q01", true);

        hall.js(RECORD_FIRST_APPEARANCE, "#now .counter-call .ticket, #recent li .ticket, #banner .ticket");
        console.js(RECORD_FIRST_APPEARANCE, "#current .number");
        press(console, "CALL_NEXT");

        long repliedAt = ((Number) console.waitForJs("the console shows the called ticket",
                "return window.firstShown[arguments[0]]", number)).longValue();
        long shownAt = ((Number) hall.waitForJs("the hall display shows the called ticket",
                "return window.firstShown[arguments[0]]", number)).longValue();
        long delay = shownAt - repliedAt;
        System.out.println("hall display showed " + number + " " + delay + " ms after the console's reply");
        assertTrue(delay < 1000, "the hall display showed the call " + delay + " ms after the console's reply");

        hall.waitText("#now .counter-call[data-counter=\"Q01\"] .ticket", number);
        assertEquals(List.of(1), Texts.integers(hall.text("#now .counter-call[data-counter=\"Q01\"] .counter-number")));
        hall.waitText("#recent li[data-seq=\"1\"] .ticket", number);
        assertEquals(List.of(1), Texts.integers(hall.text("#recent li[data-seq=\"1\"] .counter-number")));
    }

    @Test
    void aRecallIsAnnouncedAgainWithARecallBanner() throws Exception {
        String number = takeTicket("TP").path("number").asText();
        Browser hall = browser().open(url("/display/hall"));
        hall.waitConnection("online");
        Browser console = counterConsole("Q01");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q01", true);
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        hall.waitForJs("the first call announced", "return window.onedesk.announced.length === 1");

        press(console, "RECALL");
        hall.waitUntil("a banner with class recall for seq 2", d -> (Boolean) hall.js(
                "const b = document.querySelector('#banner');"
                        + " return b !== null && b.classList.contains('recall') && b.dataset.seq === '2'"
                        + " && b.querySelector('.ticket').textContent.trim() === arguments[0];", number)
                ? true : null);
        hall.screenshot("hall-display-recall-test");
        hall.waitForJs("the recall announced", "return window.onedesk.announced.length === 2");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> announced = (List<Map<String, Object>>) hall.js("return window.onedesk.announced");
        assertEquals(2, announced.size(), announced.toString());
        assertEquals(1L, announced.get(0).get("seq"));
        assertEquals(false, announced.get(0).get("recall"));
        assertEquals(2L, announced.get(1).get("seq"));
        assertEquals(true, announced.get(1).get("recall"));
        for (Map<String, Object> a : announced) {
            assertEquals(number, a.get("ticket"), announced.toString());
            assertEquals("Q01", a.get("counter"), announced.toString());
            assertEquals(1L, a.get("counterNumber"), announced.toString());
        }
        // Read out in Vietnamese, the number digit by digit; the recall says the same sentence again.
        String call = (String) announced.get(0).get("text");
        assertTrue(call.contains("Mời công dân có số thứ tự " + spokenDigits(number) + " đến quầy số một"), call);
        assertTrue(((String) announced.get(1).get("text")).contains(call), announced.toString());
        assertEquals(2L, hall.js("return window.onedesk.lastSeq"));
    }

    /** "A001" → "A không không một", as a Vietnamese hall announcement reads a ticket number. */
    static String spokenDigits(String number) {
        String[] digits = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
        StringBuilder spoken = new StringBuilder();
        for (char c : number.toCharArray()) {
            if (Character.isDigit(c)) {
                spoken.append(' ').append(digits[c - '0']);
            } else {
                spoken.append(c);
            }
        }
        return spoken.toString();
    }
}
