package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * The rating pad's page facing the citizen (/rating?counter=Q05, signed in as the demo's rating-Q05) and the
 * ticket page's rating from the citizen's phone, in real Chromium against the demo centre.
 */
class RatingPageTest extends BrowserTest {

    @Test
    void afterCompleteThePadShowsTheFivefacesTakesARatingThanksAndGoesBackToIdle() throws Exception {
        Browser pad = browser(1280, 800).open(url("/rating?counter=Q05"));
        pad.waitConnection("online");
        pad.waitUntil("the idle screen", d -> "idle".equals(pad.attribute("body", "data-screen")) ? true : null);
        assertEquals("Kính chào quý khách", pad.text("#idle h1"));
        pad.find("#lang-toggle").click();
        pad.waitText("#idle h1", "Welcome");
        pad.find("#lang-toggle").click();
        pad.waitText("#idle h1", "Kính chào quý khách");

        JsonNode ticket = takeTicket("DD");
        command("Q05", "OPEN");
        command("Q05", "CALL_NEXT");
        command("Q05", "COMPLETE");

        pad.waitUntil("the five faces", d -> "ask".equals(pad.attribute("body", "data-screen")) ? true : null);
        assertEquals(List.of("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"),
                pad.findAll("#faces button.face .face-label").stream().map(e -> e.getText()).toList());
        assertTrue(pad.text("#ticket-number").contains(ticket.path("number").asText()), pad.text("#ticket-number"));
        pad.screenshot("rating-pad-faces-test");

        pad.find("#faces button.face[data-score='2']").click();
        pad.waitUntil("the reasons", d -> "why".equals(pad.attribute("body", "data-screen")) ? true : null);
        assertEquals(6, pad.findAll("#reasons button.chip").size());
        pad.find("#reasons button.chip[data-reason='WAITED_TOO_LONG']").click();
        assertEquals("true", pad.attribute("#reasons button.chip[data-reason='WAITED_TOO_LONG']", "aria-pressed"));
        pad.screenshot("rating-pad-reasons-test");
        pad.find("#send").click();

        pad.waitUntil("thanks", d -> "thanks".equals(pad.attribute("body", "data-screen")) ? true : null);
        assertEquals("Cảm ơn quý khách đã đánh giá!", pad.text("#thanks-text"));
        assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated' AND counter_id = 'Q05'"
                + " AND (payload->>'score')::int = 2 AND payload->'reasons' = '[\"WAITED_TOO_LONG\"]'"
                + " AND payload->>'number' = $1", ticket.path("number").asText()));
        pad.waitUntil("back to idle by itself", d -> "idle".equals(pad.attribute("body", "data-screen")) ? true : null);
    }

    @Test
    void theTicketPageOffersTheFacesOnceTheTicketIsDoneAndTakesOneRating() throws Exception {
        JsonNode ticket = takeTicket("TP");
        Browser phone = browser(412, 915).open(url("/ticket/" + ticket.path("token").asText() + "?c=hcc-tinh"));
        phone.waitText("#number", ticket.path("number").asText());
        assertTrue(phone.find("#rating").getAttribute("hidden") != null, "no rating while waiting");

        command("Q01", "OPEN");
        command("Q01", "CALL_NEXT");
        command("Q01", "COMPLETE");

        phone.waitVisible("#rating button.face[data-score='5']");
        assertEquals(5, phone.findAll("#rating button.face").size());
        phone.screenshot("ticket-rating-faces-test");
        phone.find("#rating button.face[data-score='5']").click();
        phone.waitText("#rating .thanks", "Cảm ơn bạn đã đánh giá!");
        assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated' AND counter_id = 'Q01'"
                + " AND (payload->>'score')::int = 5 AND payload->>'source' = 'PHONE'"));

        // Opened again later: already rated, so no faces.
        Browser again = browser(412, 915).open(url("/ticket/" + ticket.path("token").asText() + "?c=hcc-tinh"));
        again.waitText("#rating .rated", "Bạn đã đánh giá lượt phục vụ này.");
        assertEquals(0, again.findAll("#rating button.face").size());
    }
}
