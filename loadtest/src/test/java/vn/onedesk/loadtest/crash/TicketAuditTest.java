package vn.onedesk.loadtest.crash;

import vn.onedesk.gateway.persistence.embedded.EmbeddedCredentials;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.loadtest.bench.BenchConfig;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.Lanes;
import vn.onedesk.loadtest.tickets.TicketLoad;
import vn.onedesk.loadtest.tickets.TicketLog;
import vn.onedesk.loadtest.tickets.TicketsCommand;

/**
 * The audit the crash checks rely on, shown to fail when it should: against a real gateway and its
 * database, it passes on what the kiosks really received, and fails on a ticket the database lacks,
 * on a number the database disagrees with, and on a half-written ticket (its event gone).
 */
class TicketAuditTest {
    @TempDir
    static Path dir;
    static GatewayProcess gateway;
    static Vertx vertx;
    static List<TicketLog.Entry> received;
    static String url;
    static String ownerUrl;

    @BeforeAll
    static void someTicketsAreTaken() throws Exception {
        Path jar = Path.of(System.getProperty("onedesk.gateway.jar", "../gateway/target/onedesk-gateway.jar"));
        Path config = dir.resolve("config.json");
        BenchConfig.write(new BenchConfig.Settings(null, 1, 4, 1, BenchConfig.DEFAULT_PASSWORD, 10_000), config);
        int mqtt = GatewayProcess.freePort();
        gateway = new GatewayProcess(jar, "256m", Map.of("ONEDESK_CONFIG", config.toString(), "ONEDESK_DATA_DIR",
                dir.resolve("data").toString()), dir.resolve("gateway.log"), mqtt, GatewayProcess.freePort());
        gateway.start(Duration.ofSeconds(120));
        vertx = Vertx.vertx();
        Fleet fleet = Fleet.load(config, null);
        Path log = dir.resolve("tickets.jsonl");
        try (TicketLog ticketLog = new TicketLog(log)) {
            TicketLoad load = new TicketLoad(vertx, new TicketLoad.Settings(20, Duration.ZERO, Duration.ofSeconds(2),
                    MqttQoS.AT_LEAST_ONCE, Endpoint.forConnections("127.0.0.1", mqtt, 4),
                    TicketsCommand.kiosks(fleet, "hcc-tinh", 4), fleet.password(), List.of("TP", "DD"),
                    Duration.ofSeconds(60), false, Duration.ofMillis(300), Duration.ofSeconds(60), ticketLog,
                    TicketLoad.newRunId()));
            Common.await(load.connect(Common.await(Lanes.start(vertx, 2), 30)), 120);
            load.run(null, Duration.ofSeconds(60));
            Common.await(load.close(), 30);
        }
        received = TicketLog.read(log);
        url = TicketAudit.embeddedUrl(dir.resolve("data"));
        // the schema's owner, for the test that makes a broken copy of the tables (the gateway's role makes none)
        EmbeddedCredentials credentials = EmbeddedCredentials.read(dir.resolve("data").resolve("pg")).orElseThrow();
        ownerUrl = url.replace(EmbeddedDatabase.APPLICATION + ":" + credentials.application() + "@",
                EmbeddedDatabase.OWNER + ":" + credentials.owner() + "@");
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            Common.close(vertx);
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void whatTheKiosksReceivedPassesTheAudit() {
        TicketAudit.Result result = TicketAudit.run(vertx, url, received);

        assertEquals(40, received.size(), "every request of the schedule got its ticket");
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(40L, result.figures().get("ticketsInDatabase"));
    }

    @Test
    void aReceivedTicketTheDatabaseLacksFailsTheAudit() {
        List<TicketLog.Entry> log = new ArrayList<>(received);
        log.add(new TicketLog.Entry("kiosk-1", "forged-1", "00000000-0000-0000-0000-000000000000", "A999", "TP"));

        TicketAudit.Result result = TicketAudit.run(vertx, url, log);

        assertFalse(result.passed());
        assertTrue(result.failures().get(0).contains("A999"), result.failures().toString());
    }

    @Test
    void aNumberTheDatabaseDisagreesWithFailsTheAudit() {
        List<TicketLog.Entry> log = new ArrayList<>(received);
        TicketLog.Entry first = log.remove(0);
        log.add(new TicketLog.Entry(first.kiosk(), first.requestId(), first.ticketId(), "Z001", first.service()));

        TicketAudit.Result result = TicketAudit.run(vertx, url, log);

        assertFalse(result.passed());
        assertTrue(result.failures().toString().contains("Z001"), result.failures().toString());
    }

    @Test
    void aTicketWithoutItsIssuedEventIsFoundHalfWritten() {
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(ownerUrl)).using(vertx).build();
        String victim = received.get(received.size() - 1).ticketId();
        try {
            // a copy of the table without the victim's event, so the real one stays whole for the other tests
            Common.await(pool.withTransaction(c -> c.query("CREATE SCHEMA IF NOT EXISTS broken").execute()
                    .compose(x -> c.query("CREATE TABLE broken.events AS SELECT * FROM public.events"
                            + " WHERE ticket_id IS DISTINCT FROM '" + victim + "'").execute())
                    .compose(x -> c.query("CREATE TABLE broken.tickets AS SELECT * FROM public.tickets").execute())
                    .compose(x -> c.query("CREATE TABLE broken.centres AS SELECT * FROM public.centres").execute())
                    .compose(x -> c.query("CREATE TABLE broken.requests AS SELECT * FROM public.requests").execute())),
                    60);
        } finally {
            pool.close();
        }

        TicketAudit.Result result = TicketAudit.run(vertx, ownerUrl + "?search_path=broken", received);

        assertFalse(result.passed());
        assertTrue(result.failures().stream().anyMatch(f -> f.contains("half-written")), result.failures().toString());
    }
}
