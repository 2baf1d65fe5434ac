package vn.onedesk.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium (Debian's {@code /usr/bin/chromium}) driven through Debian's
 * {@code /usr/bin/chromedriver}, with a fresh profile. Both paths are given to Selenium explicitly, so
 * Selenium Manager never looks for, or downloads, a browser or a driver.
 *
 * <p>When either program is missing the test fails (it never skips): the suite promises a real browser.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The machine is small and shared: page loads and waits get generous time. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** The demo centre's time zone, which the browser's clock follows. */
    public static final String TIME_ZONE = "Asia/Ho_Chi_Minh";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final int width;
    private final int height;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile, int width, int height) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.width = width;
        this.height = height;
    }

    /** A full-HD window, the size of a hall display or a kiosk screen. */
    public static Browser start() {
        return start(1920, 1080);
    }

    public static Browser start(int width, int height) {
        return start(width, height, TIME_ZONE);
    }

    /**
     * A window whose operating-system clock is in {@code timeZone} (an IANA id, given to Chromium as TZ),
     * e.g. a screen left on UTC, or a citizen's phone set to another country.
     */
    public static Browser start(int width, int height, String timeZone) {
        requireTools();
        Path profile;
        try {
            profile = Files.createTempDirectory("onedesk-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // The tests run as root in a container: Chromium's sandbox needs user namespaces it may not have.
                "--no-sandbox",
                "--disable-gpu",
                // /dev/shm is small in containers; Chromium then uses /tmp for shared memory.
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Hall displays and kiosks run unattended: no user gesture ever unlocks the chime.
                "--autoplay-policy=no-user-gesture-required",
                "--lang=vi-VN",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        // A screen at the centre: Vietnamese first, and the centre's clock (this machine may run on UTC).
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);

        Path logDir = Path.of("target", "chromedriver");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", timeZone))
                .withLogFile(logDir.resolve("chromedriver-" + profile.getFileName() + ".log").toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(service, driver, profile, width, height);
        browser.fitViewport();
        return browser;
    }

    /**
     * Headless Chromium still reserves room for a (hidden) toolbar, so a 1920×1080 window has a smaller
     * page. The window is grown by that difference: the page, and so every screenshot, is exactly the size asked.
     */
    private void fitViewport() {
        @SuppressWarnings("unchecked")
        List<Number> chrome = (List<Number>) js("return [window.outerWidth - window.innerWidth,"
                + " window.outerHeight - window.innerHeight]");
        driver.manage().window().setSize(new Dimension(width + chrome.get(0).intValue(),
                height + chrome.get(1).intValue()));
    }

    /** Fails (never skips) when Chromium or ChromeDriver is not installed. */
    public static void requireTools() {
        requireTools(CHROMIUM, CHROMEDRIVER);
    }

    public static void requireTools(Path... tools) {
        for (Path tool : tools) {
            if (!Files.isExecutable(tool)) {
                fail(tool + " is missing: the browser tests drive Debian's chromium and chromium-driver. "
                        + "Run `bash scripts/install-test-tools.sh` (it installs them with apt-get), then rerun.");
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Text content of the first element matching, trimmed; null when there is none. */
    public String text(String css) {
        Object text = js("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.textContent.trim();", css);
        return (String) text;
    }

    public String attribute(String css, String name) {
        return (String) js("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.getAttribute(arguments[1]);", css, name);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits (generously) until the condition holds, returning its value. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, WAIT, condition);
    }

    public <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        return waitUntil(() -> what, timeout, condition);
    }

    /** As above, with a failure message computed when the wait gives up (so it can show the final state). */
    public <T> T waitUntil(Supplier<String> what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        // Pages re-render lists wholesale; an element read mid-render is simply read again.
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> what.get() + "\n--- browser console ---\n" + consoleLog());
        return wait.until(condition);
    }

    /** Waits until a JavaScript expression (the body of a function) returns a truthy value. */
    public Object waitForJs(String what, String script, Object... args) {
        return waitUntil(what, d -> {
            Object value = js(script, args);
            return value == null || Boolean.FALSE.equals(value) ? null : value;
        });
    }

    /** Waits until the element exists and is displayed. */
    public WebElement waitVisible(String css) {
        return waitUntil("'" + css + "' visible", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Waits until the first element matching has exactly this (trimmed) text. */
    public void waitText(String css, String expected) {
        waitUntil(() -> "'" + css + "' to read '" + expected + "' (it reads '" + text(css) + "')", WAIT,
                d -> expected.equals(text(css)) ? Boolean.TRUE : null);
    }

    /** Waits until {@code #connection} reports the given state. */
    public void waitConnection(String state) {
        waitUntil(() -> "#connection[data-state=" + state + "] (it is " + attribute("#connection", "data-state")
                + ")", WAIT, d -> state.equals(attribute("#connection", "data-state")) ? Boolean.TRUE : null);
    }

    /** Whatever the page logged, for failure messages. */
    public String consoleLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(console log unavailable: " + e.getMessage() + ")";
        }
    }

    /** The visible viewport as PNG, saved under the given name in {@code target/screenshots/}. */
    public Path screenshot(String name) {
        return Screenshots.save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** A screenshot for the documentation: also saved where {@code -Donedesk.screenshots.dir} says. */
    public Path documentScreenshot(String name) {
        return Screenshots.document(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the browser may already be gone; the service stop below ends the driver either way
        }
        service.stop();
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | RuntimeException e) {
            // a leftover temporary profile is harmless
        }
    }
}
