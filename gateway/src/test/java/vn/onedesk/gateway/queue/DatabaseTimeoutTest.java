package vn.onedesk.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.DatabaseSettings;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import vn.onedesk.gateway.support.CuttableProxy;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Issue 13, finding 9: a database frozen with SIGSTOP held a kiosk's ticket request for 4–13 s with no answer.
 * Here the gateway reaches PostgreSQL through a {@link CuttableProxy} that holds every byte while the test wants
 * (the shared test server itself is never stopped): to the gateway, a frozen server.
 */
class DatabaseTimeoutTest {
    private static final String REQUEST = GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response";
    /** The default bound, which this test keeps; the slack covers a loaded 2-core machine. */
    private static final Duration TIMEOUT = DatabaseSettings.DEFAULT_TIMEOUT;
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static String proxied(String url, int port) {
        int pg = TestDatabase.server().port();
        assertTrue(url.contains(":" + pg + "/"), url);
        return url.replace(":" + pg + "/", ":" + port + "/");
    }

    @Test
    void whileTheDatabaseIsFrozenAKioskGetsUnavailableWithinTheTimeoutAndAfterwardsItsRetryGetsOneNumberOnly()
            throws Exception {
        try (CuttableProxy proxy = CuttableProxy.to(TestDatabase.server().port());
             GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                     proxied(TestDatabase.freshDatabaseUrl(), proxy.port()))), Clock.systemUTC());
             LogCapture log = LogCapture.of(CentreRuntime.class);
             LogCapture vertxLog = LogCapture.named("io.vertx");
             TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            JsonNode first = kiosk.request(REQUEST, RESPONSE, "before", "{\"requestId\":\"before\",\"service\":\"TP\"}");
            String firstNumber = first.path("ticket").path("number").asText();
            String token = first.path("ticket").path("token").asText();
            assertEquals("A001", firstNumber, first.toString());
            String view = "/api/v1/centres/hcc-tinh/tickets/by-token/" + token;
            assertEquals(200, HttpCalls.get(gateway.httpUri(view)).statusCode(), "the ticket's view, before");

            proxy.hold();
            try {
                // the writer's commit goes out and gets no answer
                long start = System.nanoTime();
                kiosk.publish(REQUEST, "{\"requestId\":\"frozen-1\",\"service\":\"TP\"}");
                JsonNode unanswered = kiosk.reply(RESPONSE, "frozen-1");
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertEquals("UNAVAILABLE", unanswered.path("error").path("code").asText(), unanswered.toString());
                assertTrue(waited.compareTo(TIMEOUT.plus(SLACK)) < 0, "answered after " + waited.toMillis() + " ms");
                assertTrue(waited.compareTo(TIMEOUT.minusMillis(100)) >= 0,
                        "not before the timeout (" + waited.toMillis() + " ms): the commit might still land");

                // until the outcome is known, the centre answers at once, never in silence
                long again = System.nanoTime();
                JsonNode meanwhile = kiosk.request(REQUEST, RESPONSE, "frozen-2",
                        "{\"requestId\":\"frozen-2\",\"service\":\"TP\"}");
                assertEquals("UNAVAILABLE", meanwhile.path("error").path("code").asText(), meanwhile.toString());
                assertTrue(Duration.ofNanos(System.nanoTime() - again).compareTo(TIMEOUT.plus(SLACK)) < 0);

                // HTTP that reads the database: 503 within the same bound
                long http = System.nanoTime();
                HttpResponse<String> frozenView = HttpCalls.get(gateway.httpUri(view));
                Duration httpWaited = Duration.ofNanos(System.nanoTime() - http);
                assertEquals(503, frozenView.statusCode(), frozenView.body());
                assertEquals("UNAVAILABLE", HttpCalls.errorCode(frozenView), frozenView.body());
                assertTrue(httpWaited.compareTo(TIMEOUT.plus(SLACK)) < 0, "HTTP after " + httpWaited.toMillis() + " ms");
                System.out.println("frozen database: the kiosk's request was answered UNAVAILABLE after "
                        + waited.toMillis() + " ms, the ticket's view 503 after " + httpWaited.toMillis() + " ms");
                HttpResponse<String> ready = HttpCalls.get(gateway.httpUri("/health/ready"));
                assertEquals(503, ready.statusCode(), ready.body());
            } finally {
                proxy.release();
            }

            // The held commit lands late; the writer reloads and serves again. The same requestId gets the ticket
            // that commit stored (or, had it not landed, a fresh one): one number, never two.
            JsonNode retried = retryUntilServed(kiosk, "frozen-1", "TP");
            String retriedNumber = retried.path("ticket").path("number").asText();
            byte[] retriedAgain = kiosk.request(REQUEST, RESPONSE, "frozen-1",
                    "{\"requestId\":\"frozen-1\",\"service\":\"TP\"}").toString().getBytes();
            assertArrayEquals(retried.toString().getBytes(), retriedAgain, "the same answer every time");
            JsonNode other = retryUntilServed(kiosk, "frozen-2", "TP");
            JsonNode after = kiosk.request(REQUEST, RESPONSE, "after", "{\"requestId\":\"after\",\"service\":\"TP\"}");
            List<String> numbers = List.of(firstNumber, retriedNumber, other.path("ticket").path("number").asText(),
                    after.path("ticket").path("number").asText());
            assertEquals(4, new HashSet<>(numbers).size(), "no number twice: " + numbers);
            assertEquals(4, gateway.count("SELECT count(*) FROM tickets"));
            assertEquals(4, gateway.count("SELECT count(DISTINCT number) FROM tickets"));
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE request_id = 'frozen-1' AND number = $1",
                    retriedNumber), "the retry's answer is the stored ticket");
            // the commit sent while frozen did land, after the release: its ticket is the one the retry got
            assertEquals("A002", retriedNumber, "the late commit's ticket, not a fresh one");
            assertTrue(log.text().contains("did not answer the commit"), log.text());
            assertTrue(log.text().contains("did land"), log.text());
            // the HTTP handler whose query answered after its 503 drops its late answer, without a stack trace
            assertFalse(vertxLog.records().stream().anyMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()),
                    vertxLog.text());
        }
    }

    @Test
    void aCommitThatFailsIsAnsweredUnavailableAndTheQueueReloadsSoTheRetryGetsTheNextNumber() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, url)),
                Clock.systemUTC());
             LogCapture log = LogCapture.of(CentreRuntime.class);
             TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            assertEquals("A001", kiosk.request(REQUEST, RESPONSE, "one", "{\"requestId\":\"one\",\"service\":\"TP\"}")
                    .path("ticket").path("number").asText());
            // Another writer (a second gateway, an import) moves the centre's version on: the next commit's version
            // check fails, as it would for any commit whose outcome the writer cannot trust.
            EmbeddedDatabase pg = TestDatabase.server();
            String database = url.substring(url.lastIndexOf('/') + 1);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/"
                    + database, pg.superuser().user(), pg.superuser().password()); Statement s = c.createStatement()) {
                s.execute("UPDATE centres SET version = version + 1 WHERE centre_id = 'hcc-tinh'");
            }
            JsonNode failed = kiosk.request(REQUEST, RESPONSE, "two", "{\"requestId\":\"two\",\"service\":\"TP\"}");
            assertEquals("UNAVAILABLE", failed.path("error").path("code").asText(), failed.toString());
            assertFalse(failed.has("ticket"), failed.toString());
            assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE request_id = 'two'"), "nothing stored");

            JsonNode retried = retryUntilServed(kiosk, "two", "TP");
            assertEquals("A002", retried.path("ticket").path("number").asText(), "the number that was not stored");
            assertEquals(2, gateway.count("SELECT count(*) FROM tickets"));
            assertTrue(log.text().contains("failed; answering UNAVAILABLE and reloading"), log.text());
            assertTrue(log.text().contains("queue reloaded at version"), log.text());
        }
    }

    /** Sends the request again, as a kiosk's "Thử lại" does, until it is not UNAVAILABLE (at most 30 s). */
    private static JsonNode retryUntilServed(TestDevice kiosk, String requestId, String service) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId,
                    "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
            if (!"UNAVAILABLE".equals(reply.path("error").path("code").asText())) {
                assertTrue(reply.has("ticket"), reply.toString());
                return reply;
            }
            seen.add(reply.path("error").path("detail").asText());
            Thread.sleep(200);
        }
        throw new AssertionError("still UNAVAILABLE after 30 s: " + new ArrayList<>(new java.util.LinkedHashSet<>(seen)));
    }
}
