package vn.onedesk.gateway.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.booking.Bookings.body;
import static vn.onedesk.gateway.booking.Bookings.uri;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestClock;

/**
 * The public booking API against the demo centre (TP bookable) and a real PostgreSQL, on a clock the test moves:
 * Monday 2025-03-03, 07:00 at the centre. Each test moves the clock past the rate limits' window first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingApiTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:00:00Z"));
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo(clock, c -> Bookings.withBooking(c, 5));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private void nextWindow() {
        clock.advance(BookingApi.WINDOW.plusSeconds(1));
    }

    @Test
    void theSlotsOfADayFollowTheSessionsWithTheCentresOffsetAndTheirPlacesLeft() {
        nextWindow();
        HttpResponse<String> answer = HttpCalls.get(uri(gateway, "/slots?service=TP&date=2025-03-04"));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode slots = HttpCalls.json(answer).path("slots");
        // 07:30-11:30 and 13:30-17:00 in slots of 30 min: 8 + 7
        assertEquals(15, slots.size(), answer.body());
        assertEquals("2025-03-04T07:30:00+07:00", slots.get(0).path("start").asText());
        assertEquals("2025-03-04T08:00:00+07:00", slots.get(0).path("end").asText());
        assertEquals(5, slots.get(0).path("capacity").asInt());
        assertEquals("2025-03-04T13:30:00+07:00", slots.get(8).path("start").asText());
        assertEquals("2025-03-04T16:30:00+07:00", slots.get(14).path("start").asText());

        JsonNode holiday = HttpCalls.json(HttpCalls.get(uri(gateway, "/slots?service=TP&date=" + Bookings.HOLIDAY)));
        assertEquals(0, holiday.path("slots").size(), holiday.toString());
        assertEquals("BLACKOUT", holiday.path("reason").asText());
        JsonNode notBookable = HttpCalls.json(HttpCalls.get(uri(gateway, "/slots?service=DD&date=2025-03-04")));
        assertEquals("NOT_OFFERED", notBookable.path("reason").asText(), notBookable.toString());
        JsonNode beyond = HttpCalls.json(HttpCalls.get(uri(gateway, "/slots?service=TP&date=2025-03-20")));
        assertEquals("OUTSIDE_HORIZON", beyond.path("reason").asText(), beyond.toString());
        HttpResponse<String> badDate = HttpCalls.get(uri(gateway, "/slots?service=TP&date=4/3/2025"));
        assertEquals(400, badDate.statusCode());
        assertEquals("INVALID_REQUEST", HttpCalls.errorCode(badDate));
        JsonNode services = HttpCalls.json(HttpCalls.get(uri(gateway, "/booking")));
        assertEquals(1, services.path("services").size(), services.toString());
        assertEquals("TP", services.path("services").get(0).path("code").asText());
    }

    @Test
    void parallelClientsOnTheLastPlacesOfASlotGetExactlyAsManyBookingsAsThereArePlaces() throws Exception {
        nextWindow();
        String slot = "2025-03-05T09:00:00+07:00";
        for (int i = 0; i < 2; i++) { // 3 of the 5 places left
            HttpResponse<String> made = HttpCalls.postJson(uri(gateway, "/bookings"), body(slot, "090100000" + i));
            assertEquals(201, made.statusCode(), made.body());
        }
        nextWindow();
        int clients = BookingApi.BOOKS_PER_WINDOW;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String phone = "09020000" + String.format("%02d", i);
                calls.add(() -> HttpCalls.postJson(uri(gateway, "/bookings"), body(slot, phone)));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                    Collectors.counting()));
            assertEquals(Map.of(201, 3L, 409, 7L), byStatus, answers.stream().map(HttpResponse::body).toList()
                    .toString());
            answers.stream().filter(a -> a.statusCode() == 409)
                    .forEach(a -> assertEquals("SLOT_FULL", HttpCalls.errorCode(a), a.body()));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, gateway.count("SELECT count(*) FROM bookings WHERE slot_start = '2025-03-05T02:00:00Z'"
                + " AND state = 'BOOKED'"));
        assertEquals(5, gateway.count("SELECT booked FROM booking_slots WHERE slot_start = '2025-03-05T02:00:00Z'"));
        JsonNode slots = HttpCalls.json(HttpCalls.get(uri(gateway, "/slots?service=TP&date=2025-03-05"))).path("slots");
        for (JsonNode s : slots) {
            if (s.path("start").asText().equals(slot)) {
                assertEquals(0, s.path("available").asInt(), s.toString());
            }
        }
    }

    @Test
    void aBookingIsCancelledWithItsSecretOnlyAndGivesItsPlaceBack() {
        nextWindow();
        String slot = "2025-03-06T10:00:00+07:00";
        HttpResponse<String> made = HttpCalls.postJson(uri(gateway, "/bookings"), body(slot, "0913 000 001"));
        assertEquals(201, made.statusCode(), made.body());
        JsonNode booking = HttpCalls.json(made);
        String code = booking.path("code").asText();
        String secret = booking.path("secret").asText();
        assertTrue(code.matches("[2-9A-HJ-NP-Z]{8}"), code);
        assertEquals(slot, booking.path("slotStart").asText());
        assertEquals("2025-03-06T09:30:00+07:00", booking.path("checkInFrom").asText());
        assertEquals("2025-03-06T10:15:00+07:00", booking.path("checkInUntil").asText());
        assertEquals("BOOKED", booking.path("state").asText());
        assertEquals(1, gateway.count("SELECT booked FROM booking_slots WHERE slot_start = '2025-03-06T03:00:00Z'"));

        HttpResponse<String> wrong = HttpCalls.call("DELETE", uri(gateway, "/bookings/" + code), null,
                BookingApi.SECRET_HEADER, "not-the-secret");
        assertEquals(404, wrong.statusCode(), wrong.body());
        assertEquals("UNKNOWN_BOOKING", HttpCalls.errorCode(wrong));
        HttpResponse<String> read = HttpCalls.get(uri(gateway, "/bookings/" + code), BookingApi.SECRET_HEADER, secret);
        assertEquals("BOOKED", HttpCalls.json(read).path("state").asText(), read.body());

        HttpResponse<String> cancelled = HttpCalls.call("DELETE", uri(gateway, "/bookings/" + code), null,
                BookingApi.SECRET_HEADER, secret);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("CANCELLED", HttpCalls.json(cancelled).path("state").asText());
        assertEquals(0, gateway.count("SELECT booked FROM booking_slots WHERE slot_start = '2025-03-06T03:00:00Z'"));
        HttpResponse<String> again = HttpCalls.call("DELETE", uri(gateway, "/bookings/" + code), null,
                BookingApi.SECRET_HEADER, secret);
        assertEquals(200, again.statusCode(), "a retry of the cancellation: " + again.body());
        assertEquals(0, gateway.count("SELECT booked FROM booking_slots WHERE slot_start = '2025-03-06T03:00:00Z'"));
        assertEquals(1, gateway.count("SELECT count(*) FROM bookings WHERE code = $1 AND state = 'CANCELLED'", code));
    }

    @Test
    void onePhoneNumberHoldsAtMostTheCentresLimitHoweverItIsTypedAndItIsStoredOnlyHashed() {
        nextWindow();
        try (LogCapture logs = LogCapture.named("")) {
            String first = HttpCalls.json(HttpCalls.postJson(uri(gateway, "/bookings"),
                    body("2025-03-04T08:00:00+07:00", "0987654321"))).path("secret").asText();
            assertFalse(first.isEmpty());
            HttpResponse<String> second = HttpCalls.postJson(uri(gateway, "/bookings"),
                    body("2025-03-04T08:30:00+07:00", "+84 987 654 321"));
            assertEquals(201, second.statusCode(), second.body());
            HttpResponse<String> third = HttpCalls.postJson(uri(gateway, "/bookings"),
                    body("2025-03-04T09:00:00+07:00", "098.765.4321"));
            assertEquals(409, third.statusCode(), third.body());
            assertEquals("BOOKING_LIMIT", HttpCalls.errorCode(third));

            JsonNode made = HttpCalls.json(second);
            HttpCalls.call("DELETE", uri(gateway, "/bookings/" + made.path("code").asText()), null,
                    BookingApi.SECRET_HEADER, made.path("secret").asText());
            HttpResponse<String> afterCancel = HttpCalls.postJson(uri(gateway, "/bookings"),
                    body("2025-03-04T09:00:00+07:00", "0987654321"));
            assertEquals(201, afterCancel.statusCode(), afterCancel.body());

            assertEquals(0, gateway.count("SELECT count(*) FROM bookings WHERE position('987654321' in"
                    + " encode(phone_hash, 'escape')) > 0 OR length(phone_hash) <> 32"));
            assertFalse(logs.text().contains("987654321"), "the phone number is never logged");
        }
    }

    @Test
    void badRequestsGetClearErrorsAndWriteNothing() {
        nextWindow();
        long before = gateway.count("SELECT count(*) FROM bookings");
        HttpResponse<String> notASlot = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-04T08:10:00+07:00", "0911111111"));
        assertEquals(409, notASlot.statusCode(), notASlot.body());
        assertEquals("SLOT_NOT_OFFERED", HttpCalls.errorCode(notASlot));
        HttpResponse<String> pastCutoff = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-03T07:30:00+07:00", "0911111111"));
        assertEquals("SLOT_NOT_OFFERED", HttpCalls.errorCode(pastCutoff), pastCutoff.body());
        HttpResponse<String> holiday = HttpCalls.postJson(uri(gateway, "/bookings"),
                body(Bookings.HOLIDAY + "T09:00:00+07:00", "0911111111"));
        assertEquals("SLOT_NOT_OFFERED", HttpCalls.errorCode(holiday), holiday.body());
        HttpResponse<String> phone = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-04T09:30:00+07:00", "my name"));
        assertEquals(400, phone.statusCode(), phone.body());
        assertEquals("INVALID_FIELD", HttpCalls.errorCode(phone));
        assertEquals("phone", HttpCalls.json(phone).path("error").path("field").asText());
        HttpResponse<String> time = HttpCalls.postJson(uri(gateway, "/bookings"), body("tomorrow", "0911111111"));
        assertEquals("slotStart", HttpCalls.json(time).path("error").path("field").asText(), time.body());
        HttpResponse<String> service = HttpCalls.postJson(uri(gateway, "/bookings"),
                "{\"service\":\"DD\",\"slotStart\":\"2025-03-04T09:30:00+07:00\",\"phone\":\"0911111111\"}");
        assertEquals("SLOT_NOT_OFFERED", HttpCalls.errorCode(service), service.body());
        assertEquals(before, gateway.count("SELECT count(*) FROM bookings"));
    }

    @Test
    void oneAddressMakesAtMostTheRateLimitOfBookingsInAWindow() {
        nextWindow();
        for (int i = 0; i < BookingApi.BOOKS_PER_WINDOW; i++) {
            HttpResponse<String> refusedByRules = HttpCalls.postJson(uri(gateway, "/bookings"),
                    body("2025-03-04T08:10:00+07:00", "0911111111"));
            assertEquals(409, refusedByRules.statusCode(), refusedByRules.body());
        }
        HttpResponse<String> limited = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-04T10:00:00+07:00", "0922222222"));
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals("TOO_MANY_REQUESTS", HttpCalls.errorCode(limited));
        long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= BookingApi.WINDOW.toSeconds(), "Retry-After " + retryAfter);
        clock.advance(Duration.ofSeconds(retryAfter));
        HttpResponse<String> later = HttpCalls.postJson(uri(gateway, "/bookings"),
                body("2025-03-04T10:00:00+07:00", "0922222222"));
        assertEquals(201, later.statusCode(), later.body());
    }
}
