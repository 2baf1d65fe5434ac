package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.persistence.Migrations;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Liveness and readiness over real HTTP against a real PostgreSQL: ready only when the database
 * answers, the migrations are applied, MQTT is bound and the centres are loaded; otherwise 503 with
 * a JSON body that says which check is down and why, and the same on /metrics for alerting.
 */
class HealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GatewayHarness gateway;
    private static String database;

    @BeforeAll
    static void start() {
        String url = TestDatabase.freshDatabaseUrl();
        database = url.substring(url.lastIndexOf('/') + 1);
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, url)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Answer(int status, JsonObject body) {
        String check(String name) {
            return body.getJsonObject("checks").getString(name);
        }
    }

    private static Answer get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUri(path)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"), path);
        return new Answer(response.statusCode(), new JsonObject(response.body()));
    }

    private static Answer readyWhen(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer = get("/health/ready");
        while (answer.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = get("/health/ready");
        }
        assertEquals(status, answer.status(), answer.body().encodePrettily());
        return answer;
    }

    private static String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUri("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void admin(String... statements) throws Exception {
        EmbeddedDatabase pg = TestDatabase.server();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres", pg.superuser().user(), pg.superuser().password());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void liveIsUpAndReadyIsUpWithEveryCheckUpWhenAllIsWell() throws Exception {
        Answer live = get("/health/live");
        assertEquals(200, live.status());
        assertEquals("UP", live.body().getString("status"));
        Answer ready = readyWhen(200);
        assertEquals("UP", ready.body().getString("status"));
        for (String check : new String[] {"database", "migrations", "mqtt", "centres"}) {
            assertEquals("UP", ready.check(check), check);
        }
        assertEquals(200, get("/health").status(), "/health is ready's short name");
    }

    @Test
    void aDatabaseThatRefusesConnectionsMakesTheGatewayNotReadyAndTheBodySaysWhy() throws Exception {
        admin("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        try {
            Answer ready = readyWhen(503);
            assertEquals("DOWN", ready.body().getString("status"));
            assertTrue(ready.check("database").startsWith("DOWN: "), ready.body().encodePrettily());
            assertTrue(ready.check("migrations").startsWith("UNKNOWN"), ready.body().encodePrettily());
            assertEquals("UP", ready.check("mqtt"), "the other checks still say how they are");
            assertEquals(200, get("/health/live").status(), "the process is alive all the same");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String scrape = metrics();
            while (!scrape.contains("onedesk_health_check_up{check=\"database\"} 0.0") && System.nanoTime() < deadline) {
                scrape = metrics();
            }
            assertTrue(scrape.contains("onedesk_health_check_up{check=\"database\"} 0.0"), "the alert's gauge");
            assertTrue(scrape.contains("onedesk_ready 0.0"));
        } finally {
            admin("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        }
        assertEquals("UP", readyWhen(200).check("database"), "ready again once the database answers");
    }

    @Test
    void aMissingMigrationMakesTheGatewayNotReadyAndNamesTheVersions() throws Exception {
        int latest = Migrations.latestVersion();
        String name = Migrations.bundled().stream().filter(m -> m.version() == latest).findFirst().orElseThrow().name();
        GatewayHarness.await(gateway.gateway().query("DELETE FROM schema_migrations WHERE version = $1", latest));
        try {
            Answer ready = readyWhen(503);
            // The version before it in the bundle: versions need not be consecutive in a branch that waits for another.
            int previous = Migrations.bundled().stream().mapToInt(Migrations.Migration::version).filter(v -> v < latest)
                    .max().orElse(0);
            assertEquals("PENDING: the database is at V" + previous + ", this build needs V" + latest,
                    ready.check("migrations"));
            assertEquals("UP", ready.check("database"));
        } finally {
            GatewayHarness.await(gateway.gateway().query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                    latest, name));
        }
        readyWhen(200);
    }

    @Test
    void anUnboundMqttListenerIsReportedDown() {
        JsonObject ready = GatewayHarness.await(new HealthCheck(gateway.gateway().pool(), gateway.gateway().centres(),
                () -> false).ready());
        assertEquals("DOWN", ready.getString("status"));
        assertEquals("DOWN: the MQTT listener is not bound", ready.getJsonObject("checks").getString("mqtt"));
        assertEquals(Map.of("database", true, "migrations", true, "mqtt", false, "centres", true),
                HealthCheck.checks(ready));
    }
}
