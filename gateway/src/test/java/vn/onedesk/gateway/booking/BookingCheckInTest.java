package vn.onedesk.gateway.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.booking.Bookings.body;
import static vn.onedesk.gateway.booking.Bookings.uri;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Check-in of a booked slot at the kiosk over real MQTT and a real PostgreSQL, on a clock the test sets: Monday
 * 2025-03-03 at the demo centre (UTC+7), TP bookable in slots of 30 min, check-in window −30/+15 min.
 */
class BookingCheckInTest {
    private static final String REQUEST_1 = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE_1 = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String REQUEST_2 = PREFIX + "kiosks/kiosk-2/tickets/request";
    private static final String RESPONSE_2 = PREFIX + "kiosks/kiosk-2/tickets/response";

    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:00:00Z")); // 07:00 at the centre
    private GatewayHarness gateway;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.startDemo(clock, c -> Bookings.withBooking(c, 5));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Books the slot (local time of 2025-03-03, "09:00") and answers its code. */
    private String book(String localTime, String phone) {
        HttpResponse<String> made = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-03T" + localTime + ":00+07:00", phone));
        assertEquals(201, made.statusCode(), made.body());
        return HttpCalls.json(made).path("code").asText();
    }

    private void at(String localTime) {
        clock.set(Instant.parse("2025-03-03T" + localTime + ":00Z").minusSeconds(7 * 3600)); // UTC+7
    }

    private static JsonNode checkIn(TestDevice kiosk, String requestId, String code) throws Exception {
        return kiosk.request(REQUEST_1, RESPONSE_1, requestId, "{\"requestId\":\"" + requestId + "\",\"booking\":\""
                + code + "\"}");
    }

