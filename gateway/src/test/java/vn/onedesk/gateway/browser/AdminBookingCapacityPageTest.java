package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.BookingCalendar;
import vn.onedesk.gateway.booking.Bookings;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;

/**
 * The administration's services table shows, next to each service's booking capacity per slot, the capacity the
 * gateway suggests ({@link BookingCalendar#suggestedCapacity}: what the counters serve in a slot, halved for walk-ins),
 * for a service not yet bookable too, and follows the counters: one more counter for TP, a larger suggestion.
 */
class AdminBookingCapacityPageTest extends BrowserTest {

    @Override
    protected GatewayConfig configure(GatewayConfig config) {
        return GatewayHarness.withCentres(config, c -> Bookings.withBooking(c, 2)); // TP: 2 per slot of 30 min
    }

    private int suggested(String service) {
        return engine(q -> BookingCalendar.suggestedCapacity(q.definition(), service, Duration.ofMinutes(30)));
    }

    @Test
    void eachServiceShowsItsBookingCapacityWithTheSuggestedOneNextToItWhichFollowsTheCounters() {
        Browser admin = browser(1366, 768).open(url("/admin#/centres/hcc-tinh"));
        logInAs(admin, "admin");
        String tp = "#services tr[data-service=TP] .booking-capacity";
        admin.waitVisible(tp);
        int before = suggested("TP");
        assertTrue(before >= 1, "the demo's counters serve TP: " + before);
        assertEquals("2", admin.attribute(tp, "data-capacity"));
        assertEquals(String.valueOf(before), admin.attribute(tp, "data-suggested"));
        assertEquals("2 / 30 phút\nGợi ý: " + before, admin.find(tp).getText());
        // DD takes no bookings: the suggestion is shown for a slot of 30 minutes all the same.
        String dd = "#services tr[data-service=DD] .booking-capacity";
        assertEquals("", admin.attribute(dd, "data-capacity"));
        assertEquals("Không\nGợi ý: " + suggested("DD"), admin.find(dd).getText());
        assertTrue(admin.attribute(dd, "title").contains("30 phút"), admin.attribute(dd, "title"));
        Layout.assertNothingOverflows(admin, "services with booking capacities at 1366×768", false);

        // Two more counters whose only primary service is TP: the suggestion grows, read from the gateway again.
        String token = Logins.bearer(Logins.admin(gateway));
        for (int n : new int[] {31, 32}) {
            HttpResponse<String> added = HttpCalls.postJson(url("/api/v1/admin/centres/hcc-tinh/counters"),
                    "{\"id\":\"Q" + n + "\",\"number\":" + n + ",\"operator\":\"POSTAL\",\"primary\":[\"TP\"]}",
                    "authorization", token);
            assertEquals(201, added.statusCode(), added.body());
        }
        int after = suggested("TP");
        assertTrue(after > before, before + " → " + after);
        admin.driver().navigate().refresh();
        admin.waitUntil("the suggestion for TP is " + after,
                d -> String.valueOf(after).equals(admin.attribute(tp, "data-suggested")) ? true : null);
        assertTrue(admin.find(tp).getText().endsWith("Gợi ý: " + after), admin.find(tp).getText());
    }
}
