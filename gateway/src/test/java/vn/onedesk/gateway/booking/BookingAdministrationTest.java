package vn.onedesk.gateway.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.onedesk.gateway.support.HttpCalls.call;
import static vn.onedesk.gateway.support.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;

/**
 * A centre's booking settings in the administration API: a centre configured without them offers no slots; a PATCH
 * through the centre's writer offers them at once, refuses what is out of bounds or names an unknown service, and a
 * restart keeps them.
 */
class BookingAdministrationTest {
    private static final String CENTRE = "/api/v1/admin/centres/hcc-tinh";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:00:00Z"));
    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aCentreWithoutBookingSettingsOffersNoSlotsUntilAnAdministratorPatchesThemInAndARestartKeepsThem() {
        gateway = GatewayHarness.startDemo(clock, c -> c);
        String admin = Logins.bearer(Logins.admin(gateway));
        JsonNode none = HttpCalls.json(HttpCalls.get(Bookings.uri(gateway, "/booking")));
        assertEquals(0, none.path("services").size(), none.toString());
        JsonNode centre = json(call("GET", gateway.httpUri(CENTRE), null, "authorization", admin));
        assertFalse(centre.has("booking"), "a centre without slots shows no booking section: " + centre);

        HttpResponse<String> unknown = call("PATCH", gateway.httpUri(CENTRE), "{\"booking\":{\"services\":"
                + "[{\"service\":\"NOPE\",\"slotMinutes\":30,\"capacity\":2}]}}", "authorization", admin);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("INVALID_FIELD", HttpCalls.errorCode(unknown));
        HttpResponse<String> tooLong = call("PATCH", gateway.httpUri(CENTRE), "{\"booking\":{\"services\":"
                + "[{\"service\":\"TP\",\"slotMinutes\":500,\"capacity\":2}]}}", "authorization", admin);
        assertEquals(400, tooLong.statusCode(), tooLong.body());

        HttpResponse<String> patched = call("PATCH", gateway.httpUri(CENTRE), "{\"booking\":{\"maxActivePerPhone\":1,"
                + "\"services\":[{\"service\":\"TP\",\"slotMinutes\":60,\"capacity\":4}]}}", "authorization", admin);
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode booking = json(patched).path("booking");
        assertEquals(60, booking.path("services").get(0).path("slotMinutes").asInt(), patched.body());
        assertEquals(30, booking.path("checkInEarlyMinutes").asInt(), "the defaults are filled in: " + booking);
        JsonNode slots = HttpCalls.json(HttpCalls.get(Bookings.uri(gateway, "/slots?service=TP&date=2025-03-04")));
        assertEquals(7, slots.path("slots").size(), "07:30-11:30 and 13:30-17:00 in hours: " + slots);
        assertEquals(4, slots.path("slots").get(0).path("capacity").asInt());

        gateway.restart();
        JsonNode afterRestart = HttpCalls.json(HttpCalls.get(Bookings.uri(gateway, "/booking")));
        assertEquals(60, afterRestart.path("services").get(0).path("slotMinutes").asInt(), afterRestart.toString());
    }
}