    @Test
    void insideTheWindowTheTicketHoldsTheAppointmentAtTheSlotOnceAndARetryGetsTheSameTicket() throws Exception {
        String code = book("09:00", "0911000001");
        at("08:35"); // 25 min early: inside −30
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice other = gateway.device("kiosk-2")) {
            kiosk.subscribe(RESPONSE_1);
            other.subscribe(RESPONSE_2);
            JsonNode first = checkIn(kiosk, "b-1", code);
            JsonNode ticket = first.path("ticket");
            assertEquals("TP", ticket.path("service").asText(), first.toString());
            String id = ticket.path("id").asText();
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND channel = 'APPOINTMENT'"
                    + " AND appointment_at = '2025-03-03T02:00:00Z'", id));
            assertEquals(1, gateway.count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'CHECKED_IN'"
                    + " AND ticket_id = $2 AND checked_in_as = 'APPOINTMENT'", code, id));

            assertEquals(first, checkIn(kiosk, "b-1", code), "a retry of the same request gets the same ticket");
            JsonNode secondKiosk = other.request(REQUEST_2, RESPONSE_2, "b-2", "{\"requestId\":\"b-2\",\"booking\":\""
                    + code + "\"}");
            assertEquals("BOOKING_USED", secondKiosk.path("error").path("code").asText(), secondKiosk.toString());
            JsonNode sameKioskOtherRequest = checkIn(kiosk, "b-3", code);
            assertEquals("BOOKING_USED", sameKioskOtherRequest.path("error").path("code").asText());
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE service = 'TP'"));
        }
        // a booking checked in cannot be cancelled any more
        HttpResponse<String> cancel = HttpCalls.call("DELETE", uri(gateway, "/bookings/" + code), null,
                BookingApi.SECRET_HEADER, "whatever");
        assertEquals(404, cancel.statusCode(), "a wrong secret is an unknown booking: " + cancel.body());
    }

    @Test
    void beforeAndAfterTheWindowTheBookingChecksInAsAWalkInWithoutAnAppointment() throws Exception {
        String early = book("10:00", "0911000002");
        String late = book("08:00", "0911000003");
        at("08:20"); // 10:00 is 100 min ahead (window from 09:30); 08:00 was 20 min ago (window until 08:15)
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE_1);
            for (String code : new String[] {early, late}) {
                JsonNode reply = checkIn(kiosk, "walk-" + code, code);
                String id = reply.path("ticket").path("id").asText();
                assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1"
                        + " AND channel = 'WALK_IN' AND appointment_at IS NULL", id), reply.toString());
                assertEquals(1, gateway.count("SELECT count(*) FROM bookings WHERE code = $1"
                        + " AND state = 'CHECKED_IN' AND checked_in_as = 'WALK_IN'", code));
            }
        }
    }

    @Test
    void anUnknownCancelledOrAnotherDaysBookingIsRefusedWithItsOwnCode() throws Exception {
        HttpResponse<String> tomorrow = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-04T09:00:00+07:00", "0911000004"));
        String tomorrowCode = HttpCalls.json(tomorrow).path("code").asText();
        HttpResponse<String> made = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-03T09:30:00+07:00", "0911000005"));
        JsonNode cancelled = HttpCalls.json(made);
        HttpCalls.call("DELETE", uri(gateway, "/bookings/" + cancelled.path("code").asText()), null,
                BookingApi.SECRET_HEADER, cancelled.path("secret").asText());
        at("09:10");
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE_1);
            assertEquals("UNKNOWN_BOOKING", checkIn(kiosk, "u-1", "ZZZZ2222").path("error").path("code").asText());
            assertEquals("UNKNOWN_BOOKING", checkIn(kiosk, "u-2", cancelled.path("code").asText())
                    .path("error").path("code").asText());
            assertEquals("BOOKING_NOT_TODAY", checkIn(kiosk, "u-3", tomorrowCode).path("error").path("code").asText());
            JsonNode badShape = checkIn(kiosk, "u-4", "abc");
            assertEquals("INVALID_FIELD", badShape.path("error").path("code").asText(), badShape.toString());
            assertTrue(badShape.path("error").path("detail").asText().startsWith("'booking'"), badShape.toString());
        }
        assertEquals(0, gateway.count("SELECT count(*) FROM tickets"));
    }

    @Test
    void aForgedAppointmentAtGetsNoPriorityWhileABookedCitizenIsCalledNearTheirSlot() throws Exception {
        String code = book("09:00", "0911000006");
        at("08:57"); // the appointment lane serves a booking from 5 min before its slot
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q01 = gateway.device("counter-Q01")) {
            kiosk.subscribe(RESPONSE_1);
            String walkIn = kiosk.request(REQUEST_1, RESPONSE_1, "w-1", "{\"requestId\":\"w-1\",\"service\":\"TP\"}")
                    .path("ticket").path("number").asText();
            JsonNode forged = kiosk.request(REQUEST_1, RESPONSE_1, "f-1", "{\"requestId\":\"f-1\",\"service\":\"TP\","
                    + "\"channel\":\"APPOINTMENT\",\"appointmentAt\":\"2025-03-03T01:55:00Z\"}");
            String forgedNumber = forged.path("ticket").path("number").asText();
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND channel = 'WALK_IN'"
                    + " AND appointment_at IS NULL", forged.path("ticket").path("id").asText()), forged.toString());
            String booked = checkIn(kiosk, "c-1", code).path("ticket").path("number").asText();

            String replies = PREFIX + "counters/Q01/replies";
            String commands = PREFIX + "counters/Q01/commands";
            q01.subscribe(replies);
            q01.request(commands, replies, "o-1", "{\"requestId\":\"o-1\",\"command\":\"OPEN\"}");
            String[] called = new String[3];
            for (int i = 0; i < 3; i++) {
                JsonNode call = q01.request(commands, replies, "n-" + i, "{\"requestId\":\"n-" + i
                        + "\",\"command\":\"CALL_NEXT\"}");
                called[i] = call.path("ticket").path("number").asText();
                q01.request(commands, replies, "d-" + i, "{\"requestId\":\"d-" + i + "\",\"command\":\"COMPLETE\"}");
            }
            assertEquals(booked, called[0], "the booking is due: it goes before the walk-ins");
            assertEquals(walkIn, called[1], "the forged appointment waits behind the walk-in who came first");
            assertEquals(forgedNumber, called[2]);
        }
    }
}
