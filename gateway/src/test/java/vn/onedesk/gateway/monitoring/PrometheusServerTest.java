package vn.onedesk.gateway.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A real Prometheus server (Debian's prometheus package) scrapes a real gateway on loopback every
 * second, with OneDesk's alert rules loaded, and answers PromQL about the tickets waiting there. The gateway
 * requires a metrics token, and Prometheus sends it as the README says, from a file named by
 * {@code authorization: credentials_file:}.
 */
class PrometheusServerTest {
    private static final String[] BINARIES = {"/usr/bin/prometheus", "/usr/local/bin/prometheus"};
    private static final String METRICS_TOKEN = "prometheus-server-test-0123456789";

    @TempDir
    static Path dir;
    private static GatewayHarness gateway;
    private static Process prometheus;
    private static String api;
    private static String instance;

    @BeforeAll
    static void startTheGatewayAndAPrometheusScrapingIt() throws Exception {
        Path binary = prometheusBinary();
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_METRICS_TOKEN, METRICS_TOKEN)),
                new TestClock(ShortFlow.START));
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(ShortFlow.RESPONSE);
            take(kiosk, "p1", "TP");
            take(kiosk, "p2", "TP");
            take(kiosk, "p3", "TP");
            take(kiosk, "p4", "BHXH");
        }
        instance = "127.0.0.1:" + gateway.httpPort();
        Files.write(dir.resolve("onedesk-alerts.yml"), ShippedFiles.bytes(ShippedFiles.RULES));
        Files.writeString(dir.resolve("onedesk-metrics-token"), METRICS_TOKEN + "\n");
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: onedesk
                    authorization:
                      credentials_file: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(dir.resolve("onedesk-alerts.yml"), dir.resolve("onedesk-metrics-token"), instance));
        int port = freePort();
        api = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        Polling.until(() -> prometheus.isAlive() && ready(), ok -> ok || !prometheus.isAlive(), Duration.ofSeconds(60));
        assertTrue(prometheus.isAlive(), "prometheus exited: " + log());
        Polling.until(() -> query("up{job=\"onedesk\"}"), r -> value(r) == 1, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void prometheusAnswersHowManyTicketsWaitForEachService() throws Exception {
        JsonArray result = Polling.until(
                // KD is left to the other test, which takes a ticket while this class runs.
                () -> query("sum by (service) (onedesk_waiting_tickets{centre=\"hcc-tinh\",service!=\"KD\"}) > 0"),
                r -> r.size() == 2, Duration.ofSeconds(30));
        assertEquals(Map.of("TP", 3.0, "BHXH", 1.0), byService(result));
    }

    @Test
    void aNewTicketShowsInPrometheusWithinAFewScrapes() throws Exception {
        double before = value(query("sum(onedesk_tickets_issued_total{centre=\"hcc-tinh\",service=\"KD\"})"));
        try (TestDevice kiosk = gateway.device("kiosk-2")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-2/tickets/response");
            kiosk.request(PREFIX + "kiosks/kiosk-2/tickets/request", PREFIX + "kiosks/kiosk-2/tickets/response", "p5",
                    "{\"requestId\":\"p5\",\"service\":\"KD\"}");
        }
        Polling.until(() -> query("onedesk_waiting_tickets{centre=\"hcc-tinh\",service=\"KD\"}"), r -> value(r) == 1,
                Duration.ofSeconds(30));
        assertEquals(before + 1, value(query("sum(onedesk_tickets_issued_total{centre=\"hcc-tinh\",service=\"KD\"})")));
    }

    @Test
    void theAlertRulesEvaluateOnRealDataAndTicketsWithNoOpenCounterAreAPendingAlert() throws Exception {
        JsonArray alerts = Polling.until(() -> get("/api/v1/alerts").getJsonObject("data").getJsonArray("alerts"),
                a -> a.stream().anyMatch(x -> "OneDeskNoCounterOpenForWaitingService".equals(
                        ((JsonObject) x).getJsonObject("labels").getString("alertname"))), Duration.ofSeconds(30));
        JsonObject noCounter = alerts.stream().map(x -> (JsonObject) x)
                .filter(x -> x.getJsonObject("labels").getString("alertname").equals("OneDeskNoCounterOpenForWaitingService"))
                .filter(x -> x.getJsonObject("labels").getString("service").equals("TP"))
                .findFirst().orElseThrow(() -> new AssertionError(alerts.encodePrettily()));
        assertEquals("pending", noCounter.getString("state"), "10 minutes must pass before it fires");
        JsonArray groups = get("/api/v1/rules").getJsonObject("data").getJsonArray("groups");
        int rules = 0;
        for (Object g : groups) {
            for (Object r : ((JsonObject) g).getJsonArray("rules")) {
                JsonObject rule = (JsonObject) r;
                assertEquals("ok", rule.getString("health"), rule.encodePrettily());
                rules++;
            }
        }
        assertEquals(ShippedFiles.alertExpressions().size(), rules);
    }

    @Test
    void everyDashboardQueryIsValidPromQlAndReturnsData() {
        Map<String, String> empty = new TreeMap<>();
        ShippedFiles.dashboardExpressions().forEach((panel, expr) -> {
            JsonObject answer = get("/api/v1/query?query=" + encode(ShippedFiles.asGrafanaSendsIt(expr, instance)));
            assertEquals("success", answer.getString("status"), panel + ": " + answer);
            if (answer.getJsonObject("data").getJsonArray("result").isEmpty()) {
                empty.put(panel, expr);
            }
        });
        // Panels over rates of an hour show data once history exists; those about now must answer at once.
        for (String panel : new String[] {"Waiting now / A", "Open counters / A", "Kiosks offline / A",
                "Gateway ready / A", "Waiting tickets per service / A", "Estimated wait per service / A",
                "Longest wait against target / A", "Connected devices by kind / A", "Readiness checks / A",
                "PostgreSQL pool / A", "JVM heap and CPU / A", "Scrape up / A"}) {
            assertTrue(!empty.containsKey(panel), panel + " has data now; empty panels: " + empty.keySet());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void take(TestDevice kiosk, String requestId, String service) throws Exception {
        kiosk.request(ShortFlow.REQUEST, ShortFlow.RESPONSE, requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}");
    }

    private static Path prometheusBinary() {
        for (String candidate : BINARIES) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new AssertionError("the prometheus server is not installed, so the scrape test cannot run. Run "
                + "scripts/install-test-tools.sh (it installs Debian's prometheus package), or `apt-get install "
                + "prometheus`, then run the tests again.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean ready() {
        try {
            return Http.get(api + "/-/ready").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JsonArray query(String promql) {
        JsonObject answer = get("/api/v1/query?query=" + encode(promql));
        if (!"success".equals(answer.getString("status"))) {
            throw new AssertionError(promql + ": " + answer);
        }
        return answer.getJsonObject("data").getJsonArray("result");
    }

    private static JsonObject get(String path) {
        HttpResponse<String> response = Http.get(api + path);
        return new JsonObject(response.body());
    }

    /** The single value of an instant vector; NaN when it is empty. */
    private static double value(JsonArray result) {
        if (result.isEmpty()) {
            return Double.NaN;
        }
        assertEquals(1, result.size(), result.encode());
        return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    private static Map<String, Double> byService(JsonArray result) {
        Map<String, Double> values = new TreeMap<>();
        for (Object o : result) {
            JsonObject sample = (JsonObject) o;
            values.put(sample.getJsonObject("metric").getString("service"),
                    Double.parseDouble(sample.getJsonArray("value").getString(1)));
        }
        return values;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
