package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import vn.onedesk.gateway.booking.BookingApi;
import vn.onedesk.gateway.booking.Bookings;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.ShiftedClock;

/**
 * The citizen's booking page (/booking) on a phone-sized window, in real Chromium, against the demo centre with TP
 * bookable in slots of 30 min, 2 places each: on Monday 2025-03-03 at 07:00 at the centre (the gateway's clock; time
 * runs on from there), a citizen books Tuesday's slots, sees the code, the QR code and the secret, and cancels.
 */
class BookingPageTest extends BrowserTest {
    private static final String TUESDAY = "2025-03-04";
    private final ShiftedClock clock = ShiftedClock.startingAt(Instant.parse("2025-03-03T00:00:00Z"));

    @Override
    protected Clock gatewayClock() {
        return clock;
    }

    @Override
    protected GatewayConfig configure(GatewayConfig config) {
        return GatewayHarness.withCentres(config, c -> Bookings.withBooking(c, 2));
    }

    private Browser phone() {
        return browser(412, 915);
    }

    /** Chooses TP, Tuesday and the slot at this local time ("09:00") on the page. */
    private static void choose(Browser page, String localTime) {
        page.waitVisible("#services button[data-service=\"TP\"]").click();
        page.waitVisible("#days button[data-day=\"" + TUESDAY + "\"]").click();
        String slot = "#slots button[data-start=\"" + TUESDAY + "T" + localTime + ":00+07:00\"]";
        page.waitUntil(slot + " enabled", d -> {
            WebElement b = page.find(slot);
            return b.isDisplayed() && b.isEnabled() ? true : null;
        });
        page.find(slot).click();
    }

    private static String book(Browser page, String localTime, String phone) {
        choose(page, localTime);
        WebElement field = page.waitVisible("#phone");
        field.clear();
        field.sendKeys(phone);
        page.find("#submit").click();
        page.waitVisible("#result");
        page.waitUntil("a booking code on #result-code", d -> {
            String code = page.text("#result-code");
            return code != null && code.matches("[2-9A-HJ-NP-Z]{8}") ? code : null;
        });
        return page.text("#result-code");
    }

    private long count(String sql, Object... params) {
        return gateway.count(sql, params);
    }

