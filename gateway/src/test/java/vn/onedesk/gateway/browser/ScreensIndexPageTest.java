package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/** The list of screens at {@code /}: a card per screen, and in one of them a link per counter display. */
class ScreensIndexPageTest extends BrowserTest {
    /** One line of text with its padding is about 30 px; a link taller than this has been styled as a card. */
    private static final double MAX_LINK_HEIGHT = 48;

    @Test
    void everyCounterDisplayLinkIsOneShortLineInsideItsCardOnADesktopAndAPhone() {
        int counters = engine(q -> q.definition().counters().size());
        for (int[] size : new int[][] {{1920, 1080}, {412, 915}}) {
            String where = "index " + size[0] + "×" + size[1];
            Browser index = browser(size[0], size[1]).open(url("/"));
            index.waitUntil(where + ": a link per counter",
                    d -> index.findAll("#counter-links a").size() == counters ? true : null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> links = (List<Map<String, Object>>) index.js(
                    "const card = document.getElementById('counter-links').closest('.screen-group')"
                    + ".getBoundingClientRect();"
                    + " return [...document.querySelectorAll('#counter-links a')].map(a => {"
                    + "   const r = a.getBoundingClientRect();"
                    + "   return {text: a.textContent, height: r.height, inside: r.left >= card.left - 0.5"
                    + "     && r.right <= card.right + 0.5 && r.top >= card.top - 0.5 && r.bottom <= card.bottom + 0.5};"
                    + " });");
            assertEquals(counters, links.size());
            for (Map<String, Object> link : links) {
                double height = ((Number) link.get("height")).doubleValue();
                assertTrue(height > 0 && height <= MAX_LINK_HEIGHT,
                        where + ": '" + link.get("text") + "' is " + height + " px tall");
                assertEquals(true, link.get("inside"), where + ": '" + link.get("text") + "' stays inside its card");
            }
            Layout.assertNothingOverflows(index, where, false);
            index.screenshot("index-" + size[0] + "x" + size[1] + "-test");
        }
    }
}
