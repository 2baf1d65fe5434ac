package vn.onedesk.gateway.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The whole path a manager relies on, through the real parts only: an officer opens a counter with their PIN over
 * MQTT (Paho), serves a citizen and records a dossier for postal return; the counter's rating pad rates the visit;
 * then the manager's per-officer and per-service reports, read over HTTP, and {@code /metrics} show that rating and
 * that dossier, attributed to that officer. No row is written by hand: what the reports read is what the gateway
 * committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingInReportsTest {
    private static final String CENTRE = "hcc-tinh";
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aPadRatingAndADossierRecordedAtCompleteAppearInTheOfficersReportAndInMetrics() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        String number;
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q16 = gateway.device("counter-Q16")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            q16.subscribe(PREFIX + "counters/Q16/replies");
            number = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                    PREFIX + "kiosks/kiosk-1/tickets/response", "report-take",
                    "{\"requestId\":\"report-take\",\"service\":\"BHTN\"}").path("ticket").path("number").asText();
            for (String command : new String[] {"\"command\":\"OPEN\",\"officer\":\"officer-Q16\",\"pin\":\"1234\"",
                    "\"command\":\"CALL_NEXT\"", "\"command\":\"COMPLETE\",\"dossiers\":[\"000.00.24.H12-"
                    + "241203-0001\"],\"returnByPost\":true"}) {
                String id = "report-" + System.nanoTime();
                JsonNode reply = q16.request(PREFIX + "counters/Q16/commands", PREFIX + "counters/Q16/replies", id,
                        "{\"requestId\":\"" + id + "\"," + command + "}");
                assertFalse(reply.has("error"), reply.toString());
            }
        }
        try (TestDevice pad = RatingPadTest.pad(gateway, "Q16")) {
            TestDevice.Received reply = RatingPadTest.rate(pad, "Q16", "report-rate", "\"ticket\":\"" + number
                    + "\",\"score\":5");
            assertTrue(reply.json().path("accepted").asBoolean(), reply.text());
        }

        String period = "/api/v1/centres/" + CENTRE + "/reports?from=" + day + "&to=" + day;
        JsonNode officer = line(report(period + "&by=officer"), "officer", "officer-Q16");
        JsonNode ratings = officer.path("ratings");
        assertEquals(1, ratings.path("received").asInt(), officer.toString());
        assertEquals(5.0, ratings.path("meanScore").asDouble(), officer.toString());
        assertEquals(1, ratings.path("satisfied").asInt(), officer.toString());
        assertEquals(1, ratings.path("byScore").path("5").asInt(), officer.toString());
        assertEquals(100.0, ratings.path("ratedPercent").asDouble(), "the officer's one completed visit is rated");
        assertEquals(1, officer.path("dossiers").path("received").asInt(), officer.toString());
        assertEquals(1, officer.path("dossiers").path("returnedByPost").asInt(), officer.toString());

        JsonNode service = line(report(period + "&by=service"), "service", "BHTN");
        assertEquals(1, service.path("ratings").path("received").asInt(), service.toString());
        assertEquals(1, service.path("dossiers").path("returnedByPost").asInt(), service.toString());

        String metrics = HttpCalls.get(gateway.httpUri("/metrics")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("onedesk_ratings_total{") && l.contains("centre=\""
                + CENTRE + "\"") && l.contains("service=\"BHTN\"") && l.contains("score=\"5\"")
                && l.endsWith(" 1.0")), "the rating is counted in /metrics");
    }

    private JsonNode report(String path) {
        HttpResponse<String> response = HttpCalls.get(gateway.httpUri(path), "Authorization",
                Logins.bearer(Logins.manager(gateway)));
        assertEquals(200, response.statusCode(), response.body());
        return HttpCalls.json(response);
    }

    private static JsonNode line(JsonNode report, String field, String value) {
        for (JsonNode l : report.path("lines")) {
            if (l.path(field).asText().equals(value)) {
                return l;
            }
        }
        throw new AssertionError("no line with " + field + " " + value + " in " + report);
    }
}
