package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.displays.Feeds.service;
import static vn.onedesk.gateway.displays.Feeds.wire;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.SseClient;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;

/**
 * The live feeds end to end: real MQTT devices (Paho), real PostgreSQL, and the HTTP streams read
 * with the JDK's HttpClient. What they show is checked against the engine, read on the centre's
 * own context through the runtime.
 */
class LiveFeedsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    private GatewayHarness gateway;
    private TestDevice kiosk;
    private int requests;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayHarness.startDemo();
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(RESPONSE);
    }

    @AfterEach
    void stop() {
        kiosk.close();
        gateway.close();
    }

    // ---------------------------------------------------------------- board

    @Test
    void aDisplaySubscribingToTheBoardGetsTheRetainedSnapshotAtOnce() throws Exception {
        try (TestDevice hall = gateway.device("hall-1")) {
            assertArrayEquals(new int[] {1}, hall.subscribe(PREFIX + "board"));
            TestDevice.Received received = hall.await(r -> r.topic().equals(PREFIX + "board"), WAIT);
            assertTrue(received.retained(), "the board is retained");
            JsonNode board = received.json();
            assertEquals(CENTRE, board.path("centre").asText());
            assertFalse(board.path("centreName").asText().isBlank());
            assertEquals(0, board.path("lastSeq").asLong(-1));
            assertEquals(24, board.path("counters").size(), board.toString());
            assertEquals("Q01", board.path("counters").get(0).path("counter").asText());
            assertEquals(10, board.path("services").size(), board.toString());
            assertEquals(0, board.path("recentCalls").size());
        }
    }

    @Test
    void theWaitTopicTheBoardAndTheStreamAgreeWithTheEnginesEstimateAfterTicketsAndCalls() throws Exception {
        try (TestDevice hall = gateway.device("hall-1");
             TestDevice q01 = gateway.device("counter-Q01");
             SseClient stream = SseClient.open(url("/waits/stream"), null)) {
            hall.subscribe(PREFIX + "services/TP/wait", PREFIX + "board");
            q01.subscribe(PREFIX + "counters/Q01/replies");
            assertEquals("board", stream.next(WAIT).name(), "the stream starts with the board");

            for (int i = 0; i < 5; i++) {
                ticket("TP");
            }
            command(q01, "Q01", "OPEN");
            command(q01, "Q01", "CALL_NEXT");

            int waiting = engine(q -> q.waiting().count("TP"));
            assertEquals(4, waiting);
            EstimatedWaitView expected = engine(q -> TicketViews.wait(q.estimateForService("TP")));
            JsonNode expectedJson = wire(expected);

            JsonNode wait = hall.await(r -> r.topic().endsWith("/services/TP/wait")
                    && r.json().path("waiting").asInt() == waiting && r.json().path("openCounters").asInt() == 1,
                    WAIT).json();
            assertEquals(expectedJson, wait.path("estimatedWait"), wait.toString());

            JsonNode mqttBoard = hall.await(r -> r.topic().endsWith("/board") && r.json().path("lastSeq").asLong() == 1,
                    WAIT).json();
            assertEquals(wait, service(mqttBoard, "TP"), "the board carries the same wait as the wait topic");
            assertEquals("CALLED", mqttBoard.path("counters").get(0).path("state").asText(), mqttBoard.toString());
            assertEquals(1, mqttBoard.path("recentCalls").size());

            SseClient.Event sseWait = stream.await(e -> e.name().equals("wait")
                    && e.json().path("service").asText().equals("TP") && e.json().path("waiting").asInt() == waiting
                    && e.json().path("openCounters").asInt() == 1, WAIT);
            assertEquals(wait, sseWait.json());
            SseClient.Event call = stream.await(e -> e.name().equals("call"), WAIT);
            assertEquals("1", call.id());
            SseClient.Event sseBoard = stream.await(e -> e.name().equals("board") && e.json().path("lastSeq").asLong() == 1
                    && service(e.json(), "TP").path("waiting").asInt() == waiting, WAIT);
            assertEquals("1", sseBoard.id(), "a board's event id is its lastSeq");
            assertEquals(wait, service(sseBoard.json(), "TP"));

            JsonNode httpBoard = JsonCodec.tree(SseClient.get(url("/board")).body().getBytes());
            assertEquals(wait, service(httpBoard, "TP"), "GET board agrees too");
            assertEquals(1, httpBoard.path("lastSeq").asLong());
        }
    }

    @Test
    void aBurstOfTicketsIsPublishedAsFewWaitsAndTheLastOneIsTheEnginesFinalEstimate() throws Exception {
        int tickets = 120;
        try (TestDevice hall = gateway.device("hall-1");
             TestDevice q04 = gateway.device("counter-Q04")) {
            // A counter serves DD, so its waits carry estimates (with none open they carry none).
            q04.subscribe(PREFIX + "counters/Q04/replies");
            command(q04, "Q04", "OPEN");
            hall.subscribe(PREFIX + "services/DD/wait");
            hall.await(r -> r.topic().endsWith("/services/DD/wait") && r.json().path("state").asText().equals("OPEN"),
                    WAIT);
            for (int i = 0; i < tickets; i++) {
                kiosk.publish(REQUEST, "{\"requestId\":\"burst-" + i + "\",\"service\":\"DD\"}");
            }
            for (int i = 0; i < tickets; i++) {
                kiosk.reply(RESPONSE, "burst-" + i);
            }
            List<JsonNode> published = new ArrayList<>();
            JsonNode last;
            do {
                last = hall.await(r -> r.topic().endsWith("/services/DD/wait"), WAIT).json();
                published.add(last);
            } while (last.path("waiting").asInt() != tickets);
            // Nothing changes any more, so nothing more is published.
            hall.expectNothing(r -> r.topic().endsWith("/services/DD/wait"), Duration.ofMillis(1500));

            assertTrue(published.size() < tickets / 4, "a " + tickets + "-ticket burst gave " + published.size()
                    + " wait publications");
            assertEquals(tickets, (int) engine(q -> q.waiting().count("DD")));
            assertEquals(wire(engine(q -> TicketViews.wait(q.estimateForService("DD")))),
                    last.path("estimatedWait"), "the last published wait is the engine's estimate of the final queue");
        }
    }

    // ---------------------------------------------------------------- the waits stream

    @Test
    void theStreamCarriesCallsWithTheirSeqAsIdAndAReconnectGetsExactlyTheMissedCallsThenTheBoard() throws Exception {
        try (TestDevice q12 = gateway.device("counter-Q12")) {
            q12.subscribe(PREFIX + "counters/Q12/replies");
            for (int i = 0; i < 3; i++) {
                ticket("GT");
            }
            command(q12, "Q12", "OPEN");

            List<String> ids = new ArrayList<>();
            try (SseClient stream = SseClient.open(url("/waits/stream"), null)) {
                SseClient.Event first = stream.next(WAIT);
                assertEquals("board", first.name(), "the stream starts with a board");
                assertEquals("0", first.id());
                command(q12, "Q12", "CALL_NEXT");
                command(q12, "Q12", "RECALL");
                command(q12, "Q12", "COMPLETE");
                command(q12, "Q12", "CALL_NEXT");
                for (int i = 0; i < 3; i++) {
                    SseClient.Event call = stream.await(e -> e.name().equals("call"), WAIT);
                    assertEquals(call.json().path("seq").asText(), call.id());
                    ids.add(call.id());
                }
            }
            assertEquals(List.of("1", "2", "3"), ids, "calls arrive in seq order, ids = seq");

            // While no one listens: a recall (4) and the last ticket's call (5).
            command(q12, "Q12", "RECALL");
            command(q12, "Q12", "COMPLETE");
            JsonNode fifth = command(q12, "Q12", "CALL_NEXT");

            try (SseClient again = SseClient.open(url("/waits/stream"), "3")) {
                SseClient.Event missed4 = again.next(WAIT);
                SseClient.Event missed5 = again.next(WAIT);
                SseClient.Event board = again.next(WAIT);
                assertEquals(List.of("call", "call", "board"), List.of(missed4.name(), missed5.name(), board.name()));
                assertEquals("4", missed4.id());
                assertTrue(missed4.json().path("recall").asBoolean(), missed4.data());
                assertEquals("5", missed5.id());
                assertEquals(fifth.path("ticket").path("number").asText(), missed5.json().path("ticket").asText());
                assertEquals("5", board.id());
                assertEquals(5, board.json().path("lastSeq").asLong());
                assertEquals(List.of(5L, 4L, 3L, 2L, 1L), seqs(board.json().path("recentCalls")),
                        "recent calls, newest first");
            }
            try (SseClient upToDate = SseClient.open(url("/waits/stream"), "5")) {
                assertEquals("board", upToDate.next(WAIT).name(), "nothing missed: only the board");
            }
        }
    }

    // ---------------------------------------------------------------- tickets

    @Test
    void theTicketStreamShowsThePlaceDroppingWhenATicketAheadIsCalledThenCalledThenDone() throws Exception {
        try (TestDevice q04 = gateway.device("counter-Q04")) {
            q04.subscribe(PREFIX + "counters/Q04/replies");
            ticket("DD");
            JsonNode second = ticket("DD");
            String id = second.path("id").asText();
            String byToken = "/tickets/by-token/" + second.path("token").asText();
            command(q04, "Q04", "OPEN");

            JsonNode viewed = JsonCodec.tree(SseClient.get(url(byToken)).body().getBytes());
            assertEquals(second.path("number").asText(), viewed.path("number").asText());
            assertEquals(1, viewed.path("ahead").asInt(), viewed.toString());

            try (SseClient stream = SseClient.open(url(byToken + "/stream"), null)) {
                JsonNode atConnect = stream.next(WAIT).json();
                assertEquals("WAITING", atConnect.path("state").asText());
                assertEquals(1, atConnect.path("ahead").asInt(), atConnect.toString());
                assertEquals(wire(engine(q -> TicketViews.wait(q.estimateFor(id)))),
                        atConnect.path("estimatedWait"));

                command(q04, "Q04", "CALL_NEXT");
                JsonNode moved = stream.await(e -> e.name().equals("ticket") && e.json().path("ahead").asInt(-1) == 0,
                        WAIT).json();
                assertEquals("WAITING", moved.path("state").asText(), moved.toString());
                assertEquals(0, moved.path("ahead").asInt(), "the ticket ahead was called: " + moved);
                assertEquals(wire(engine(q -> TicketViews.wait(q.estimateFor(id)))),
                        moved.path("estimatedWait"));

                command(q04, "Q04", "COMPLETE");
                command(q04, "Q04", "CALL_NEXT");
                JsonNode called = stream.await(e -> e.name().equals("ticket")
                        && !e.json().path("state").asText().equals("WAITING"), WAIT).json();
                assertEquals("CALLED", called.path("state").asText(), called.toString());
                assertFalse(called.has("ahead") || called.has("estimatedWait"), called.toString());

                command(q04, "Q04", "NO_SHOW");
                JsonNode last = stream.await(e -> e.name().equals("ticket")
                        && !e.json().path("state").asText().equals("CALLED"), WAIT).json();
                assertEquals("NO_SHOW", last.path("state").asText(), last.toString());
                assertFinalEnd(stream, "NO_SHOW");
            }
            JsonNode finished = JsonCodec.tree(SseClient.get(url(byToken)).body().getBytes());
            assertEquals("NO_SHOW", finished.path("state").asText(), "a finished ticket is read from the database");
            try (SseClient late = SseClient.open(url(byToken + "/stream"), null)) {
                assertEquals("NO_SHOW", late.next(WAIT).json().path("state").asText());
                assertFinalEnd(late, "NO_SHOW");
            }
            // A client that reconnects all the same, saying it had the end: 204, which stops EventSource.
            HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url(byToken + "/stream"))).header("Accept", "text/event-stream")
                    .header("Last-Event-ID", "end").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, again.statusCode(), again.body());
            assertEquals("", again.body());
        }
    }

    /**
     * A finished ticket's stream says so, with an "end" event (id "end") carrying the last state, and
     * then ends: nothing else will ever come, so a page has no reason to reconnect.
     */
    private static void assertFinalEnd(SseClient stream, String state) throws InterruptedException {
        SseClient.Event end = stream.next(WAIT);
        assertEquals("end", end.name(), end.toString());
        assertEquals("end", end.id(), end.toString());
        assertEquals(state, end.json().path("state").asText(), end.toString());
        stream.awaitEnd(WAIT);
        assertEquals(List.of(), stream.drain(), "nothing after the end");
    }

    @Test
    void theQrCodeIsAnSvgOfTheTicketPageByItsTokenOnTheHostTheClientUsed() throws Exception {
        String token = ticket("KQ").path("token").asText();
        var response = SseClient.get(url("/tickets/by-token/" + token + "/qr.svg"));
        assertEquals(200, response.statusCode());
        assertEquals("image/svg+xml", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().startsWith("<svg") && response.body().contains("<path"), response.body());
        assertEquals("http://127.0.0.1:" + gateway.httpPort() + "/ticket/" + token + "?c=" + CENTRE,
                QrSvgReader.decode(response.body()));
    }

    // ---------------------------------------------------------------- counter queues

    @Test
    void aCounterReadsItsOwnQueueWithTheNextTicketsInLineAndAnotherCounterMayNot() throws Exception {
        JsonNode first = ticket("XD");
        JsonNode second = ticket("XD");
        try (TestDevice q09 = gateway.device("counter-Q09");
             TestDevice q10 = gateway.device("counter-Q10")) {
            assertArrayEquals(new int[] {1}, q09.subscribe(PREFIX + "counters/Q09/queue"));
            JsonNode queue = q09.await(r -> r.topic().endsWith("/Q09/queue")
                    && r.json().path("next").size() == 2, WAIT).json();
            assertEquals("Q09", queue.path("counter").asText());
            assertEquals("XD", queue.path("services").get(0).path("service").asText(), "primary skill first");
            assertEquals(2, queue.path("services").get(0).path("waiting").asInt());
            assertEquals(first.path("id"), queue.path("next").get(0).path("id"));
            assertEquals(second.path("id"), queue.path("next").get(1).path("id"));
            assertEquals(1, queue.path("next").get(1).path("ahead").asInt());

            assertArrayEquals(new int[] {128}, q10.subscribe(PREFIX + "counters/Q09/queue"));
            q10.expectNothing(r -> r.topic().endsWith("/Q09/queue"), Duration.ofMillis(300));
        }
    }

    // ---------------------------------------------------------------- errors

    @Test
    void anUnknownCentreIs404UnknownCentreOnEveryEndpoint() throws Exception {
        for (String path : List.of("/board", "/waits/stream", "/tickets/by-token/x", "/tickets/by-token/x/stream",
                "/tickets/by-token/x/qr.svg")) {
            var response = SseClient.get("http://127.0.0.1:" + gateway.httpPort() + "/api/v1/centres/nowhere" + path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"), path);
            JsonNode body = JsonCodec.tree(response.body().getBytes());
            assertEquals("UNKNOWN_CENTRE", body.path("error").path("code").asText(), path + " " + body);
            assertEquals(vn.onedesk.protocol.ErrorCode.UNKNOWN_CENTRE.vietnameseMessage(),
                    body.path("error").path("message").asText());
            assertTrue(body.path("error").path("detail").asText().contains("nowhere"), path + " " + body);
        }
    }

    @Test
    void anUnknownTokenIs404UnknownTicketOnEveryTicketEndpoint() throws Exception {
        for (String id : List.of("AAAAAAAAAAAAAAAAAAAAAA", "00000000-0000-0000-0000-000000000000", "not..a..ticket", "%20")) {
            for (String suffix : List.of("", "/stream", "/qr.svg")) {
                var response = SseClient.get(url("/tickets/by-token/" + id + suffix));
                assertEquals(404, response.statusCode(), id + suffix);
                JsonNode body = JsonCodec.tree(response.body().getBytes());
                assertEquals("UNKNOWN_TICKET", body.path("error").path("code").asText(), id + suffix + " " + body);
                assertEquals(vn.onedesk.protocol.ErrorCode.UNKNOWN_TICKET.vietnameseMessage(),
                        body.path("error").path("message").asText());
                assertFalse(body.path("error").path("detail").asText().isBlank(), id + suffix + " " + body);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private String url(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + "/api/v1/centres/" + CENTRE + path;
    }

    private <T> T engine(Function<CentreQueue, T> reader) {
        return GatewayHarness.await(gateway.gateway().centres().find(CENTRE).orElseThrow().read(reader));
    }

    private JsonNode ticket(String service) throws Exception {
        String requestId = "live-" + (++requests);
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
        assertEquals("WAITING", reply.path("ticket").path("state").asText(), reply.toString());
        return reply.path("ticket");
    }

    private JsonNode command(TestDevice terminal, String counter, String command) throws Exception {
        return Feeds.command(terminal, counter, counter + "-" + (++requests), command);
    }


    private static List<Long> seqs(JsonNode calls) {
        List<Long> seqs = new ArrayList<>();
        calls.forEach(c -> seqs.add(c.path("seq").asLong()));
        return seqs;
    }
}
