package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.SseClient;
import vn.onedesk.protocol.JsonCodec;

/**
 * Times on screens and slips are the centre's, whatever zone the device's own clock is set to: a TV
 * box or kiosk left on UTC, a citizen's phone set to another country. The other browser tests run
 * Chromium on the centre's zone, where this could not show.
 */
class CentreTimeTest extends BrowserTest {
    /** 11 or 12 hours behind the centre: any time formatted in this zone reads differently. */
    private static final String ELSEWHERE = "America/New_York";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Test
    void withTheBrowserInNewYorkTheHallClockTheKioskSlipAndTheTicketPageShowCentreTime() throws Exception {
        ZoneId centre = engine(q -> q.definition().timezone());
        assertEquals(ZoneId.of(Browser.TIME_ZONE), centre);

        // The hall clock: now, at the centre.
        Instant before = Instant.now();
        Browser device = browser(1920, 1080, ELSEWHERE).open(url("/display/hall"));
        assertEquals(ELSEWHERE, device.js("return Intl.DateTimeFormat().resolvedOptions().timeZone"),
                "the browser's own clock is in New York");
        String clock = device.waitUntil("#clock shows a time", d -> {
            String c = device.text("#clock");
            return c == null || c.isBlank() ? null : c;
        });
        Set<String> centreMinutes = minutes(before, Instant.now(), centre);
        assertTrue(centreMinutes.contains(clock), "the hall clock reads '" + clock + "': the centre's time is one of "
                + centreMinutes + ", New York's " + minutes(before, Instant.now(), ZoneId.of(ELSEWHERE)));

        // The kiosk slip: when the gateway issued the ticket, at the centre, with the date.
        device.open(url("/kiosk"));
        device.waitConnection("online");
        device.waitVisible("button.service[data-service=\"TP\"]").click();
        String token = device.waitUntil("#ticket[data-ticket-token] shown", d -> {
            String shown = device.attribute("#ticket", "data-ticket-token");
            return shown == null || shown.isBlank() || !device.find("#ticket").isDisplayed() ? null : shown;
        });
        JsonNode ticket = JsonCodec.tree(SseClient.get(url("/api/v1/centres/hcc-tinh/tickets/by-token/" + token))
                .body().getBytes(StandardCharsets.UTF_8));
        ZonedDateTime issued = Instant.parse(ticket.path("issuedAt").asText()).atZone(centre);
        ZonedDateTime issuedElsewhere = issued.withZoneSameInstant(ZoneId.of(ELSEWHERE));
        String slip = device.text("#ticket .slip-time");
        assertTrue(slip.contains(HH_MM.format(issued)) && slip.contains(DAY.format(issued)),
                "the slip '" + slip + "' says " + HH_MM.format(issued) + " " + DAY.format(issued));
        assertFalse(slip.contains(HH_MM.format(issuedElsewhere)), "not New York's time: " + slip);

        // The ticket page on the citizen's phone: the same time as the slip.
        device.open(url("/ticket/" + token + "?c=hcc-tinh"));
        device.waitText("#number", ticket.path("number").asText());
        device.waitText("#issued", "Lấy số lúc " + HH_MM.format(issued));
    }

    /** Every HH:mm that a clock in {@code zone} shows between the two instants. */
    private static Set<String> minutes(Instant from, Instant to, ZoneId zone) {
        Set<String> shown = new LinkedHashSet<>();
        for (Instant t = from.truncatedTo(ChronoUnit.MINUTES); !t.isAfter(to); t = t.plusSeconds(60)) {
            shown.add(HH_MM.format(t.atZone(zone)));
        }
        return shown;
    }
}
