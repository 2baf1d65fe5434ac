package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Demo traffic against the real gateway: a real PostgreSQL, the gateway's own MQTT server, and a hall
 * display played by Eclipse Paho. The gateway's clock is set to a time of the centre's day so that the
 * simulated day starts where each test needs it; the speed is high so that it moves within the timeouts.
 */
class DemoTrafficTest {
    private static final ZoneId CENTRE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String CALLS = PREFIX + "calls";
    private static final String KIOSK_2_STATUS = PREFIX + "devices/kiosk-2/status";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aHallDisplaySeesTheSimulatedCentreCallingWithinSecondsAndKiosk2IssuesTheTickets() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemoWithTraffic(60, clockAt(LocalTime.of(9, 0)));
             TestDevice hall = gateway.device("hall-1")) {
            long started = System.nanoTime();
            hall.subscribe(CALLS, KIOSK_2_STATUS);
            TestDevice.Received first = hall.await(r -> r.topic().equals(CALLS), WAIT);
            Duration firstCall = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(firstCall.compareTo(Duration.ofSeconds(15)) < 0, "first call after " + firstCall);
            hall.await(r -> r.topic().equals(KIOSK_2_STATUS) && r.json().path("status").asText().equals("ONLINE"),
                    WAIT);

            List<String> counters = new ArrayList<>();
            counters.add(first.json().path("counter").asText());
            while (counters.size() < 8) {
                counters.add(hall.await(r -> r.topic().equals(CALLS), WAIT).json().path("counter").asText());
            }
            assertTrue(counters.stream().noneMatch(c -> c.equals("Q01") || c.equals("Q02")), counters.toString());
            assertTrue(counters.stream().distinct().count() > 1, "several counters call: " + counters);

            long tickets = gateway.count("SELECT count(*) FROM tickets");
            assertTrue(tickets >= 8, tickets + " tickets");
            assertEquals(tickets, gateway.count("SELECT count(*) FROM tickets WHERE kiosk_id = 'kiosk-2'"),
                    "every ticket came from kiosk-2");
            assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE device_id IN"
                    + " ('kiosk-1', 'counter-Q01', 'counter-Q02')"), "the devices left to people are untouched");
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE type = 'CounterOpened'"
                    + " AND counter_id IN ('Q01', 'Q02')"), "Q01 and Q02 are never opened by the simulation");
            assertTrue(gateway.count("SELECT count(DISTINCT counter_id) FROM events WHERE type = 'CounterOpened'") > 5);
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceCompleted'") > 0
                    && gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceStarted'") > 0,
                    "called citizens come up, are served and done");
        }
    }

    @Test
    void withTheTrafficOffNothingHappens() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemo();
             TestDevice hall = gateway.device("hall-1")) {
            assertTrue(gateway.gateway().demoTraffic().isEmpty());
            hall.subscribe(CALLS, KIOSK_2_STATUS);
            hall.expectNothing(r -> r.topic().equals(CALLS) || r.topic().equals(KIOSK_2_STATUS), Duration.ofSeconds(5));
            assertEquals(0, gateway.count("SELECT count(*) FROM tickets"));
            assertEquals(0, gateway.count("SELECT count(*) FROM requests"));
            assertEquals(0, gateway.count("SELECT count(*) FROM events"));
        }
    }

    @Test
    void afterTheMorningSessionTheCountersCloseAndTheAfternoonOpensWithinSeconds() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemoWithTraffic(60, clockAt(LocalTime.of(11, 20)))) {
            // 11:20–11:30 takes ten seconds at 60×; the two-hour lunch break is skipped, not waited out.
            eventually(Duration.ofSeconds(60), () -> gateway.count("SELECT count(*) FROM (SELECT counter_id,"
                    + " string_agg(type, ',' ORDER BY version) AS history FROM events"
                    + " WHERE type IN ('CounterOpened', 'CounterClosed') GROUP BY counter_id) h"
                    + " WHERE history LIKE 'CounterOpened,CounterClosed,CounterOpened%'") > 0,
                    "a counter opened in the morning, closed at 11:30 and opened again in the afternoon");
        }
    }

    @Test
    void aCounterClosedBehindTheSimulationsBackIsOpenedAgainAndWorksOn() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemoWithTraffic(60, clockAt(LocalTime.of(9, 0)));
             TestDevice officer = TestDevice.connect(gateway.mqttUri(), "counter-Q05", "demo", "test-officer-Q05")) {
            String commands = PREFIX + "counters/Q05/commands";
            String replies = PREFIX + "counters/Q05/replies";
            officer.subscribe(replies);
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q05'"
                    + " AND type = 'TicketCalled'") > 0, "Q05 works");
            // Someone else finishes Q05's citizen and closes the counter: the simulation's next command
            // there is refused, and it must recover.
            boolean closed = false;
            for (int attempt = 0; attempt < 20 && !closed; attempt++) {
                officer.request(commands, replies, "officer-done-" + attempt,
                        "{\"requestId\":\"officer-done-" + attempt + "\",\"command\":\"COMPLETE\"}");
                closed = !officer.request(commands, replies, "officer-close-" + attempt,
                        "{\"requestId\":\"officer-close-" + attempt + "\",\"command\":\"CLOSE\"}").has("error");
            }
            assertTrue(closed, "the officer could close Q05");
            long closedAt = gateway.count("SELECT max(version) FROM events WHERE counter_id = 'Q05'"
                    + " AND type = 'CounterClosed'");
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q05'"
                    + " AND type = 'CounterOpened' AND version > $1", closedAt) > 0, "Q05 is opened again");
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM events WHERE counter_id = 'Q05'"
                    + " AND type = 'TicketCalled' AND version > $1", closedAt) > 0, "Q05 calls again");
        }
    }

    @Test
    void aSimulatedDeviceWhoseConnectionDropsReconnectsAndCarriesOn() throws Exception {
        try (GatewayHarness gateway = GatewayHarness.startDemoWithTraffic(60, clockAt(LocalTime.of(9, 0)))) {
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM tickets") > 0, "kiosk-2 issues tickets");
            // Connecting with kiosk-2's client id makes the gateway close the simulated kiosk's connection.
            try (TestDevice usurper = TestDevice.connect(gateway.mqttUri(), "kiosk-2", "demo", "onedesk-demo-kiosk-2")) {
                assertTrue(usurper.isConnected());
            }
            long before = gateway.count("SELECT count(*) FROM tickets");
            eventually(WAIT, () -> gateway.count("SELECT count(*) FROM tickets") >= before + 3,
                    "kiosk-2 reconnected and takes tickets again");
        }
    }

    @Test
    void stoppingTheTrafficStopsEveryDeviceAndTimerAndTheGatewayStopsCleanly() throws Exception {
        List<LogRecord> trouble = new CopyOnWriteArrayList<>();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    trouble.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        GatewayHarness gateway = GatewayHarness.startDemoWithTraffic(120, clockAt(LocalTime.of(9, 0)));
        try (TestDevice hall = gateway.device("hall-1")) {
            hall.subscribe(CALLS, KIOSK_2_STATUS);
            for (int i = 0; i < 3; i++) {
                hall.await(r -> r.topic().equals(CALLS), WAIT);
            }
            Logger.getLogger("").addHandler(capture);
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));

            DemoTraffic traffic = gateway.gateway().demoTraffic().orElseThrow();
            GatewayHarness.await(traffic.stop());
            assertFalse(gateway.vertx().deploymentIDs().contains(traffic.deploymentId()), "the traffic is undeployed");
            hall.await(r -> r.topic().equals(KIOSK_2_STATUS) && r.json().path("status").asText().equals("OFFLINE"),
                    WAIT);
            Thread.sleep(500); // commands sent just before the stop are still answered
            long events = gateway.count("SELECT count(*) FROM events");
            long lastSeq = gateway.count("SELECT last_call_seq FROM centres WHERE centre_id = 'hcc-tinh'");
            // Three seconds are six simulated minutes at 120×: a live simulation would have done plenty.
            hall.expectNothing(r -> r.topic().equals(CALLS) && r.json().path("seq").asLong() > lastSeq,
                    Duration.ofSeconds(3));
            assertEquals(events, gateway.count("SELECT count(*) FROM events"), "nothing happens after the stop");

            gateway.stopAsTheProcessDoes(); // the rest of the gateway, then Vert.x
            Thread.sleep(1000);
            assertTrue(trouble.isEmpty(), "nothing logged at WARNING or worse: " + trouble.stream()
                    .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
            assertTrue(uncaught.isEmpty(), "no uncaught exceptions: " + uncaught);
        } finally {
            Logger.getLogger("").removeHandler(capture);
            Thread.setDefaultUncaughtExceptionHandler(previous);
            gateway.close();
        }
    }

    /** The system clock shifted so that it reads this local time at the centre, today. */
    private static Clock clockAt(LocalTime local) {
        Instant target = LocalDate.now(CENTRE_ZONE).atTime(local).atZone(CENTRE_ZONE).toInstant();
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), target));
    }

    private static void eventually(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("not within " + timeout + ": " + what);
    }
}
