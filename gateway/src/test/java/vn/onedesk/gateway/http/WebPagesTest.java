package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.protocol.ErrorCode;

/** The screens as the real gateway serves them: pages, their assets, and the pages' configuration. */
class WebPagesTest {
    /** A well-formed hash (the loader parses it; nobody logs in with it here). */
    private static final String HASH = "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([A-Za-z0-9_.-]+\\.js)'");

    private static GatewayHarness gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0} serves {1}")
    @CsvSource({
        "/, /assets/index.js",
        "/display/hall, /assets/hall.js",
        "/display/counter/Q05, /assets/counter-display.js",
        "/kiosk, /assets/kiosk.js",
        "/counter, /assets/counter.js",
        "/ticket/q3Vd0T5c1mXnYB8kZ2uR7w?c=hcc-tinh, /assets/ticket.js",
        "/admin, /assets/admin.js",
        "/booking?c=hcc-tinh, /assets/booking.js",
    })
    void everyScreenRouteServesItsPageAsUtf8HtmlThatMustBeRevalidated(String path, String script) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode());
        assertEquals("text/html; charset=utf-8", header(response, "content-type"));
        assertEquals("no-cache", header(response, "cache-control"));
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.contains("<html lang=\"vi\">"), "Vietnamese first");
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<script type=\"module\" src=\"" + script + "\">"), "the page's own module");
        assertTrue(html.contains("id=\"lang-toggle\"") && html.contains("id=\"connection\""), "every page has both");
        // The bytes are UTF-8 Vietnamese, not mojibake or entities.
        assertTrue(html.contains("Đang kết nối") || html.contains("Chưa đăng nhập"), html);
    }

    @Test
    void everyAssetAPageOrModuleReferencesIsServedWithItsContentType() throws Exception {
        Set<String> assets = new LinkedHashSet<>();
        for (String page : new String[] {"/", "/display/hall", "/display/counter/Q01", "/kiosk", "/counter", "/ticket/x", "/admin",
            "/booking"}) {
            Matcher m = ASSET_REFERENCE.matcher(new String(get(page).body(), StandardCharsets.UTF_8));
            while (m.find()) {
                assets.add(m.group(1));
            }
        }
        // Follow the ES module imports too: a missing module breaks a page as surely as a missing script.
        Deque<String> toVisit = new ArrayDeque<>(assets);
        while (!toVisit.isEmpty()) {
            String asset = toVisit.pop();
            HttpResponse<byte[]> response = get(asset);
            assertEquals(200, response.statusCode(), asset);
            String type = header(response, "content-type").replace(" ", "").toLowerCase();
            if (asset.endsWith(".js")) {
                assertEquals("text/javascript;charset=utf-8", type, asset);
                Matcher m = MODULE_IMPORT.matcher(new String(response.body(), StandardCharsets.UTF_8));
                while (m.find()) {
                    if (assets.add("/assets/" + m.group(1))) {
                        toVisit.push("/assets/" + m.group(1));
                    }
                }
            } else if (asset.endsWith(".css")) {
                assertEquals("text/css;charset=utf-8", type, asset);
            }
            assertEquals("no-cache", header(response, "cache-control"), asset);
            assertEquals("nosniff", header(response, "x-content-type-options"), asset);
        }
        assertTrue(assets.containsAll(Set.of("/assets/mqtt-ws.js", "/assets/common.js", "/assets/i18n.js",
                "/assets/announcer.js", "/assets/base.css", "/assets/hall.css", "/assets/admin.css", "/assets/admin-api.js",
                "/assets/admin-texts.js")), assets.toString());
    }

    @Test
    void anUnchangedAssetIsRevalidatedWithNotModified() throws Exception {
        HttpResponse<byte[]> first = get("/assets/mqtt-ws.js");
        String lastModified = header(first, "last-modified");
        assertNotNull(lastModified);
        HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(uri("/assets/mqtt-ws.js"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/nope.js", "/assets/", "/assets/../demo-centre.json", "/assets/%2e%2e/demo-centre.json",
        "/assets/..%2fdemo-centre.json", "/web/hall.html", "/display/nope"})
    void anUnknownAssetOrPageIsNotFoundAndNothingOutsideTheAssetsLeaks(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(404, response.statusCode(), path);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertFalse(body.contains("\"devices\""), "the centre configuration must not be served: " + body);
    }

    @Test
    void theDemoConfigNamesTheCentreItsServicesAndCountersAndTheDemoDevicesCredentials() throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/pages/config");
        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", header(response, "content-type"));
        assertEquals("no-store", header(response, "cache-control"));
        JsonObject config = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("hcc-tinh", config.getString("centre"));
        assertEquals("Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)", config.getString("centreName"));
        // The centre's own zone (from its definition), in which the pages show every time.
        assertEquals("Asia/Ho_Chi_Minh", config.getString("timeZone"));
        // The gateway's clock, which screens follow when their own is wrong.
        long skew = Math.abs(java.time.Duration.between(java.time.Instant.parse(config.getString("serverTime")),
                java.time.Instant.now()).toSeconds());
        assertTrue(skew < 60, "serverTime is the gateway's now: " + config.getString("serverTime"));
        assertTrue(config.getBoolean("demo"));
        assertEquals("/mqtt", config.getString("mqttPath"));
        JsonArray services = config.getJsonArray("services");
        assertEquals(10, services.size());
        assertEquals(new JsonObject().put("code", "TP").put("name", "Tư pháp – Hộ tịch").put("prefix", "A"),
                services.getJsonObject(0));
        JsonArray counters = config.getJsonArray("counters");
        assertEquals(24, counters.size());
        assertEquals(new JsonObject().put("id", "Q05").put("number", 5).put("operator", "POSTAL"),
                counters.getJsonObject(4));
        JsonObject credentials = config.getJsonObject("credentials");
        assertEquals(new JsonObject().put("device", "hall-1").put("password", "demo"), credentials.getJsonObject("hall"));
        assertEquals(new JsonObject().put("device", "kiosk-1").put("password", "demo"), credentials.getJsonObject("kiosk"));
        assertEquals(new JsonObject().put("device", "counter-Q01").put("password", "demo").put("counter", "Q01"),
                credentials.getJsonObject("counter"));
        // Error texts come from ErrorCode, so pages show the one wording in each language.
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.vietnameseMessage(), config.getJsonObject("errors").getJsonObject(code.name()).getString("vi"));
            assertEquals(code.englishMessage(), config.getJsonObject("errors").getJsonObject(code.name()).getString("en"));
        }
    }

    @Test
    void theConfigOfAnUnknownCentreIsNotFound() throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/pages/config?c=nowhere");
        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("error");
        assertEquals("UNKNOWN_CENTRE", error.getString("code"));
        assertEquals(ErrorCode.UNKNOWN_CENTRE.vietnameseMessage(), error.getString("message"));
        assertTrue(error.getString("detail").contains("nowhere"), error.encode());
    }

    @Test
    void anHttpErrorAskedForInEnglishHasTheEnglishMessageAndTheSameDetail() throws Exception {
        for (String lang : List.of("en", "fr")) {
            HttpResponse<byte[]> response = get("/api/v1/pages/config?lang=" + lang + "&c=nowhere");
            assertEquals(404, response.statusCode());
            JsonObject error = new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("error");
            assertEquals(List.of("code", "message", "detail"), List.copyOf(error.fieldNames()), error.encode());
            assertEquals(lang.equals("en") ? ErrorCode.UNKNOWN_CENTRE.englishMessage()
                    : ErrorCode.UNKNOWN_CENTRE.vietnameseMessage(), error.getString("message"), "lang=" + lang);
            assertTrue(error.getString("detail").contains("nowhere"), error.encode());
        }
    }

    @Test
    void anUnknownPathIsNotFoundInTheSameErrorShapeAsOnMqtt() throws Exception {
        HttpResponse<byte[]> response = get("/no/such/page");
        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getJsonObject("error");
        assertEquals(ErrorCode.NOT_FOUND.name(), error.getString("code"));
        assertEquals(ErrorCode.NOT_FOUND.vietnameseMessage(), error.getString("message"));
        assertTrue(error.getString("detail").contains("/no/such/page"), error.encode());
    }

    @Test
    void outsideTheDemoTheConfigCarriesNoCredentials(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("centre.json");
        Files.writeString(file, realCentre().encodePrettily(), StandardCharsets.UTF_8);
        try (GatewayHarness real = GatewayHarness.start(GatewayHarness.env(Map.of(
                ConfigLoader.ENV_CONFIG, file.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl())), Clock.systemUTC())) {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + real.httpPort() + "/api/v1/pages/config")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonObject config = new JsonObject(text);
            assertFalse(config.getBoolean("demo"));
            assertEquals("hcc-tinh", config.getString("centre"));
            assertEquals(10, config.getJsonArray("services").size());
            assertFalse(config.containsKey("credentials"), text);
            assertFalse(text.contains("password"), text);
            assertFalse(text.contains("pbkdf2"), text);
        }
    }

    /** The demo centre as a real configuration: the same centre, devices with password hashes only. */
    private static JsonObject realCentre() throws IOException {
        JsonObject root;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
            root = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        root.remove("gateway");
        JsonArray devices = root.getJsonArray("devices");
        for (int i = 0; i < devices.size(); i++) {
            JsonObject device = devices.getJsonObject(i);
            device.remove("password");
            device.put("passwordHash", HASH);
        }
        return root;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
