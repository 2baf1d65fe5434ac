package vn.onedesk.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.GatewayProcess;

/**
 * Every start-up failure a user can cause, as the user meets it: the real {@code Main} in its own JVM.
 * The message names what to fix (the port and its setting, the file's line and column, the encoding),
 * the exit code says what kind of failure it was, and no stack trace reaches the user.
 */
class StartupFailuresTest {
    private static final Duration EXIT = Duration.ofSeconds(90);

    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();

    @Test
    void anMqttPortInUseIsNamedWithTheSettingThatMovesItAndExits69WithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            GatewayProcess g = gateway.env("ONEDESK_MQTT_PORT", String.valueOf(taken.getLocalPort()));
            assertEquals(69, g.startAndAwaitExit(EXIT), g.log());
            String log = g.log();
            assertTrue(log.contains("MQTT cannot listen on 127.0.0.1:" + taken.getLocalPort()), log);
            assertTrue(log.contains("already uses port " + taken.getLocalPort()), log);
            assertTrue(log.contains("ONEDESK_MQTT_PORT"), log);
            assertNoStackTrace(log);
        }
    }

    @Test
    void anHttpPortInUseIsNamedWithTheSettingThatMovesItAndExits69WithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            GatewayProcess g = gateway.env("ONEDESK_HTTP_PORT", String.valueOf(taken.getLocalPort()));
            assertEquals(69, g.startAndAwaitExit(EXIT), g.log());
            String log = g.log();
            assertTrue(log.contains("HTTP cannot listen on 127.0.0.1:" + taken.getLocalPort()), log);
            assertTrue(log.contains("ONEDESK_HTTP_PORT"), log);
            assertNoStackTrace(log);
        }
        // and the embedded PostgreSQL it had started is stopped again: the same data folder starts cleanly
        gateway.env("ONEDESK_HTTP_PORT", String.valueOf(gateway.httpPort)).start();
        assertTrue(gateway.isAlive());
    }

    @Test
    void aConfigurationFileWithAJsonSyntaxErrorNamesItsLineAndColumnAndExits2() throws Exception {
        Path file = gateway.folder().resolve("centre.json");
        Files.writeString(file, "{\n  \"schema\": \"onedesk-config/1\",\n  \"centres\": [\n    { \"id\": \"x\", }\n  ]\n}\n");
        GatewayProcess g = gateway.env("ONEDESK_CONFIG", file.toString());
        assertEquals(2, g.startAndAwaitExit(EXIT), g.log());
        String log = g.log();
        assertTrue(log.contains(file.toAbsolutePath() + " is not valid JSON at line 4, column 18"), log);
        assertNoStackTrace(log);
    }

    @Test
    void aConfigurationFileSavedInALegacyEncodingNamesTheByteItsLineAndColumnAndExits2() throws Exception {
        Path file = gateway.folder().resolve("centre.json");
        // "Trung tâm" saved in Windows-1252/Latin-1: â is the single byte 0xE2, which is not UTF-8
        Files.write(file, "{\n  \"schema\": \"onedesk-config/1\",\n  \"name\": \"Trung t\u00e2m\"\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        GatewayProcess g = gateway.env("ONEDESK_CONFIG", file.toString());
        assertEquals(2, g.startAndAwaitExit(EXIT), g.log());
        String log = g.log();
        assertTrue(log.contains("is not valid UTF-8: byte 0xE2 at line 3, column 19"), log);
        assertTrue(log.contains("Save the file as UTF-8"), log);
        assertNoStackTrace(log);
    }

    @Test
    void aConfigurationFileSavedAsUtf16IsNamedAsSuch() throws Exception {
        Path file = gateway.folder().resolve("centre.json");
        Files.write(file, "{\"schema\": \"onedesk-config/1\"}".getBytes(StandardCharsets.UTF_16));
        GatewayProcess g = gateway.env("ONEDESK_CONFIG", file.toString());
        assertEquals(2, g.startAndAwaitExit(EXIT), g.log());
        assertTrue(g.log().contains("is saved as UTF-16"), g.log());
        assertNoStackTrace(g.log());
    }

    @Test
    void aConfigurationPathThatIsAFolderOrMissingSaysSo() throws Exception {
        GatewayProcess g = gateway.env("ONEDESK_CONFIG", gateway.folder().toString());
        assertEquals(2, g.startAndAwaitExit(EXIT), g.log());
        assertTrue(g.log().contains(gateway.folder().toAbsolutePath() + " is a folder"), g.log());
        g.env("ONEDESK_CONFIG", gateway.folder().resolve("nowhere.json").toString());
        assertEquals(2, g.startAndAwaitExit(EXIT), g.log());
        assertTrue(g.log().contains("no file at " + gateway.folder().resolve("nowhere.json").toAbsolutePath()), g.log());
        assertNoStackTrace(g.log());
    }

    @Test
    void anExternalPostgresqlThatDoesNotAnswerIsNamedWithItsSettingAndExits69() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        GatewayProcess g = gateway.env("ONEDESK_PG_URL", "postgresql://onedesk:secret@127.0.0.1:" + closed + "/onedesk");
        assertEquals(69, g.startAndAwaitExit(EXIT), g.log());
        String log = g.log();
        assertTrue(log.contains("cannot reach PostgreSQL at 127.0.0.1:" + closed + "/onedesk"), log);
        assertTrue(log.contains("ONEDESK_PG_URL"), log);
        assertFalse(log.contains("secret"), "the password never reaches the log: " + log);
        assertNoStackTrace(log);
    }

    @Test
    void aDataFolderThatIsAFileIsNamedWithItsSettingAndExits73() throws Exception {
        Path notAFolder = gateway.folder().resolve("data");
        Files.writeString(notAFolder, "not a folder");
        GatewayProcess g = gateway;
        assertEquals(73, g.startAndAwaitExit(EXIT), g.log());
        String log = g.log();
        assertTrue(log.contains("the embedded PostgreSQL cannot start in " + notAFolder.resolve("pg")), log);
        assertTrue(log.contains("ONEDESK_DATA_DIR"), log);
        assertNoStackTrace(log);
    }

    @Test
    void aHealthyStartLogsNoWarningNotEvenOnTheSecondStartOnTheSameData() throws Exception {
        GatewayProcess g = gateway;
        for (int start = 1; start <= 2; start++) {
            g.start();
            // devices connect, as they do in the first minute: Vert.x registers its connection gauges again
            for (String device : new String[] {"kiosk-1", "hall-1", "counter-Q01"}) {
                vn.onedesk.gateway.support.TestDevice.connect(g.mqttUri(), device, "demo").close();
            }
            for (int request = 0; request < 3; request++) {
                java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(g.httpUri("/api/v1/centres/hcc-tinh/board"))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            g.signal("TERM");
            g.awaitExit(Duration.ofSeconds(30));
        }
        String log = g.log();
        assertTrue(log.contains("OneDesk gateway is running"), log);
        assertTrue(log.contains("/metrics (Prometheus; loopback callers only; set ONEDESK_METRICS_TOKEN"),
                "the banner says who may read the metrics: " + log);
        assertTrue(log.contains("staff      admin, manager, officer-Q01 … officer-Q24 (password: demo)"), log);
        assertFalse(log.contains("WARNING"), log);
        assertFalse(log.contains("SEVERE"), log);
        assertFalse(log.contains("already exists"), log);
    }

    private static void assertNoStackTrace(String log) {
        assertFalse(log.contains("\tat ") || log.contains("Exception:") || log.contains("Exception\n"),
                "no stack trace for a user's mistake:\n" + log);
    }
}
