package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.HttpCalls;

/**
 * The citizen's ticket page on a phone, for a ticket taken remotely: its code for the kiosk, then "your turn is near"
 * and "please come to counter 21" as a browser notification (Chromium granted the permission), a vibration and on the
 * page, once the citizen turned them on with a tap.
 */
class TicketNotificationsPageTest extends BrowserTest {
    /**
     * Injected before the page's own scripts (DevTools, so the page's CSP does not apply): records the notifications
     * and vibrations the page asks for, and passes them on.
     */
    private static final String RECORDER = """
            window.__notices = []; window.__vibrations = [];
            const Real = window.Notification;
            window.Notification = class extends Real {
              constructor(title, options) { super(title, options); window.__notices.push({title, body: options && options.body}); }
            };
            navigator.vibrate = pattern => { window.__vibrations.push(pattern); return true; };
            """;

    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(LocalTime.of(9, 0)); // remote tickets are taken within the sessions
    }

    @Test
    void theRemoteTicketsPageShowsItsCodeThenNotifiesThatTheTurnIsNearAndWhichCounterCalls() throws Exception {
        command("Q21", "OPEN");
        for (int i = 0; i < 5; i++) {
            takeTicket("CA");
        }
        HttpResponse<String> taken = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/remote-tickets"),
                "{\"requestId\":\"phone-tap-1\",\"service\":\"CA\",\"phone\":\"0912345678\"}");
        assertEquals(201, taken.statusCode(), taken.body());
        JsonNode body = HttpCalls.json(taken);
        String code = body.path("code").asText();

        Browser phone = browser(412, 915);
        phone.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""),
                "permissions", List.of("notifications")));
        phone.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        phone.open(url(body.path("ticketPage").asText()));
        phone.waitText("#number", body.path("ticket").path("number").asText());
        phone.waitText("#remote-code", code);
        assertTrue(phone.text("#remote-hint").contains("kiosk"), phone.text("#remote-hint"));
        assertEquals(true, phone.js("return document.getElementById('notice').hidden"), "5 ahead: not near yet");

        phone.find("#notify-enable").click();
        phone.waitUntil("notifications on", d -> phone.text("#notify-state").startsWith("Đã bật thông báo") ? true
                : null);

        // the kiosk confirms it, and two citizens ahead are served: one ahead is within the demo's 3
        JsonNode confirmed = kioskConfirm(code);
        assertTrue(confirmed.path("ticket").path("remote").path("confirmed").asBoolean(), confirmed.toString());
        phone.waitUntil("the page says it was confirmed", d -> phone.text("#remote-hint").startsWith("Đã xác nhận")
                ? true : null);
        command("Q21", "CALL_NEXT");
        phone.waitText("#position", "4");
        assertEquals(true, phone.js("return document.getElementById('notice').hidden"), "4 ahead is not near");
        command("Q21", "COMPLETE");
        command("Q21", "CALL_NEXT");
        phone.waitUntil("the turn-near notice", d -> phone.text("#notice").startsWith("Sắp đến lượt bạn") ? true : null);
        assertEquals("Sắp đến lượt bạn – còn 3 người trước bạn.", phone.text("#notice"));
        phone.waitForJs("a browser notification", "return window.__notices.length === 1 || null");
        assertEquals("Sắp đến lượt bạn – còn 3 người trước bạn.", phone.js("return window.__notices[0].body"));
        assertEquals(1L, phone.js("return window.__vibrations.length"));

        // called: a second notification names the counter; the stream keeps the page live, no reload
        for (int i = 0; i < 3; i++) { // 2, 1, 0 ahead: still near, no second "near" notification
            command("Q21", "COMPLETE");
            command("Q21", "CALL_NEXT");
        }
        command("Q21", "COMPLETE");
        command("Q21", "CALL_NEXT");
        phone.waitUntil("called to counter 21", d -> "Mời bạn đến quầy số 21.".equals(phone.text("#notice")) ? true
                : null);
        phone.waitForJs("the second notification", "return window.__notices.length === 2 || null");
        assertEquals("Mời bạn đến quầy số 21.", phone.js("return window.__notices[1].body"));
        assertEquals(2L, phone.js("return window.__vibrations.length"));
        phone.screenshot("ticket-called-notification-test");
    }

    @Test
    void aCitizenTakesANumberOnThePhonePageAndLandsOnItsTicketWithItsCodeAndARefusalIsShownInVietnamese()
            throws Exception {
        command("Q21", "OPEN");
        Browser phone = browser(412, 915).open(url("/lay-so?c=hcc-tinh"));
        phone.waitUntil("services listed", d -> phone.findAll("#service option").size() > 1 ? true : null);
        phone.js("document.getElementById('service').value = 'CA'");
        phone.find("#phone").sendKeys("0912 345 678");
        phone.find("#take").click();
        phone.waitUntil("the ticket page", d -> d.getCurrentUrl().contains("/ticket/") ? true : null);
        String code = phone.waitUntil("the code", d -> {
            String c = phone.text("#remote-code");
            return c == null || c.isBlank() ? null : c;
        });
        assertTrue(code.matches("[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}"), code);
        assertEquals("WAITING", phone.attribute("#state", "data-state"));
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets WHERE channel = 'REMOTE' AND remote_code = $1",
                code));

        // a service nobody serves now is refused, in words, and the form stays
        phone.open(url("/lay-so?c=hcc-tinh"));
        phone.waitUntil("services listed", d -> phone.findAll("#service option").size() > 1 ? true : null);
        phone.js("document.getElementById('service').value = 'BHXH'");
        phone.find("#phone").sendKeys("0912 345 679");
        phone.find("#take").click();
        phone.waitUntil("the refusal", d -> "SERVICE_CLOSED".equals(phone.attribute("#error", "data-code")) ? true
                : null);
        assertTrue(phone.driver().getCurrentUrl().contains("/lay-so"));
        phone.screenshot("remote-page-refused-test");
    }

    private JsonNode kioskConfirm(String code) throws Exception {
        var kiosk = device("kiosk-1");
        kiosk.subscribe(vn.onedesk.gateway.support.GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response");
        return kiosk.request(vn.onedesk.gateway.support.GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request",
                vn.onedesk.gateway.support.GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response", "confirm-1",
                "{\"requestId\":\"confirm-1\",\"remoteCode\":\"" + code + "\"}");
    }
}
