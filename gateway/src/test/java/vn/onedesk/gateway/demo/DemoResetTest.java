package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.TestDevice;

/**
 * {@code --reset-demo}, as {@code java -jar onedesk-gateway.jar --reset-demo} runs it: {@code Main} in a
 * child JVM on the demo's embedded PostgreSQL in a folder of the test's own.
 */
class DemoResetTest {
    private static final String BOARD = "/api/v1/centres/hcc-tinh/board";
    private static final String TICKETS = PREFIX + "kiosks/kiosk-1/tickets/";
    /** A well-formed hash (the loader parses it; nobody logs in with it here). */
    private static final String HASH = "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();

    @Test
    void resetDemoStartsTheDemoFromAnEmptyQueue() throws Exception {
        gateway.start();
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kiosk-1", "demo")) {
            kiosk.subscribe(TICKETS + "response");
            assertEquals("A001", ticket(kiosk, "before-1"));
            assertEquals("A002", ticket(kiosk, "before-2"));
        }
        gateway.stop();

        gateway.start(Map.of(), "--no-demo-traffic", "--reset-demo");
        assertTrue(gateway.output().contains("demo reset: deleted the demo's database in "
                + gateway.folder().resolve("data").resolve("pg").toAbsolutePath()), gateway.output());
        JsonNode board = DemoGhostsTest.board(gateway.httpUri(BOARD));
        for (JsonNode service : board.path("services")) {
            assertEquals(0, service.path("waiting").asInt(), "nobody waits for " + service.path("service").asText());
        }
        for (JsonNode counter : board.path("counters")) {
            assertTrue(!counter.path("open").asBoolean() && !counter.hasNonNull("ticket"), counter.toString());
        }
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kiosk-1", "demo")) {
            kiosk.subscribe(TICKETS + "response");
            assertEquals("A001", ticket(kiosk, "after-1"), "numbering starts again");
        }
    }

    @Test
    void resetDemoIsRefusedWithAnExternalDatabaseAndDeletesNothing() throws Exception {
        Path kept = Files.createDirectories(gateway.folder().resolve("data").resolve("pg")).resolve("PG_VERSION");
        Files.writeString(kept, "17\n");

        int exit = gateway.runToExit(Map.of(ConfigLoader.ENV_PG_URL, "postgresql://onedesk@127.0.0.1:1/onedesk"),
                Duration.ofSeconds(60), "--reset-demo");

        assertEquals(64, exit, gateway.output());
        assertTrue(gateway.output().contains("--reset-demo is refused: ONEDESK_PG_URL is set."), gateway.output());
        assertTrue(Files.exists(kept), "the data directory is untouched");
    }

    @Test
    void resetDemoIsRefusedWithACentreConfigurationAndDeletesNothing() throws Exception {
        Path kept = Files.createDirectories(gateway.folder().resolve("data").resolve("pg")).resolve("PG_VERSION");
        Files.writeString(kept, "17\n");
        Path config = Files.writeString(gateway.folder().resolve("centre.json"), realCentre(), StandardCharsets.UTF_8);

        int exit = gateway.runToExit(Map.of(ConfigLoader.ENV_CONFIG, config.toString(),
                ConfigLoader.ENV_DEMO_TRAFFIC, "off"), Duration.ofSeconds(60), "--reset-demo");

        assertEquals(64, exit, gateway.output());
        assertTrue(gateway.output().contains("--reset-demo is refused: ONEDESK_CONFIG is set"), gateway.output());
        assertTrue(Files.exists(kept), "the data directory is untouched");
    }

    @Test
    void resetDemoNeverDeletesAFolderThatIsNotAPostgresDataDirectory() throws Exception {
        Path pg = Files.createDirectories(gateway.folder().resolve("data").resolve("pg"));
        Path notes = Files.writeString(pg.resolve("notes.txt"), "not PostgreSQL's");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DemoReset.run(ConfigLoader.load(Map.of(ConfigLoader.ENV_DATA_DIR, gateway.folder().resolve("data").toString())),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(DemoReset.FAILED, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a PostgreSQL data directory; not deleting it"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(notes));
    }

    private static String ticket(TestDevice kiosk, String requestId) throws Exception {
        JsonNode reply = kiosk.request(TICKETS + "request", TICKETS + "response", requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}");
        return reply.path("ticket").path("number").asText();
    }

    /** A valid configuration of a real centre (hashed passwords), as an operator writes one. */
    private static String realCentre() {
        return """
                {"schema": "%s",
                 "centres": [{"id": "c1", "name": "Trung tâm thử", "timezone": "Asia/Ho_Chi_Minh",
                   "sessions": [{"from": "07:30", "to": "11:30"}],
                   "services": [{"code": "TP", "name": "Tư pháp", "prefix": "A", "servedBy": ["POSTAL"],
                                 "targetWaitMinutes": 20}],
                   "counters": [{"id": "Q01", "number": 1, "operator": "POSTAL", "primary": ["TP"]}]}],
                 "devices": [{"id": "kiosk-1", "centre": "c1", "role": "KIOSK", "passwordHash": "%s"}]}
                """.formatted(ConfigLoader.SCHEMA, HASH);
    }
}
