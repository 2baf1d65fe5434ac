package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.displays.Feeds.service;
import static vn.onedesk.gateway.displays.Feeds.wire;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.SseClient;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.gateway.ticketing.TicketViews;

/**
 * The state of each service (OPEN, NO_COUNTER, CLOSED with the next opening) where waits go: the retained MQTT
 * wait topics, the board, the SSE waits stream, the kiosk's ticket response and the ticket's stream. The demo
 * centre keeps its hours here (07:30–11:30, 13:30–17:00 in Ho Chi Minh City, UTC+7), on a clock the test sets.
 */
class ServiceStateFeedTest {
    private static final ZoneId CENTRE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    /** 13:30 in the centre is 06:30 UTC. */
    private static final String AFTERNOON_OPENING = "2025-03-03T06:30:00Z";

    private TestClock clock;
    private GatewayHarness gateway;
    private TestDevice kiosk;
    private int requests;

    private static Instant centreTime(String time) {
        return DAY.atTime(LocalTime.parse(time)).atZone(CENTRE_ZONE).toInstant();
    }

    private void startAt(String time) throws Exception {
        clock = new TestClock(centreTime(time));
        gateway = GatewayHarness.startDemoKeepingOpeningHours(clock);
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE);
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void inTheLunchBreakTheRetainedWaitTheBoardAndTheStreamSayClosedUntilHalfPastOneWithNoEstimate() throws Exception {
        startAt("12:00");
        try (TestDevice hall = gateway.device("hall-1");
             SseClient stream = SseClient.open(url("/waits/stream"), null)) {
            hall.subscribe(PREFIX + "services/TP/wait", PREFIX + "board");
            JsonNode wait = hall.await(r -> r.retained() && r.topic().endsWith("/services/TP/wait"), WAIT).json();
            assertClosedUntilTheAfternoon(wait);

            JsonNode board = hall.await(r -> r.retained() && r.topic().equals(PREFIX + "board"), WAIT).json();
            for (JsonNode service : board.path("services")) {
                assertClosedUntilTheAfternoon(service);
            }

            SseClient.Event first = stream.next(WAIT);
            assertEquals("board", first.name());
            assertClosedUntilTheAfternoon(service(first.json(), "TP"));

            // What the waits say is what the kiosk finds: a closed service issues no ticket.
            JsonNode refused = takeTicket("TP");
            assertEquals("SERVICE_CLOSED", refused.path("error").path("code").asText(), refused.toString());
        }
    }

    @Test
    void atNightTheWaitsSayTheCentreOpensAtHalfPastSevenTheNextMorning() throws Exception {
        startAt("20:00");
        try (TestDevice hall = gateway.device("hall-1")) {
            hall.subscribe(PREFIX + "services/DD/wait");
            JsonNode wait = hall.await(r -> r.retained() && r.topic().endsWith("/services/DD/wait"), WAIT).json();
            assertEquals("CLOSED", wait.path("state").asText(), wait.toString());
            // 07:30 on 4 March in the centre is 00:30 UTC that day.
            assertEquals("2025-03-04T00:30:00Z", wait.path("opensAt").asText(), wait.toString());
            assertFalse(wait.has("estimatedWait"), wait.toString());
        }
    }

    @Test
    void aTicketTakenWithNoCounterOpenSaysSoInsteadOfAnEstimateAndItsStreamGetsOneWhenACounterOpens()
            throws Exception {
        startAt("09:00");
        try (TestDevice hall = gateway.device("hall-1");
             TestDevice q01 = gateway.device("counter-Q01")) {
            q01.subscribe(PREFIX + "counters/Q01/replies");
            hall.subscribe(PREFIX + "services/TP/wait");

            JsonNode ticket = takeTicket("TP").path("ticket");
            assertEquals("WAITING", ticket.path("state").asText(), ticket.toString());
            assertEquals(0, ticket.path("ahead").asInt(-1), ticket.toString());
            assertEquals("NO_COUNTER", ticket.path("serviceState").asText(), ticket.toString());
            assertFalse(ticket.has("estimatedWait") || ticket.has("opensAt"), ticket.toString());

            JsonNode wait = hall.await(r -> r.topic().endsWith("/services/TP/wait")
                    && r.json().path("waiting").asInt() == 1, WAIT).json();
            assertEquals("NO_COUNTER", wait.path("state").asText(), wait.toString());
            assertEquals(0, wait.path("openCounters").asInt(-1), wait.toString());
            assertFalse(wait.has("estimatedWait") || wait.has("opensAt"), wait.toString());

            String id = ticket.path("id").asText();
            String token = ticket.path("token").asText();
            try (SseClient stream = SseClient.open(url("/tickets/by-token/" + token + "/stream"), null)) {
                JsonNode atConnect = stream.next(WAIT).json();
                assertEquals("NO_COUNTER", atConnect.path("serviceState").asText(), atConnect.toString());
                assertFalse(atConnect.has("estimatedWait"), atConnect.toString());

                command(q01, "Q01", "OPEN");
                JsonNode open = stream.await(e -> e.name().equals("ticket")
                        && e.json().path("serviceState").asText().equals("OPEN"), WAIT).json();
                assertEquals(wire(engine(q -> TicketViews.wait(q.estimateFor(id)))), open.path("estimatedWait"),
                        open.toString());
                JsonNode openWait = hall.await(r -> r.topic().endsWith("/services/TP/wait")
                        && r.json().path("state").asText().equals("OPEN"), WAIT).json();
                assertEquals(wire(engine(q -> TicketViews.wait(q.estimateForService("TP")))),
                        openWait.path("estimatedWait"), openWait.toString());
            }
        }
    }

