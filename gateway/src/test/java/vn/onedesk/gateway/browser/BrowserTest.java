package vn.onedesk.gateway.browser;

import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * What every browser test starts from: the real gateway with the demo centre on a fresh database and
 * free ports, and as many real Chromium windows as the test opens. Citizens and counters that are
 * not the page under test are played by Paho devices, which keeps each test about one page.
 *
 * <p>When a test fails, every open window is saved as {@code FAILED-<test>-<n>.png} under
 * {@code target/screenshots/} and its console is printed, so a failure can be seen, not guessed.
 */
abstract class BrowserTest {
    protected GatewayHarness gateway;
    private final List<Browser> browsers = new ArrayList<>();
    private final List<TestDevice> devices = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        for (int i = 0; i < browsers.size(); i++) {
            Browser browser = browsers.get(i);
            try {
                browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName() + "-" + i);
                System.err.println("--- window " + i + " at " + browser.driver().getCurrentUrl() + " ---\n"
                        + browser.consoleLog());
            } catch (RuntimeException e) {
                System.err.println("window " + i + ": no evidence: " + e);
            }
        }
    };

    @BeforeEach
    void startGateway(TestInfo test) throws Exception {
        Browser.requireTools();
        this.test = test;
        Map<String, String> env = new HashMap<>(gatewayEnv());
        env.put(ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl());
        GatewayConfig config = configure(ConfigLoader.load(GatewayHarness.env(env)));
        gateway = GatewayHarness.start(keepsOpeningHours() ? GatewayHarness.keepingOpeningHours(config) : config,
                gatewayClock());
    }

    /** Settings for the gateway beyond a fresh database: none (the built-in demo), unless a test needs others. */
    protected Map<String, String> gatewayEnv() throws Exception {
        return Map.of();
    }

    /** The configuration as loaded, changed for a test (a centre's booking settings, say); as loaded by default. */
    protected GatewayConfig configure(GatewayConfig config) {
        return config;
    }

    /** Whether the demo centre keeps its opening hours (closed outside its sessions) as a real centre does. */
    protected boolean keepsOpeningHours() {
        return false;
    }

    /** The test about to run, for a clock or configuration that depends on it. */
    protected TestInfo test;

    /** The gateway's clock: the real one, unless a test needs the hall at a given time of its day. */
    protected Clock gatewayClock() {
        return Clock.systemUTC();
    }

    /** The real clock moved to today's {@code time} at the demo centre (time runs on from there). */
    protected static Clock centreTimeOfDay(LocalTime time) {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of(Browser.TIME_ZONE));
        return Clock.offset(Clock.systemUTC(), Duration.between(now, now.with(time)));
    }

    @AfterEach
    void stopEverything() {
        browsers.forEach(Browser::close);
        browsers.clear();
        devices.forEach(TestDevice::close);
        devices.clear();
        if (gateway != null) {
            gateway.close();
        }
    }

    /** A new Chromium window of 1920×1080. */
    protected Browser browser() {
        return browser(1920, 1080);
    }

    protected Browser browser(int width, int height) {
        return browser(width, height, Browser.TIME_ZONE);
    }

    /** A window on a device whose clock is set to another time zone than the centre's. */
    protected Browser browser(int width, int height, String timeZone) {
        Browser browser = Browser.start(width, height, timeZone);
        browsers.add(browser);
        return browser;
    }

    /** The gateway's own address for a page or endpoint. */
    protected String url(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + path;
    }

    protected TestDevice device(String deviceId) throws Exception {
        TestDevice device = gateway.device(deviceId);
        devices.add(device);
        return device;
    }

    /** Reads the engine's state on the centre's own context, as the gateway itself would. */
    protected <T> T engine(Function<CentreQueue, T> reader) {
        CentreRuntime runtime = gateway.gateway().centres().find(GatewayHarness.CENTRE).orElseThrow();
        return GatewayHarness.await(runtime.read(reader));
    }

    /** The internal id of the ticket whose public token this is, from the database (pages never see it). */
    protected String ticketIdOfToken(String token) {
        var rows = GatewayHarness.await(gateway.gateway().query("SELECT ticket_id FROM tickets WHERE token = $1", token));
        if (rows.size() != 1) {
            throw new AssertionError("no ticket has the token " + token);
        }
        return rows.iterator().next().getString(0);
    }

    private TestDevice kiosk;
    private final Map<String, TestDevice> counters = new HashMap<>();

    /** A citizen takes a ticket at kiosk-2 (the pages use kiosk-1); returns the ticket as the kiosk saw it. */
    protected JsonNode takeTicket(String service) throws Exception {
        if (kiosk == null) {
            kiosk = device("kiosk-2");
            kiosk.subscribe(PREFIX + "kiosks/kiosk-2/tickets/response");
        }
        String id = "browser-test-" + requests.incrementAndGet();
        JsonNode response = kiosk.request(PREFIX + "kiosks/kiosk-2/tickets/request",
                PREFIX + "kiosks/kiosk-2/tickets/response", id,
                "{\"requestId\":\"" + id + "\",\"service\":\"" + service + "\",\"priority\":\"NONE\"}");
        if (!response.has("ticket")) {
            throw new AssertionError("no ticket: " + response);
        }
        return response.path("ticket");
    }

    /** A counter terminal that is not under test sends a command; returns the reply. */
    protected JsonNode command(String counter, String command) throws Exception {
        TestDevice terminal = counters.get(counter);
        if (terminal == null) {
            terminal = device("counter-" + counter);
            terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
            counters.put(counter, terminal);
        }
        String id = counter + "-" + requests.incrementAndGet();
        JsonNode reply = terminal.request(PREFIX + "counters/" + counter + "/commands",
                PREFIX + "counters/" + counter + "/replies", id,
                "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
        if (reply.hasNonNull("error")) {
            throw new AssertionError(counter + " " + command + " failed: " + reply);
        }
        return reply;
    }

    /** Opens the counter console and logs in as the counter's own terminal, as its officer would. */
    protected Browser counterConsole(String counter) {
        return counterConsole(browser(), counter);
    }

    protected Browser counterConsole(Browser console, String counter) {
        console.open(url("/counter"));
        console.waitVisible("form#login");
        WebElement device = console.find("form#login input[name=device]");
        device.clear();
        device.sendKeys("counter-" + counter);
        WebElement password = console.find("form#login input[name=password]");
        password.clear();
        password.sendKeys("demo");
        console.find("form#login button[type=submit]").click();
        console.waitVisible("#console");
        console.waitConnection("online");
        return console;
    }

    /** Presses one of the console's command buttons. */
    protected static void press(Browser console, String command) {
        console.waitUntil("button " + command + " enabled, then pressed", d -> {
            WebElement b = console.find("#console button[data-command=\"" + command + "\"]");
            if (!b.isDisplayed() || !b.isEnabled()) {
                return null;
            }
            b.click();
            return true;
        });
    }

    /** Waits until the engine (not the page) says the counter is open or closed. */
    protected void awaitCounterOpen(Browser browser, String counter, boolean open) {
        browser.waitUntil("counter " + counter + " open=" + open + " in the engine",
                d -> engine(q -> q.counter(counter).orElseThrow().open()) == open ? Boolean.TRUE : null);
    }

    /**
     * The demo centre as a real configuration: the same centre and devices, each device with this password and only
     * its hash, and no demo gateway section; as a {@link #gatewayEnv()} for a page that must ask for its login.
     */
    protected static Map<String, String> demoCentreWithHashedPasswords(String password) throws Exception {
        JsonObject root;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
            root = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        root.remove("gateway");
        String hash = PasswordHash.create(password.toCharArray()).encoded();
        JsonArray devices = root.getJsonArray("devices");
        for (int i = 0; i < devices.size(); i++) {
            devices.getJsonObject(i).remove("password");
            devices.getJsonObject(i).put("passwordHash", hash);
        }
        Path file = Files.createTempFile("onedesk-real-centre-", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, root.encode(), StandardCharsets.UTF_8);
        return Map.of(ConfigLoader.ENV_CONFIG, file.toString());
    }
}
