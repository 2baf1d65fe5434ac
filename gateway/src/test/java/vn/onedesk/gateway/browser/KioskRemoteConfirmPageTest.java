package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.ShiftedClock;

/**
 * The kiosk's "Tôi đã lấy số từ xa" in real Chromium: a citizen who took TP from their phone at 09:00 (counter Q01 open)
 * comes into the hall and confirms the ticket with its six-character code, typed as a scanner types it; the slip says
 * so and the ticket is confirmed in the database; a code no waiting ticket has is refused in Vietnamese.
 */
class KioskRemoteConfirmPageTest extends BrowserTest {
    private final ShiftedClock clock = ShiftedClock.startingAt(Instant.parse("2025-03-03T02:00:00Z")); // 09:00

    @Override
    protected Clock gatewayClock() {
        return clock;
    }

    private String takeRemotely(String requestId, String phone) {
        HttpResponse<String> taken = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/remote-tickets"),
                "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\",\"phone\":\"" + phone + "\"}");
        assertEquals(201, taken.statusCode(), taken.body());
        return HttpCalls.json(taken).path("code").asText();
    }

    private static void scan(Browser kiosk, String code) {
        kiosk.find("#remote-call").click();
        kiosk.waitVisible("#booked-code");
        kiosk.waitForJs("the code field has the focus", "return document.activeElement"
                + " === document.getElementById('booked-code');");
        kiosk.driver().switchTo().activeElement().sendKeys(code + Keys.ENTER);
    }

    @Test
    void aCitizenWhoTookANumberByPhoneConfirmsItAtTheKioskWithItsCode() throws Exception {
        command("Q01", "OPEN"); // remote tickets are taken only while a counter serves the service
        String code = takeRemotely("r-1", "0912 345 678");
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        assertEquals("Tôi đã lấy số từ xa", kiosk.text("#remote-call"));
        scan(kiosk, code.toLowerCase());
        assertEquals("Quét hoặc nhập mã số lấy từ xa", kiosk.text("#booked-title"));

        kiosk.waitVisible("#ticket .number");
        assertEquals("Số lấy từ xa (mã " + code + ") – đã xác nhận có mặt", kiosk.text("#ticket .slip-booking"));
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets WHERE remote_code = $1 AND channel = 'REMOTE'"
                + " AND remote_confirmed_at IS NOT NULL", code));
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets"), "confirmed, not a second ticket");
    }

    @Test
    void aCodeNoWaitingTicketHasIsRefusedInVietnamese() throws Exception {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        scan(kiosk, "KKKKKK");
        kiosk.waitUntil("#error UNKNOWN_REMOTE_TICKET", d -> "UNKNOWN_REMOTE_TICKET".equals(
                kiosk.attribute("#error", "data-code")) && kiosk.find("#problem").isDisplayed() ? true : null);
        assertTrue(kiosk.text("#error").contains("Không tìm thấy số lấy từ xa với mã này"), kiosk.text("#error"));

        kiosk.find("#back").click();
        scan(kiosk, "ABC");
        kiosk.waitVisible("#booked .booked-problem");
        assertTrue(kiosk.text("#booked .booked-problem").contains("6 ký tự"), kiosk.text("#booked .booked-problem"));
        assertEquals(0L, gateway.count("SELECT count(*) FROM tickets"));
    }
}
