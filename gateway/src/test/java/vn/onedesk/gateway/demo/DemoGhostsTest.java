package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;

/**
 * The demo leaves no ghosts (issue 11): the simulated counters Q03–Q24 are closed through CLOSE when the
 * demo traffic stops, and at the next start of the demo when the last run could not (SIGKILL); the
 * ticket at a closing counter is completed if in service and marked no-show if only called. Q01 and Q02
 * belong to people and are left alone. Everything is read as a hall sees it: the HTTP board and the
 * retained MQTT topics (Paho), and checked against PostgreSQL where the test has it.
 */
class DemoGhostsTest {
    private static final ZoneId CENTRE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String BOARD = "/api/v1/centres/" + GatewayHarness.CENTRE + "/board";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private final List<String> demoLog = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            demoLog.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheDemoLog() {
        Logger.getLogger("onedesk.demo").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("onedesk.demo").removeHandler(capture);
    }

    @Test
    void afterTheDemoRanARestartWithoutTrafficShowsNoSimulatedCounterOpenOrServing() throws Exception {
        String database = TestDatabase.freshDatabaseUrl();
        Clock morning = clockAt(LocalTime.of(9, 0));
        GatewayHarness demo = GatewayHarness.start(trafficOn(database), morning);
        try {
            eventually(() -> simulatedOpen(board(demo.httpUri(BOARD))) >= 8
                    && simulatedAtWork(board(demo.httpUri(BOARD))) >= 4, "the simulated centre is at work");
        } finally {
            demo.close(); // the gateway's stop, as Main's shutdown hook calls it: the traffic stops first
        }

        try (GatewayHarness again = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, database)),
                morning);
             TestDevice hall = again.device("hall-1")) {
            assertTrue(again.gateway().demoTraffic().isEmpty(), "no demo traffic this time");
            JsonNode board = board(again.httpUri(BOARD));
            assertEquals(List.of(), simulated(board).filter(c -> c.path("open").asBoolean()).map(DemoGhostsTest::name)
                    .toList(), "no simulated counter is open on the board");
            assertEquals(List.of(), simulated(board).filter(c -> c.hasNonNull("ticket")).map(DemoGhostsTest::name)
                    .toList(), "the hall shows none of them serving");
            for (JsonNode service : board.path("services")) {
                assertEquals(0, service.path("openCounters").asInt(), "no phantom counter in the estimate of "
                        + service.path("service").asText());
            }

            hall.subscribe(PREFIX + "counters/+/now");
            for (int n = 3; n <= 24; n++) {
                String counter = String.format("Q%02d", n);
                JsonNode now = hall.await(r -> r.topic().equals(PREFIX + "counters/" + counter + "/now"), WAIT).json();
                assertFalse(now.path("open").asBoolean(), counter + "'s retained now-serving says closed");
                assertFalse(now.hasNonNull("ticket"), counter + "'s retained now-serving shows no ticket");
            }
            assertEquals(0, again.count("SELECT count(*) FROM counters WHERE open"));
            assertEquals(0, again.count("SELECT count(*) FROM tickets WHERE state IN ('CALLED', 'SERVING')"));
            assertTrue(demoLog.stream().noneMatch(l -> l.contains("demo: closed")), "the officers closed their"
                    + " counters when the traffic stopped; the start had nothing left to do: " + demoLog);
        }
    }

    @Test
    void stoppingTheDemoTrafficClosesEverySimulatedCounterThroughCloseAndFreesTheTicketsAtThem() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(trafficOn(TestDatabase.freshDatabaseUrl()),
                clockAt(LocalTime.of(9, 0)));
             TestDevice person = gateway.device("counter-Q01")) {
            String q01 = PREFIX + "counters/Q01/";
            person.subscribe(q01 + "replies");
            assertFalse(person.request(q01 + "commands", q01 + "replies", "person-open",
                    "{\"requestId\":\"person-open\",\"command\":\"OPEN\"}").has("error"));
            eventually(() -> simulatedOpen(board(gateway.httpUri(BOARD))) >= 8
                    && gateway.count("SELECT count(*) FROM tickets WHERE state IN ('CALLED', 'SERVING')") >= 4,
                    "the simulated centre is at work");

            long openBefore = gateway.count("SELECT count(*) FROM counters WHERE open AND counter_id <> 'Q01'");
            long versionBefore = gateway.count("SELECT version FROM centres");
            GatewayHarness.await(gateway.gateway().demoTraffic().orElseThrow().stop());

            assertEquals(0, gateway.count("SELECT count(*) FROM counters WHERE open AND counter_id <> 'Q01'"),
                    "every simulated counter is closed");
            assertEquals(0, gateway.count("SELECT count(*) FROM tickets WHERE state IN ('CALLED', 'SERVING')"),
                    "no ticket is left at a counter");
            assertEquals(0, gateway.count("SELECT count(*) FROM (SELECT DISTINCT ON (counter_id) type FROM events"
                    + " WHERE type IN ('CounterOpened', 'CounterClosed') AND counter_id <> 'Q01'"
                    + " ORDER BY counter_id, version DESC) last WHERE type = 'CounterOpened'"),
                    "each simulated counter's last opening is followed by a CounterClosed event");
            assertTrue(gateway.count("SELECT count(DISTINCT counter_id) FROM events WHERE type = 'CounterClosed'"
                    + " AND version > $1", versionBefore) >= openBefore, "the " + openBefore + " counters open"
                    + " when the traffic stopped were closed then");
            assertTrue(demoLog.stream().anyMatch(l -> l.startsWith("INFO demo traffic stopped: the simulated officers"
                    + " closed ")), demoLog.toString());

            eventually(() -> {
                JsonNode board = board(gateway.httpUri(BOARD));
                return simulatedOpen(board) == 0 && simulatedAtWork(board) == 0 && counter(board, "Q01").path("open")
                        .asBoolean();
            }, "the hall shows no simulated counter open or serving, and Q01 as the person left it");
        }
    }

    @Test
    void countersTheSimulationLeftOpenAreClosedAtTheNextStartByTheRuleAndTheTrafficWorksThemAgain() throws Exception {
        String database = TestDatabase.freshDatabaseUrl();
        Clock morning = clockAt(LocalTime.of(9, 0));
        String calledTicket;
        String servedTicket;
        // The test plays the simulated officers of Q03–Q05 (their terminals, the simulation's request ids) with
        // the traffic off, so that nothing closes their counters at the stop: they are left as a gateway killed
        // during the demo leaves them, one with a ticket called, one with a ticket in service, one idle.
        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, database)),
                morning);
             TestDevice kiosk = gateway.device("kiosk-1");
             TestDevice q03 = gateway.device("counter-Q03");
             TestDevice q04 = gateway.device("counter-Q04");
             TestDevice q05 = gateway.device("counter-Q05")) {
            String tickets = PREFIX + "kiosks/kiosk-1/tickets/";
            kiosk.subscribe(tickets + "response");
            kiosk.request(tickets + "request", tickets + "response", "t1", "{\"requestId\":\"t1\",\"service\":\"TP\"}");
            kiosk.request(tickets + "request", tickets + "response", "t2", "{\"requestId\":\"t2\",\"service\":\"DD\"}");
            calledTicket = command(q03, "Q03", "CALL_NEXT", SIMULATION).path("ticket").path("id").asText();
            servedTicket = command(q04, "Q04", "CALL_NEXT", SIMULATION).path("ticket").path("id").asText();
            command(q04, "Q04", "START", SIMULATION);
            command(q05, "Q05", "OPEN", SIMULATION);
        }

        try (GatewayHarness gateway = GatewayHarness.start(trafficOn(database), morning)) {
            // Closed before MQTT listened: by the time the start returns, it is stored.
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND state = 'NO_SHOW'",
                    calledTicket), "the ticket only called at Q03 was marked no-show");
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND state = 'DONE'",
                    servedTicket), "the ticket in service at Q04 was completed");
            assertEquals(1, history("Q03", "CounterOpened,TicketCalled,TicketNoShow,CounterClosed", gateway));
            assertEquals(1, history("Q04", "CounterOpened,TicketCalled,ServiceStarted,ServiceCompleted,CounterClosed",
                    gateway));
            assertEquals(1, history("Q05", "CounterOpened,CounterClosed", gateway));
            assertEquals(1, gateway.count("SELECT count(*) FROM requests WHERE device_id = 'counter-Q03'"
                    + " AND fingerprint = 'Q03|NO_SHOW|null'"), "as a command of Q03's own terminal");
            assertEquals(1, gateway.count("SELECT count(*) FROM requests WHERE device_id = 'counter-Q04'"
                    + " AND fingerprint = 'Q04|COMPLETE|null'"), "as a command of Q04's own terminal");
            assertTrue(demoLog.contains("INFO demo: closed 3 simulated counters left open by the last run"
                    + " (Q03, Q04, Q05): the demo traffic opens them again in their sessions; before closing,"
                    + " 1 ticket(s) in service were completed and 1 called ticket(s) marked no-show"), demoLog.toString());

            for (String counter : List.of("Q03", "Q04")) {
                long closedAt = gateway.count("SELECT max(version) FROM events WHERE counter_id = $1"
                        + " AND type = 'CounterClosed'", counter);
                eventually(() -> gateway.count("SELECT count(*) FROM events WHERE counter_id = $1"
                        + " AND type = 'TicketCalled' AND version > $2", counter, closedAt) > 0,
                        "the traffic opens " + counter + " again and calls there");
            }
        }
    }

    @Test
    void aDemoKilledWithSigkillHasItsSimulatedCountersClosedAtTheNextStartWithoutTrafficButNotACounterOfAPerson()
            throws Exception {
        GatewayProcess gateway = new GatewayProcess(dir.resolve("data"), dir.resolve("gateway.log"));
        try {
            gateway.start(Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "on", ConfigLoader.ENV_DEMO_SPEED, "60"));
            try (TestDevice person = TestDevice.connect(gateway.mqttUri(), "counter-Q01", "demo")) {
                String q01 = PREFIX + "counters/Q01/";
                person.subscribe(q01 + "replies");
                assertFalse(person.request(q01 + "commands", q01 + "replies", "person-open",
                        "{\"requestId\":\"person-open\",\"command\":\"OPEN\"}").has("error"));
            }
            eventually(() -> simulatedOpen(board(gateway.httpUri(BOARD))) >= 8
                    && simulatedAtWork(board(gateway.httpUri(BOARD))) >= 4, "the simulated centre is at work");
            gateway.kill(); // SIGKILL: the simulated officers cannot close anything

            gateway.start(Map.of(), "--no-demo-traffic");
            eventually(() -> simulatedOpen(board(gateway.httpUri(BOARD))) == 0
                    && simulatedAtWork(board(gateway.httpUri(BOARD))) == 0,
                    "the hall shows no simulated counter open or serving");
            assertTrue(counter(board(gateway.httpUri(BOARD)), "Q01").path("open").asBoolean(),
                    "Q01, opened by a person, is left open");
            String output = gateway.output();
            int at = output.indexOf("demo: closed ");
            assertTrue(at >= 0, output);
            String line = output.substring(at, output.indexOf('\n', at));
            assertTrue(line.contains(" simulated counters left open by the last run (Q")
                    && line.contains("demo traffic is off, so no one would work them") && !line.contains("Q01"), line);
        } finally {
            gateway.stop();
        }
    }

    /** 1 if the counter's events, in order, begin with these types (comma-separated). */
    private static long history(String counter, String types, GatewayHarness gateway) {
        return gateway.count("SELECT count(*) FROM (SELECT string_agg(type, ',' ORDER BY version) AS h FROM events"
                + " WHERE counter_id = $1) e WHERE h = $2 OR h LIKE $2 || ',%'", counter, types);
    }

    @Test
    void aSimulatedCounterThatAPersonWorkedLastIsLeftAsItWasAtTheNextStart() throws Exception {
        String database = TestDatabase.freshDatabaseUrl();
        String ticket;
        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, database)),
                Clock.systemUTC());
             TestDevice kiosk = gateway.device("kiosk-1");
             TestDevice officer = gateway.device("counter-Q06")) {
            String tickets = PREFIX + "kiosks/kiosk-1/tickets/";
            kiosk.subscribe(tickets + "response");
            kiosk.request(tickets + "request", tickets + "response", "t1", "{\"requestId\":\"t1\",\"service\":\"DD\"}");
            // The simulation worked Q06 before; a person took it over, as the README invites with counter-Q05.
            command(officer, "Q06", "OPEN", SIMULATION);
            ticket = command(officer, "Q06", "CALL_NEXT", PERSON).path("ticket").path("id").asText();
        }

        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, database)),
                Clock.systemUTC())) {
            assertEquals(1, gateway.count("SELECT count(*) FROM counters WHERE counter_id = 'Q06' AND open"
                    + " AND current_ticket_id = $1", ticket), "Q06 is still open with the person's citizen called");
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE ticket_id = $1 AND state = 'CALLED'",
                    ticket));
            assertTrue(demoLog.stream().noneMatch(l -> l.contains("demo: closed")), demoLog.toString());
        }
    }

    // --- helpers ---

    /** Request ids as the simulation makes them, and as people do. */
    private static final Function<String, String> SIMULATION = command -> SimulatedCounterClosing.requestId();
    private static final Function<String, String> PERSON = command -> "person-" + command + "-" + System.nanoTime();

    /** Sends the command from the counter's terminal (opening the counter first if need be) and returns the reply. */
    private static JsonNode command(TestDevice terminal, String counter, String command,
                                    Function<String, String> requestIds) throws Exception {
        String topic = PREFIX + "counters/" + counter + "/";
        terminal.subscribe(topic + "replies");
        if (!command.equals("OPEN")) {
            JsonNode opened = terminal.request(topic + "commands", topic + "replies", counter + "-open",
                    "{\"requestId\":\"" + counter + "-open\",\"command\":\"OPEN\"}");
            assertFalse(opened.has("error"), opened.toString());
        }
        String requestId = requestIds.apply(command);
        JsonNode reply = terminal.request(topic + "commands", topic + "replies", requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply;
    }

    private static Map<String, String> trafficOn(String database) {
        return GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, database, ConfigLoader.ENV_DEMO_TRAFFIC, "on",
                ConfigLoader.ENV_DEMO_SPEED, "60"));
    }

    static JsonNode board(String uri) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            return JsonCodec.tree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static java.util.stream.Stream<JsonNode> simulated(JsonNode board) {
        return StreamSupport.stream(board.path("counters").spliterator(), false)
                .filter(c -> !DemoCast.LEFT_TO_PEOPLE.contains(name(c)));
    }

    static long simulatedOpen(JsonNode board) {
        return simulated(board).filter(c -> c.path("open").asBoolean()).count();
    }

    /** Simulated counters with a ticket called or in service, as the hall shows them. */
    static long simulatedAtWork(JsonNode board) {
        return simulated(board).filter(c -> c.hasNonNull("ticket")).count();
    }

    static JsonNode counter(JsonNode board, String id) {
        return StreamSupport.stream(board.path("counters").spliterator(), false).filter(c -> name(c).equals(id))
                .findFirst().orElseThrow();
    }

    private static String name(JsonNode counter) {
        return counter.path("counter").asText();
    }

    /** The system clock shifted so that it reads this local time at the centre, today. */
    static Clock clockAt(LocalTime local) {
        Instant target = LocalDate.now(CENTRE_ZONE).atTime(local).atZone(CENTRE_ZONE).toInstant();
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void eventually(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("not within " + WAIT + ": " + what);
    }
}
