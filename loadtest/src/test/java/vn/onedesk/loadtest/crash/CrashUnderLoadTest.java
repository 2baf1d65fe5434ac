package vn.onedesk.loadtest.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.loadtest.report.RunReport;

/**
 * The short variant of {@code scripts/crash-test.sh}, run by {@code mvn verify}: the gateway's runnable jar
 * (with its embedded PostgreSQL) is killed with SIGKILL three times while kiosks take 100 tickets a second,
 * and restarted on the same data each time. The kiosks reconnect and resend what was unanswered; at the end
 * every request has its ticket, and the database holds each received ticket exactly once with the queue intact.
 */
class CrashUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void aGatewayKilledThreeTimesUnderLoadLosesNoTicketAKioskReceivedAndKeepsTheQueueIntact() throws Exception {
        Path jar = Path.of(System.getProperty("onedesk.gateway.jar", "../gateway/target/onedesk-gateway.jar"));
        assertTrue(Files.isRegularFile(jar), "the gateway's runnable jar is built before this module: " + jar);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunReport report = CrashCommand.run(new CrashCommand.Settings(jar, dir, 3, 100, 20, Duration.ofSeconds(3),
                Duration.ofSeconds(6), 6L, Duration.ofSeconds(180), "256m"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        JsonObject results = report.results();
        JsonObject audit = results.getJsonObject("audit");

        assertEquals(3, results.getInteger("kills"), printed);
        assertEquals(0L, results.getLong("unansweredAtEnd"), "every request was answered in the end:\n" + printed);
        assertTrue(results.getLong("ticketsAnswered") > 300, "tickets were issued around the kills:\n" + printed);
        assertEquals(results.getLong("ticketsAnswered"), audit.getLong("distinctRequestsAnswered"), printed);
        assertEquals(0, audit.getInteger("receivedTicketsMissingFromDatabase"), printed);
        assertTrue(audit.getJsonArray("failures").isEmpty(), "the audit finds nothing wrong:\n" + printed);
        assertTrue(results.getBoolean("passed"), printed);
        System.out.println(printed);
    }
}