    @Test
    void theEndAndTheStartOfASessionRepublishTheWaitsAndTheTicketStreamWithoutAnyEvent() throws Exception {
        startAt("11:29:59");
        try (TestDevice hall = gateway.device("hall-1");
             TestDevice q01 = gateway.device("counter-Q01");
             SseClient waits = SseClient.open(url("/waits/stream"), null)) {
            q01.subscribe(PREFIX + "counters/Q01/replies");
            hall.subscribe(PREFIX + "services/TP/wait");
            command(q01, "Q01", "OPEN");
            String token = takeTicket("TP").path("ticket").path("token").asText();
            hall.await(r -> r.topic().endsWith("/services/TP/wait") && r.json().path("waiting").asInt() == 1
                    && r.json().path("state").asText().equals("OPEN") && r.json().has("estimatedWait"), WAIT);

            try (SseClient ticketStream = SseClient.open(url("/tickets/by-token/" + token + "/stream"), null)) {
                assertEquals("OPEN", ticketStream.next(WAIT).json().path("serviceState").asText());
                long events = gateway.count("SELECT count(*) FROM events");

                // 11:30: the morning session ends. Nobody does anything, yet every screen must learn it.
                clock.set(centreTime("11:30"));
                JsonNode closed = hall.await(r -> r.topic().endsWith("/services/TP/wait")
                        && r.json().path("state").asText().equals("CLOSED"), WAIT).json();
                assertClosedUntilTheAfternoon(closed);
                assertEquals(1, closed.path("waiting").asInt(), "the ticket still waits: " + closed);
                assertClosedUntilTheAfternoon(waits.await(e -> e.name().equals("wait")
                        && e.json().path("service").asText().equals("TP")
                        && e.json().path("state").asText().equals("CLOSED"), WAIT).json());
                JsonNode ticket = ticketStream.await(e -> e.name().equals("ticket")
                        && e.json().path("serviceState").asText().equals("CLOSED"), WAIT).json();
                assertEquals(AFTERNOON_OPENING, ticket.path("opensAt").asText(), ticket.toString());
                assertEquals(0, ticket.path("ahead").asInt(-1), "its place is still true: " + ticket);
                assertFalse(ticket.has("estimatedWait"), ticket.toString());
                assertEquals(events, gateway.count("SELECT count(*) FROM events"), "no event made it happen");
                ticketStream.drain(); // what came before the boundary is no answer to what comes after it

                // A display that connects now gets the retained wait as it is now.
                try (TestDevice late = gateway.device("counter-Q02")) {
                    late.subscribe(PREFIX + "services/TP/wait");
                    assertClosedUntilTheAfternoon(late.await(r -> r.retained()
                            && r.topic().endsWith("/services/TP/wait"), WAIT).json());
                }

                // 13:30: the afternoon session starts, Q01 is still open: estimates again.
                clock.set(centreTime("13:30"));
                JsonNode reopened = hall.await(r -> r.topic().endsWith("/services/TP/wait")
                        && r.json().path("state").asText().equals("OPEN")
                        && r.json().path("updatedAt").asText().equals(AFTERNOON_OPENING), WAIT).json();
                assertFalse(reopened.has("opensAt"), reopened.toString());
                assertEquals(wire(engine(q -> TicketViews.wait(q.estimateForService("TP")))),
                        reopened.path("estimatedWait"), reopened.toString());
                JsonNode open = ticketStream.await(e -> e.name().equals("ticket")
                        && e.json().path("serviceState").asText().equals("OPEN"), WAIT).json();
                assertTrue(open.has("estimatedWait"), open.toString());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertClosedUntilTheAfternoon(JsonNode wait) {
        assertEquals("CLOSED", wait.path("state").asText(), wait.toString());
        assertEquals(AFTERNOON_OPENING, wait.path("opensAt").asText(), wait.toString());
        assertFalse(wait.has("estimatedWait"), "no estimate while closed: " + wait);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + "/api/v1/centres/" + CENTRE + path;
    }

    private <T> T engine(Function<CentreQueue, T> reader) {
        return GatewayHarness.await(gateway.gateway().centres().find(CENTRE).orElseThrow().read(reader));
    }

    private JsonNode takeTicket(String service) throws Exception {
        String requestId = "state-" + (++requests);
        return kiosk.request(REQUEST, RESPONSE, requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
    }

    private JsonNode command(TestDevice terminal, String counter, String command) throws Exception {
        return Feeds.command(terminal, counter, counter + "-" + (++requests), command);
    }

}
