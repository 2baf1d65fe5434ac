package vn.onedesk.gateway.booking;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import vn.onedesk.engine.centre.BookingRules;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.support.GatewayHarness;

/** The demo centre with booked slots, as the booking tests use it. */
public final class Bookings {
    /** A public holiday on which the demo centre offers no slots. */
    public static final LocalDate HOLIDAY = LocalDate.parse("2025-03-07");

    private Bookings() {
    }

    /** TP in slots of 30 min with this capacity, 7 days ahead, until 60 min before; DD not bookable. */
    public static CentreDefinition withBooking(CentreDefinition centre, int capacity) {
        return centre.withBooking(new BookingRules(Duration.ofMinutes(30), Duration.ofMinutes(15), 2, Set.of(HOLIDAY),
                List.of(new BookingRules.ServiceBooking("TP", Duration.ofMinutes(30), capacity, 7,
                        Duration.ofMinutes(60), Set.of()))));
    }

    public static String uri(GatewayHarness gateway, String path) {
        return gateway.httpUri("/api/v1/centres/" + GatewayHarness.CENTRE + path);
    }

    public static String body(String slotStart, String phone) {
        return "{\"service\":\"TP\",\"slotStart\":\"" + slotStart + "\",\"phone\":\"" + phone + "\"}";
    }
}