    @Test
    void aCitizenBooksTwoSlotsOnAPhoneSeesTheCodeQrCodeAndSecretAndCancelsTheOtherBooking() {
        Browser page = phone().open(url("/booking"));
        page.waitConnection("online");
        // One centre takes bookings: the page opens on it, and its address names it.
        assertTrue(page.driver().getCurrentUrl().endsWith("/booking?c=hcc-tinh"), page.driver().getCurrentUrl());
        assertTrue(page.text("#services").contains("Tư pháp – Hộ tịch"), page.text("#services"));
        assertEquals("vi", page.js("return document.documentElement.lang"));

        String first = book(page, "08:00", "0912 345 678");
        page.find("#book-another").click();
        String second = book(page, "09:00", "091.234.5678");
        assertFalse(first.equals(second));

        // What the citizen takes to the kiosk: the code, its QR code (which loads), the window and the secret.
        assertEquals(second, page.text("#result-code"));
        page.waitForJs("the QR code loaded", "const i = document.getElementById('result-qr');"
                + " return i.complete && i.naturalWidth > 0;");
        String qr = (String) page.js("return document.getElementById('result-qr').src");
        assertTrue(qr.endsWith("/api/v1/centres/hcc-tinh/bookings/" + second + "/qr.svg"), qr);
        assertTrue(page.text("#result-slot").contains("09:00–09:30"), page.text("#result-slot"));
        assertTrue(page.text("#result-window").contains("08:30") && page.text("#result-window").contains("09:15"),
                page.text("#result-window"));
        String secret = page.text("#result-secret");
        assertTrue(page.text("#result").contains("Cần mã huỷ lịch để huỷ lịch hẹn này"), page.text("#result"));
        // The secret shown is the booking's own (it reads it), and this phone kept it, but never the phone number.
        HttpResponse<String> read = HttpCalls.get(url("/api/v1/centres/hcc-tinh/bookings/" + second),
                BookingApi.SECRET_HEADER, secret);
        assertEquals(200, read.statusCode(), read.body());
        String kept = (String) page.js("return localStorage.getItem('onedesk.bookings')");
        assertTrue(kept.contains(secret) && kept.contains(first), kept);
        assertFalse(kept.contains("0912 345 678") || kept.contains("0912345678") || kept.contains("091.234.5678"),
                "no phone number is kept: " + kept);
        assertEquals(2L, count("SELECT count(*) FROM bookings WHERE state = 'BOOKED' AND slot_start IN"
                + " ('2025-03-04T01:00:00Z', '2025-03-04T02:00:00Z')"));
        Layout.assertNothingOverflows(page, "booking page 412×915 with a booking", false);
        page.documentScreenshot("booking");

        // The earlier booking, cancelled from the list of this phone's bookings, after a confirmation.
        String item = "#my-bookings li[data-code=\"" + first + "\"]";
        page.waitVisible(item + " button.cancel").click();
        page.waitVisible(item + " button.confirm-cancel").click();
        page.waitUntil("the first booking shown as cancelled",
                d -> "CANCELLED".equals(page.attribute(item, "data-state")) ? true : null);
        assertTrue(page.text("#mine-message").contains("Đã huỷ lịch hẹn " + first), page.text("#mine-message"));
        assertEquals(1L, count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'CANCELLED'", first));
        assertEquals(1L, count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'BOOKED'", second));
        assertEquals(0L, count("SELECT booked FROM booking_slots WHERE slot_start = '2025-03-04T01:00:00Z'"),
                "the cancelled booking's place is free again");
        assertEquals("BOOKED", page.attribute("#my-bookings li[data-code=\"" + second + "\"]", "data-state"));

        // In English too, and it still fits the phone.
        page.find("#lang-toggle").click();
        page.waitText("#mine-title", "Your bookings on this phone");
        assertEquals("Cancelled", page.text("#my-bookings li[data-code=\"" + first + "\"] .badge"));
        Layout.assertNothingOverflows(page, "booking page 412×915 in English", false);
    }

    @Test
    void aBookingMadeElsewhereIsCancelledWithItsCodeAndSecretAndAWrongSecretIsSaidClearly() {
        HttpResponse<String> made = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/bookings"),
                Bookings.body(TUESDAY + "T10:00:00+07:00", "0987 000 111"));
        assertEquals(201, made.statusCode(), made.body());
        JsonNode booking = HttpCalls.json(made);
        String code = booking.path("code").asText();

        Browser page = phone().open(url("/booking?c=hcc-tinh"));
        page.waitConnection("online");
        page.find("#cancel-other summary").click();
        page.waitVisible("#cancel-code").sendKeys(code.toLowerCase());
        page.find("#cancel-secret").sendKeys("not-its-secret");
        page.find("#cancel-submit").click();
        page.waitUntil("UNKNOWN_BOOKING said", d -> "UNKNOWN_BOOKING".equals(page.attribute("#cancel-error",
                "data-code")) ? true : null);
        assertTrue(page.text("#cancel-error").contains("Không tìm thấy lịch hẹn với mã đặt lịch và mã huỷ lịch này"),
                page.text("#cancel-error"));
        assertEquals(1L, count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'BOOKED'", code));

        WebElement secret = page.find("#cancel-secret");
        secret.clear();
        secret.sendKeys(booking.path("secret").asText());
        page.find("#cancel-submit").click();
        page.waitUntil("the cancellation said", d -> page.find("#cancel-done").isDisplayed() ? true : null);
        assertTrue(page.text("#cancel-done").contains("Đã huỷ lịch hẹn " + code), page.text("#cancel-done"));
        assertEquals(1L, count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'CANCELLED'", code));
    }

    @Test
    void aSlotTakenWhileTheCitizenTypesIsSaidFullInVietnameseAndShownFullAfterwards() {
        String slot = TUESDAY + "T10:30:00+07:00";
        assertEquals(201, HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/bookings"),
                Bookings.body(slot, "0987 000 222")).statusCode());
        Browser page = phone().open(url("/booking?c=hcc-tinh"));
        page.waitConnection("online");
        choose(page, "10:30");
        assertTrue(page.text("#slots button[data-start=\"" + slot + "\"]").contains("còn 1 chỗ"),
                page.text("#slots button[data-start=\"" + slot + "\"]"));
        // Meanwhile another citizen takes the last place.
        assertEquals(201, HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/bookings"),
                Bookings.body(slot, "0987 000 333")).statusCode());
        page.waitVisible("#phone").sendKeys("0912 000 444");
        page.find("#submit").click();
        page.waitUntil("SLOT_FULL said", d -> "SLOT_FULL".equals(page.attribute("#form-error", "data-code"))
                ? true : null);
        assertTrue(page.text("#form-error").contains("Khung giờ này vừa hết chỗ. Vui lòng chọn khung giờ khác."),
                page.text("#form-error"));
        page.waitUntil("the slot shown full", d -> {
            WebElement b = page.find("#slots button[data-start=\"" + slot + "\"]");
            return !b.isEnabled() && b.getText().contains("Hết chỗ") ? true : null;
        });
        assertFalse(page.find("#result").isDisplayed());
        assertEquals(2L, count("SELECT count(*) FROM bookings WHERE slot_start = '2025-03-04T03:30:00Z'"));
    }
}
