package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.booking.BookingApi;
import vn.onedesk.gateway.booking.Bookings;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.gateway.support.WebhookReceiver;

/**
 * Bookings announced to a real local receiver: a booking made, one cancelled (each in its own transaction with its
 * outbox row) and one checked in at a kiosk (in the ticket's commit), each booking's events in order, as the OpenAPI
 * document describes them, and never the citizen's phone number.
 */
class BookingWebhooksTest {
    private static final String SECRET = "whsec-bookings-0123456789";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:00:00Z")); // 07:00 at the centre
    private GatewayHarness gateway;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayHarness.startDemo(clock, c -> Bookings.withBooking(c, 5));
        receiver = new WebhookReceiver(SECRET, () -> clock.instant().getEpochSecond());
    }

    @AfterEach
    void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void aBookingMadeCancelledOrCheckedInReachesTheReceiverInItsOrderWithoutThePhoneNumber() throws Exception {
        HttpResponse<String> created = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"),
                "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":"
                        + "[\"booking.created\",\"booking.cancelled\",\"booking.checked_in\"]}",
                "Authorization", Logins.bearer(Logins.admin(gateway)));
        assertEquals(201, created.statusCode(), created.body());

        JsonNode kept = book("09:00", "0911000001");
        JsonNode dropped = book("09:30", "0911000002");
        HttpResponse<String> cancel = HttpCalls.call("DELETE", Bookings.uri(gateway, "/bookings/"
                + dropped.path("code").asText()), null, BookingApi.SECRET_HEADER, dropped.path("secret").asText());
        assertEquals(200, cancel.statusCode(), cancel.body());
        clock.set(Instant.parse("2025-03-03T01:35:00Z")); // 08:35 at the centre: inside the window of 09:00
        String ticket;
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            JsonNode reply = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                    PREFIX + "kiosks/kiosk-1/tickets/response", "b-1",
                    "{\"requestId\":\"b-1\",\"booking\":\"" + kept.path("code").asText() + "\"}");
            ticket = reply.path("ticket").path("number").asText();
            assertFalse(ticket.isEmpty(), reply.toString());
        }

        receiver.await(all -> all.stream().filter(WebhookReceiver.Delivery::accepted).count() >= 4,
                Duration.ofSeconds(20));
        Map<String, List<String>> byBooking = new HashMap<>();
        WebhookSchemas schemas = new WebhookSchemas();
        for (WebhookReceiver.Delivery d : receiver.accepted().values()) {
            assertTrue(d.signatureValid(), d.toString());
            assertFalse(d.body().contains("0911000001") || d.body().contains("0911000002"), "no phone: " + d.body());
            var valid = schemas.validate("BookingEvent", new io.vertx.core.json.JsonObject(d.body()));
            assertTrue(valid.getValid(), d.body() + " " + valid.getErrors());
            JsonNode body = vn.onedesk.protocol.JsonCodec.tree(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byBooking.computeIfAbsent(body.path("data").path("booking").path("code").asText(),
                    k -> new ArrayList<>()).add(d.type());
            if (d.type().equals("booking.checked_in")) {
                assertEquals(ticket, body.path("data").path("ticket").path("number").asText(), d.body());
                assertTrue(body.path("data").path("appointment").asBoolean(), d.body());
            }
            if (d.type().equals("booking.created")) {
                assertEquals("TP", body.path("data").path("booking").path("service").asText(), d.body());
            }
        }
        assertEquals(List.of("booking.created", "booking.checked_in"), byBooking.get(kept.path("code").asText()));
        assertEquals(List.of("booking.created", "booking.cancelled"), byBooking.get(dropped.path("code").asText()));
        assertEquals(4, receiver.accepted().size(), "each event once: " + receiver.accepted().keySet());
        assertEquals(2, gateway.count("SELECT count(*) FROM bookings WHERE phone_hash IS NULL"),
                "a booking checked in or cancelled no longer keeps its phone's hash");
        assertEquals(0, gateway.count("SELECT count(*) FROM bookings WHERE phone_hash IS NULL AND state = 'BOOKED'"));
    }

    private JsonNode book(String localTime, String phone) {
        HttpResponse<String> made = HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                Bookings.body("2025-03-03T" + localTime + ":00+07:00", phone));
        assertEquals(201, made.statusCode(), made.body());
        return HttpCalls.json(made);
    }
}
