package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import vn.onedesk.gateway.booking.Bookings;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.ShiftedClock;

/**
 * The kiosk's "Tôi đã đặt lịch" screen in real Chromium: a citizen who booked TP at 09:00 on Monday 2025-03-03 comes
 * at 08:35 (inside the check-in window, −30/+15 min) and checks in with the booking's code, typed as a USB barcode
 * scanner types it (the characters, then Enter), and gets the slip to print; an unknown code, and a code already
 * used, tapped on the screen's own keys, are refused in Vietnamese.
 */
class KioskBookingCheckInPageTest extends BrowserTest {
    private final ShiftedClock clock = ShiftedClock.startingAt(Instant.parse("2025-03-03T00:00:00Z")); // 07:00

    @Override
    protected Clock gatewayClock() {
        return clock;
    }

    @Override
    protected GatewayConfig configure(GatewayConfig config) {
        return GatewayHarness.withCentres(config, c -> Bookings.withBooking(c, 2));
    }

    private String book(String localTime, String phone) {
        HttpResponse<String> made = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/bookings"),
                Bookings.body("2025-03-03T" + localTime + ":00+07:00", phone));
        assertEquals(201, made.statusCode(), made.body());
        return HttpCalls.json(made).path("code").asText();
    }

    private Browser kioskAt0835() {
        clock.jumpTo(Instant.parse("2025-03-03T01:35:00Z")); // 08:35 at the centre
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitVisible("#booked-call");
        return kiosk;
    }

    /** Opens the screen and types the code as a scanner does: into whatever has the focus, then Enter. */
    private static void scan(Browser kiosk, String code) {
        kiosk.find("#booked-call").click();
        kiosk.waitVisible("#booked-code");
        kiosk.waitForJs("the code field has the focus", "return document.activeElement"
                + " === document.getElementById('booked-code');");
        kiosk.driver().switchTo().activeElement().sendKeys(code + Keys.ENTER);
    }

    @Test
    void aBookedCitizenScansTheCodeAndGetsAnAppointmentTicketForTheBookedServiceOnTheSlipToPrint() {
        String code = book("09:00", "0912 345 678");
        Browser kiosk = kioskAt0835();
        assertEquals("Tôi đã đặt lịch", kiosk.text("#booked-call"));
        scan(kiosk, code);

        String token = kiosk.waitUntil("the slip of the checked-in ticket", d -> {
            String shown = kiosk.attribute("#ticket", "data-ticket-token");
            return shown == null || shown.isBlank() || !kiosk.find("#ticket").isDisplayed() ? null : shown;
        });
        String ticketId = ticketIdOfToken(token);
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND service = 'TP'"
                + " AND channel = 'APPOINTMENT' AND appointment_at = '2025-03-03T02:00:00Z'", ticketId));
        assertEquals(1L, gateway.count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'CHECKED_IN'"
                + " AND ticket_id = $2 AND checked_in_as = 'APPOINTMENT'", code, ticketId));
        String number = kiosk.text("#ticket .number");
        assertEquals(engine(q -> q.ticket(ticketId)).orElseThrow().number(), number);
        assertTrue(kiosk.text("#ticket .slip-service").contains("Tư pháp"), kiosk.text("#ticket .slip-service"));
        assertEquals("Lịch hẹn " + code + " – được phục vụ gần giờ hẹn", kiosk.text("#ticket .slip-booking"));

        // As printed: only the slip, with its number, the booking line and the QR code.
        kiosk.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertTrue(kiosk.find("#ticket .number").isDisplayed() && kiosk.find("#ticket .slip-booking").isDisplayed()
                    && kiosk.find("#ticket img.qr").isDisplayed(), "the printed slip");
            assertTrue(!kiosk.find("#booked").isDisplayed() && !kiosk.find(".topbar").isDisplayed(),
                    "nothing but the slip is printed");
        } finally {
            kiosk.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        kiosk.screenshot("kiosk-booking-ticket");
    }

    @Test
    void anUnknownCodeIsRefusedInVietnameseAndAUsedOneTappedOnTheScreensKeysToo() {
        String code = book("09:00", "0912 345 679");
        Browser kiosk = kioskAt0835();
        scan(kiosk, "ABCDEFGH");
        kiosk.waitUntil("#error UNKNOWN_BOOKING", d -> "UNKNOWN_BOOKING".equals(kiosk.attribute("#error", "data-code"))
                && kiosk.find("#problem").isDisplayed() ? true : null);
        assertTrue(kiosk.text("#error").contains("Không tìm thấy lịch hẹn với mã này"), kiosk.text("#error"));
        assertTrue(kiosk.find("#back").isDisplayed(), "the citizen can go back");
        assertEquals(0L, gateway.count("SELECT count(*) FROM tickets"));

        kiosk.find("#back").click();
        scan(kiosk, code);
        kiosk.waitVisible("#ticket .number");
        kiosk.find("#new-ticket").click();

        // A second check-in of the same booking, typed on the screen's keys this time.
        kiosk.find("#booked-call").click();
        kiosk.waitVisible("#booked-keys");
        for (char c : code.toCharArray()) {
            kiosk.find("#booked-keys button[aria-label=\"" + c + "\"]").click();
        }
        assertEquals(code, kiosk.find("#booked-code").getAttribute("value"));
        Layout.assertNothingOverflows(kiosk, "kiosk booking screen", true);
        kiosk.documentScreenshot("kiosk-booking");
        kiosk.find("#booked-send").click();
        kiosk.waitUntil("#error BOOKING_USED", d -> "BOOKING_USED".equals(kiosk.attribute("#error", "data-code"))
                ? true : null);
        assertTrue(kiosk.text("#error").contains("Mã đặt lịch này đã được dùng để lấy số"), kiosk.text("#error"));
        assertEquals(1L, gateway.count("SELECT count(*) FROM tickets"));
    }
}
