package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The administration screens at {@code /admin}, driven as an administrator would, against the real gateway and
 * its administration API: nothing is shown before a login, and a counter added through the page is a counter the
 * hall can use at once, whose terminal (a device also added through the page) opens it over MQTT.
 */
class AdminPageTest extends BrowserTest {
    private static final String DIALOG = "dialog.admin-dialog[open]";

    @Test
    void anAnonymousVisitorSeesTheLoginFormAndNoDataAndThePageAsksTheAdministrationApiForNothing() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        admin.waitVisible("form#login");
        admin.waitConnection("signedOut");
        assertEquals("Đăng nhập quản trị", admin.text("#login-title"), "Vietnamese first");
        assertFalse(admin.find("#app").isDisplayed(), "the administration stays hidden");
        assertFalse(admin.find("#logout").isDisplayed());
        assertEquals("", admin.text("#view"), "no view is rendered");
        // The focus is in the form, so a keyboard user types the username at once.
        assertEquals("username", admin.js("return document.activeElement.name"));
        String page = (String) admin.js("return document.body.innerText");
        for (String data : List.of("hcc-tinh", "Trung tâm Phục vụ", "Q01", "officer-Q01", "kiosk-1")) {
            assertFalse(page.contains(data), "the page shows '" + data + "' to nobody logged in:\n" + page);
        }
        @SuppressWarnings("unchecked")
        List<String> asked = (List<String>) admin.js(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(asked.stream().anyMatch(u -> u.endsWith("/api/v1/auth/me")), asked.toString());
        assertTrue(asked.stream().noneMatch(u -> u.contains("/api/v1/admin")),
                "nothing is asked of the administration API before a login: " + asked);
    }

    @Test
    void aWrongPasswordIsRefusedOnTheFormInVietnameseAndNothingIsShown() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logIn(admin, "admin", "not-the-password");
        admin.waitVisible("#login-error");
        admin.waitText("#login-error .error-message", "Sai tên đăng nhập hoặc mật khẩu.");
        assertEquals("true", admin.attribute("#login input[name=password]", "aria-invalid"));
        assertFalse(admin.find("#app").isDisplayed());
        assertEquals("", admin.text("#view"));
    }

    @Test
    void anAdministratorAddsCounterQ25AndItsTerminalThroughThePageAndSeesItOpenInTheLiveViewWhenTheTerminalOpensIt()
            throws Exception {
        Browser admin = browser(1920, 1080).open(url("/admin"));
        logIn(admin, "admin", "demo");
        admin.waitVisible("#app");
        admin.waitUntil("who is logged in", d -> admin.text("#who").contains("(admin)") ? true : null);
        admin.waitConnection("online");

        // Centres: the demo centre, with no gap (every service has a counter).
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        admin.find("tr[data-centre=hcc-tinh] a[href='#/centres/hcc-tinh']").click();
        admin.waitVisible("#counters tr[data-counter=Q24]");

        // Quầy: add Q25, POSTAL, primary TP.
        admin.find("#add-counter").click();
        admin.waitVisible(DIALOG);
        type(admin, "id", "Q25");
        type(admin, "number", "25");
        type(admin, "operator", "POSTAL");
        admin.find(DIALOG + " input[name=primary][value=TP]").click();
        admin.find(DIALOG + " button[type=submit]").click();
        awaitDialogClosed(admin);
        admin.waitVisible("#counters tr[data-counter=Q25]");
        assertTrue(admin.text("#counters tr[data-counter=Q25]").contains("TP"));
        CounterDefinition q25 = engine(q -> q.definition().counters().stream()
                .filter(c -> c.id().equals("Q25")).findFirst().orElseThrow());
        assertEquals(25, q25.number());
        assertEquals("POSTAL", q25.operator().code());
        assertEquals(List.of("TP"), List.copyOf(q25.primary()));

        // Thiết bị: its terminal, counter-Q25, a COUNTER device of Q25.
        String password = "quay-25-mat-khau";
        admin.find("#add-device").click();
        admin.waitVisible(DIALOG);
        type(admin, "id", "counter-Q25");
        new Select(admin.find(DIALOG + " select[name=role]")).selectByValue("COUNTER");
        new Select(admin.find(DIALOG + " select[name=counter]")).selectByValue("Q25");
        type(admin, "password", password);
        admin.find(DIALOG + " button[type=submit]").click();
        awaitDialogClosed(admin);
        admin.waitVisible("#devices tr[data-device=counter-Q25]");

        // Theo dõi trực tiếp: Q25 is there, closed, until its terminal opens it.
        admin.find("#view .toolbar a[href='#/live/hcc-tinh']").click();
        admin.waitVisible("#live-counters tr[data-counter=Q25]");
        assertEquals("false", admin.attribute("#live-counters tr[data-counter=Q25]", "data-open"));

        try (TestDevice terminal = TestDevice.connect(gateway.mqttUri(), "counter-Q25", password)) {
            terminal.subscribe(PREFIX + "counters/Q25/replies");
            JsonNode reply = terminal.request(PREFIX + "counters/Q25/commands", PREFIX + "counters/Q25/replies",
                    "q25-open", "{\"requestId\":\"q25-open\",\"command\":\"OPEN\"}");
            assertFalse(reply.hasNonNull("error"), reply.toString());
            // The live view reads the centre again every few seconds: Q25 turns open without a reload.
            admin.waitUntil("Q25 open in the live view",
                    d -> "true".equals(admin.attribute("#live-counters tr[data-counter=Q25]", "data-open")) ? true : null);
        }
        assertTrue(admin.text("#live-counters tr[data-counter=Q25]").contains("Đang mở"));
        admin.screenshot("admin-live-q25-open");
    }

    /** Types into the login form and sends it. */
    private static void logIn(Browser admin, String username, String password) {
        admin.waitVisible("form#login");
        WebElement user = admin.find("#login input[name=username]");
        user.clear();
        user.sendKeys(username);
        WebElement pass = admin.find("#login input[name=password]");
        pass.clear();
        pass.sendKeys(password);
        admin.find("#login button[type=submit]").click();
    }

    /** Replaces what the open dialog's field (by its name) holds. */
    private static void type(Browser admin, String field, String value) {
        WebElement input = admin.find(DIALOG + " [data-field=" + field + "] input, " + DIALOG + " input[name=" + field + "]");
        input.clear();
        input.sendKeys(value);
    }

    private static void awaitDialogClosed(Browser admin) {
        admin.waitUntil(() -> "the dialog closes (it says: "
                        + admin.js("const d = document.querySelector('" + DIALOG + "'); return d && d.innerText") + ")",
                Browser.WAIT, d -> d.findElements(By.cssSelector(DIALOG)).isEmpty() ? true : null);
    }
}
