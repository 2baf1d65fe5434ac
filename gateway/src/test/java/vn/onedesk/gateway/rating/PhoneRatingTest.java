package vn.onedesk.gateway.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.rating.RatingPadTest.pad;
import static vn.onedesk.gateway.rating.RatingPadTest.rate;
import static vn.onedesk.gateway.rating.RatingPadTest.serveTicket;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestDevice;

/** Rating from the citizen's phone over HTTP with the ticket's token, against the demo centre and a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneRatingTest {
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private String rating(String token) {
        return gateway.httpUri("/api/v1/centres/" + CENTRE + "/tickets/by-token/" + token + "/rating");
    }

    @Test
    void theCitizenRatesTheirCompletedTicketOnceWithItsTokenAndThePadCannotRateItAgain() throws Exception {
        try (LogCapture logs = LogCapture.named("")) {
            JsonNode waiting = serveTicket(gateway, "Q17", "BHXH", false);
            String token = waiting.path("token").asText();
            assertFalse(token.isEmpty(), waiting.toString());
            JsonNode before = HttpCalls.json(HttpCalls.get(rating(token)));
            assertFalse(before.path("rateable").asBoolean(), "not served yet: " + before);
            HttpResponse<String> early = HttpCalls.postJson(rating(token), "{\"requestId\":\"p0\",\"score\":5}");
            assertEquals(409, early.statusCode(), early.body());
            assertEquals("NOT_RATEABLE", HttpCalls.errorCode(early));

            try (TestDevice q17 = gateway.device("counter-Q17")) {
                q17.subscribe(GatewayHarness.PREFIX + "counters/Q17/replies");
                q17.request(GatewayHarness.PREFIX + "counters/Q17/commands", GatewayHarness.PREFIX
                        + "counters/Q17/replies", "q17-done", "{\"requestId\":\"q17-done\",\"command\":\"COMPLETE\"}");
            }
            JsonNode open = HttpCalls.json(HttpCalls.get(rating(token)));
            assertTrue(open.path("rateable").asBoolean(), open.toString());
            assertTrue(open.hasNonNull("until"), open.toString());

            String body = "{\"requestId\":\"p1\",\"score\":1,\"reasons\":[\"UNFRIENDLY\"]}";
            HttpResponse<String> rated = HttpCalls.postJson(rating(token), body);
            assertEquals(200, rated.statusCode(), rated.body());
            assertTrue(HttpCalls.json(rated).path("accepted").asBoolean(), rated.body());
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated'"
                    + " AND counter_id = 'Q17' AND payload->>'source' = 'PHONE' AND (payload->>'score')::int = 1"
                    + " AND payload->'reasons' = '[\"UNFRIENDLY\"]' AND payload->>'service' = 'BHXH'"));
            HttpResponse<String> retried = HttpCalls.postJson(rating(token), body);
            assertEquals(rated.body(), retried.body(), "the same requestId gets the same answer");

            HttpResponse<String> twice = HttpCalls.postJson(rating(token), "{\"requestId\":\"p2\",\"score\":5}");
            assertEquals(409, twice.statusCode(), twice.body());
            assertEquals("ALREADY_RATED", HttpCalls.errorCode(twice));
            JsonNode after = HttpCalls.json(HttpCalls.get(rating(token)));
            assertTrue(after.path("rated").asBoolean(), after.toString());
            assertFalse(after.path("rateable").asBoolean(), after.toString());
            try (TestDevice pad = pad(gateway, "Q17")) {
                TestDevice.Received padRating = rate(pad, "Q17", "pad-1", "\"ticket\":\""
                        + waiting.path("number").asText() + "\",\"score\":5");
                assertEquals("ALREADY_RATED", padRating.json().path("error").path("code").asText(),
                        padRating.text());
            }

            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE payload::text LIKE $1", "%" + token + "%"));
            assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE device_id LIKE $1", "%" + token + "%"));
            assertFalse(logs.text().contains(token), "the token is never logged");
        }
    }

    @Test
    void aBadRatingIsMalformedAndAnUnknownTokenIsAnUnknownTicket() throws Exception {
        HttpResponse<String> unknown = HttpCalls.postJson(rating("AAAAAAAAAAAAAAAAAAAAAA"),
                "{\"requestId\":\"x1\",\"score\":5}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("UNKNOWN_TICKET", HttpCalls.errorCode(unknown));
        HttpResponse<String> bad = HttpCalls.postJson(rating("AAAAAAAAAAAAAAAAAAAAAA"),
                "{\"requestId\":\"x2\",\"score\":3,\"reasons\":[\"OTHER\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("MALFORMED", HttpCalls.errorCode(bad));
        HttpResponse<String> notJson = HttpCalls.postJson(rating("AAAAAAAAAAAAAAAAAAAAAA"), "score=5");
        assertEquals(400, notJson.statusCode(), notJson.body());
    }
}
