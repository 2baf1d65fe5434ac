package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.CuttableProxy;

/** The browser tests' own footing: the window is the size the screenshots claim, and a cut is a real cut. */
class BrowserHarnessTest extends BrowserTest {

    @Test
    void chromiumRendersAtTheRequestedViewportAndScreenshotsHaveThatSize() throws Exception {
        for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
            Browser browser = browser(size[0], size[1]);
            browser.open(url("/health"));
            assertEquals(size[0], ((Number) browser.js("return window.innerWidth")).intValue());
            assertEquals(size[1], ((Number) browser.js("return window.innerHeight")).intValue());
            Path png = browser.screenshot("harness-" + size[0] + "x" + size[1]);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(size[0], image.getWidth());
            assertEquals(size[1], image.getHeight());
        }
    }

    @Test
    void aMissingBrowserFailsTheTestWithTheInstallAdviceInsteadOfSkippingIt() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> Browser.requireTools(Browser.CHROMEDRIVER, Path.of("/nonexistent/chromium")));
        assertTrue(failure.getMessage().contains("/nonexistent/chromium is missing"), failure.getMessage());
        assertTrue(failure.getMessage().contains("bash scripts/install-test-tools.sh"), failure.getMessage());
    }

    @Test
    void theBrowserIsSetUpLikeAScreenAtTheCentreVietnameseFirstOnTheCentresClock() {
        Browser browser = browser().open(url("/health"));
        assertEquals("vi-VN", browser.js("return navigator.language"));
        // UTC+7 all year (ICU may call the zone by its old name, Asia/Saigon).
        assertEquals(-420L, browser.js("return new Date().getTimezoneOffset()"));
    }

    @Test
    void aWebSocketThroughTheProxyClosesWhenTheProxyIsCutAndOpensAgainOnlyAfterItIsRestored() {
        try (CuttableProxy proxy = CuttableProxy.to(gateway.httpPort())) {
            Browser browser = browser();
            // A page of the gateway's own, whose Content-Security-Policy lets it open a WebSocket to where it came
            // from (an API answer such as /health allows nothing).
            browser.open("http://127.0.0.1:" + proxy.port() + "/");
            String connect = "window.sockets = window.sockets || [];"
                    + " const ws = new WebSocket('ws://' + location.host + '/mqtt', 'mqtt');"
                    + " const s = {opened: false, closed: false}; window.sockets.push(s);"
                    + " ws.onopen = () => s.opened = true; ws.onclose = () => s.closed = true;"
                    + " return window.sockets.length - 1;";
            long first = (Long) browser.js(connect);
            browser.waitForJs("the first WebSocket opens", "return window.sockets[arguments[0]].opened", first);

            proxy.cut();
            browser.waitForJs("the first WebSocket notices the cut", "return window.sockets[arguments[0]].closed",
                    first);
            long second = (Long) browser.js(connect);
            browser.waitForJs("a WebSocket opened while cut fails", "return window.sockets[arguments[0]].closed",
                    second);
            assertEquals(false, browser.js("return window.sockets[arguments[0]].opened", second));
            assertTrue(proxy.refusedWhileCut() >= 1);

            proxy.restore();
            long third = (Long) browser.js(connect);
            browser.waitForJs("a WebSocket opens after the restore", "return window.sockets[arguments[0]].opened",
                    third);
        }
    }
}
