package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.DIALOG;
import static vn.onedesk.gateway.browser.AdminScreens.awaitDialogClosed;
import static vn.onedesk.gateway.browser.AdminScreens.logIn;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;
import static vn.onedesk.gateway.browser.AdminScreens.openDialog;
import static vn.onedesk.gateway.browser.AdminScreens.submitDialog;
import static vn.onedesk.gateway.browser.AdminScreens.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The "done when", end to end in Chromium on the demo gateway: an administrator sets up a new centre
 * only through {@code /admin} (the centre, a service, a counter, its terminal, a kiosk and an officer), the
 * officer opens that counter in their name on the counter console, which signs in as the new terminal, serves
 * the citizen a kiosk (Paho, as the new kiosk device) gave a ticket, and the day's report by officer, which the
 * centre's manager (an account also made on the page) reads on {@code /admin}, names them with 1 served.
 */
class AdminNewCentrePageTest extends BrowserTest {
    private static final String CENTRE = "xa-tan-lap";
    private static final String CENTRE_NAME = "Trung tâm phục vụ hành chính công xã Tân Lập";
    private static final String PREFIX = "onedesk/v1/" + CENTRE + "/";
    private static final String TERMINAL = "tan-lap-Q01";
    private static final String TERMINAL_PASSWORD = "quay-01-tan-lap";
    private static final String KIOSK = "tan-lap-kiosk-1";
    private static final String KIOSK_PASSWORD = "kiosk-tan-lap";
    private static final String OFFICER = "tran-thi-binh";
    private static final String OFFICER_NAME = "Trần Thị Bình";
    private static final String OFFICER_PASSWORD = "mat-khau-binh-2025";
    private static final String MANAGER = "quan-ly-tan-lap";
    private static final String MANAGER_PASSWORD = "mat-khau-quan-ly-2025";

    @Test
    void aCentreSetUpOnlyOnThePageServesItsFirstCitizenAtACounterOpenedInTheOfficersNameAndItsManagersReportNamesThem()
            throws Exception {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logInAs(admin, "admin");

        // Trung tâm: the new centre, issuing tickets at any hour.
        admin.waitVisible("#add-centre");
        openDialog(admin, "#add-centre");
        type(admin, "id", CENTRE);
        type(admin, "name", CENTRE_NAME);
        WebElement onlyInSessions = admin.find(DIALOG + " [data-field=ticketsOnlyInSessions] input");
        assertTrue(onlyInSessions.isSelected(), "a new centre keeps its opening hours unless told otherwise");
        onlyInSessions.click();
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitUntil("the new centre's page", d -> d.getCurrentUrl().endsWith("#/centres/" + CENTRE) ? true : null);
        admin.waitText("#view h2", CENTRE_NAME);
        assertTrue(gaps(admin).contains("⚠ Chưa có lĩnh vực nào"), "an empty centre says so: " + gaps(admin));

        // Lĩnh vực: Tư pháp – Hộ tịch (TP), prefix A, served by Vietnam Post (ticked for a new service).
        admin.waitVisible("#add-service");
        openDialog(admin, "#add-service");
        type(admin, "code", "TP");
        type(admin, "name", "Tư pháp – Hộ tịch");
        type(admin, "prefix", "A");
        assertTrue(admin.find(DIALOG + " input[name=servedBy][value=POSTAL]").isSelected());
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("#services tr[data-service=TP]");
        admin.waitUntil("the centre now lacks only counters", d -> gaps(admin).contains("⚠ Chưa có quầy nào")
                && !gaps(admin).contains("⚠ Chưa có lĩnh vực nào") ? true : null);

        // Quầy: Q01 (number 1, Vietnam Post: what the dialog proposes for a centre's first counter), primary TP.
        openDialog(admin, "#add-counter");
        assertEquals("Q01", admin.find(DIALOG + " [data-field=id] input").getAttribute("value"));
        assertEquals("1", admin.find(DIALOG + " [data-field=number] input").getAttribute("value"));
        type(admin, "operator", "POSTAL");
        admin.find(DIALOG + " input[name=primary][value=TP]").click();
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("#counters tr[data-counter=Q01]");
        admin.waitText("#view .gaps-none", "Mọi lĩnh vực đều có quầy phục vụ.");
        assertEquals(List.of(), gaps(admin), "no warning is left");
        assertEquals(List.of(), untranslated(admin), "every text of the centre's page is in Vietnamese");

        // Thiết bị: Q01's terminal, then a kiosk.
        addDevice(admin, TERMINAL, "COUNTER", "Q01", TERMINAL_PASSWORD);
        addDevice(admin, KIOSK, "KIOSK", null, KIOSK_PASSWORD);
        assertEquals("Q01", admin.text("#devices tr[data-device=" + TERMINAL + "] td:nth-child(3)"));

        // Cán bộ: an officer of Vietnam Post at this centre only.
        admin.find(".admin-nav a[data-route=staff]").click();
        admin.waitVisible("#add-staff");
        openDialog(admin, "#add-staff");
        type(admin, "username", OFFICER);
        type(admin, "fullName", OFFICER_NAME);
        type(admin, "operator", "POSTAL");
        assertTrue(admin.find(DIALOG + " input[name=roles][value=OFFICER]").isSelected());
        assertFalse(admin.find(DIALOG + " input[name=centres][value=" + CENTRE + "]").isSelected(),
                "with two centres, none is ticked for the administrator");
        admin.find(DIALOG + " input[name=centres][value=" + CENTRE + "]").click();
        type(admin, "password", OFFICER_PASSWORD);
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("tr[data-staff=" + OFFICER + "]");
        String row = admin.text("tr[data-staff=" + OFFICER + "]");
        assertTrue(row.contains(OFFICER_NAME) && row.contains("Bưu điện") && row.contains(CENTRE), row);

        // ... and the centre's manager, who will read its reports.
        openDialog(admin, "#add-staff");
        type(admin, "username", MANAGER);
        type(admin, "fullName", "Lê Văn Cường");
        admin.find(DIALOG + " input[name=roles][value=OFFICER]").click();
        admin.find(DIALOG + " input[name=roles][value=CENTRE_MANAGER]").click();
        admin.find(DIALOG + " input[name=centres][value=" + CENTRE + "]").click();
        type(admin, "password", MANAGER_PASSWORD);
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("tr[data-staff=" + MANAGER + "]");
        assertEquals(List.of(), untranslated(admin), "every text of the staff view is in Vietnamese");
        assertEquals("Đăng xuất", admin.text("#logout"));
        admin.find("#logout").click();
        admin.waitVisible("form#login");
        assertEquals("", admin.text("#status"), "nothing of the administrator's session stays on the screen");

        // The counter console of the new centre: no demo credentials there, so it asks for the terminal's.
        Browser console = browser(1366, 768).open(url("/counter?c=" + CENTRE));
        console.waitText("#centre-name", CENTRE_NAME);
        console.waitVisible("form#login");
        assertEquals("", console.find("form#login input[name=password]").getAttribute("value"));
        typeInto(console, "form#login input[name=device]", TERMINAL);
        assertEquals("Q01", new Select(console.find("form#login select[name=counter]")).getFirstSelectedOption()
                .getAttribute("value"), "the counter follows the device id");
        typeInto(console, "form#login input[name=password]", TERMINAL_PASSWORD);
        console.find("form#login button[type=submit]").click();
        console.waitVisible("#console");
        console.waitConnection("online");

        // The officer logs in as themselves: Q01 opens in their name.
        console.waitVisible("form#officer-login");
        typeInto(console, "form#officer-login input[name=username]", OFFICER);
        typeInto(console, "form#officer-login input[name=password]", OFFICER_PASSWORD);
        console.find("form#officer-login button[type=submit]").click();
        console.waitText("#officer-name", "Cán bộ: " + OFFICER_NAME);
        console.waitUntil("Q01 open with " + OFFICER + " bound, in the engine",
                d -> OFFICER.equals(tanLap(q -> q.counter("Q01").orElseThrow().open()
                        ? q.counter("Q01").orElseThrow().officerId() : null)) ? true : null);

        // A citizen takes a TP ticket at the new kiosk.
        TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), KIOSK, KIOSK_PASSWORD);
        String number;
        try {
            kiosk.subscribe(PREFIX + "kiosks/" + KIOSK + "/tickets/response");
            JsonNode answer = kiosk.request(PREFIX + "kiosks/" + KIOSK + "/tickets/request",
                    PREFIX + "kiosks/" + KIOSK + "/tickets/response", "tan-lap-1",
                    "{\"requestId\":\"tan-lap-1\",\"service\":\"TP\",\"priority\":\"NONE\"}");
            number = answer.path("ticket").path("number").asText();
            assertEquals("A001", number, answer.toString());
        } finally {
            kiosk.close();
        }

        // The officer calls, serves and completes it on the console.
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        press(console, "START");
        console.waitUntil("the ticket being served", d -> "SERVING".equals(console.attribute("#current", "data-state"))
                ? true : null);
        press(console, "COMPLETE");
        console.waitUntil("nobody at Q01 any more, in the engine",
                d -> tanLap(q -> q.counter("Q01").orElseThrow().currentTicket() == null) ? true : null);

        // Báo cáo: the manager of the new centre (and of it only), today, by officer.
        logIn(admin, MANAGER, MANAGER_PASSWORD);
        admin.waitUntil("the manager shown as logged in",
                d -> admin.text("#who").contains("(" + MANAGER + ")") ? true : null);
        admin.find(".admin-nav a[data-route=reports]").click();
        admin.waitVisible("#report-form");
        assertEquals(List.of(CENTRE), admin.js("return [...document.querySelectorAll('#report-centre option')]"
                + ".map(o => o.value)"), "a manager sees their own centres");
        new Select(admin.find("#report-centre")).selectByValue(CENTRE);
        new Select(admin.find("#report-by")).selectByValue("officer");
        admin.find("#report-show").click();
        String line = "#report-table tbody tr[data-key='" + OFFICER + "']";
        admin.waitVisible(line);
        assertEquals("Báo cáo theo cán bộ – " + CENTRE_NAME, admin.text("#report-heading"));
        assertEquals(1, admin.findAll("#report-table tbody tr").size(), admin.text("#report-table"));
        assertEquals(OFFICER_NAME, admin.text(line + " [data-col=officer]"));
        assertEquals("1", admin.text(line + " [data-col=served]"));
        assertEquals(List.of(), untranslated(admin), "every text of the report is in Vietnamese");
        admin.screenshot("admin-new-centre-report");
    }

    /** Thiết bị: adds a device on the centre's page and waits for its row. */
    private static void addDevice(Browser admin, String id, String role, String counter, String password) {
        openDialog(admin, "#add-device");
        type(admin, "id", id);
        new Select(admin.find(DIALOG + " [data-field=role] select")).selectByValue(role);
        if (counter != null) {
            new Select(admin.find(DIALOG + " [data-field=counter] select")).selectByValue(counter);
        }
        type(admin, "password", password);
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("#devices tr[data-device=" + id + "]");
    }

    /** The warnings the centre's page shows, as they read. */
    @SuppressWarnings("unchecked")
    private static List<String> gaps(Browser admin) {
        return (List<String>) admin.js("return [...document.querySelectorAll('#view .gaps .gap')]"
                + ".map(li => li.textContent.trim())");
    }

    /** Visible texts that are a text's key rather than its words ("login.logout"): a text the page lacks. */
    @SuppressWarnings("unchecked")
    private static List<String> untranslated(Browser admin) {
        return (List<String>) admin.js("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.children.length === 0 && e.offsetParent !== null)"
                + ".map(e => e.textContent.trim()).filter(t => /^[a-z]+(\\.[A-Za-z]+)+$/.test(t))");
    }

    private static void typeInto(Browser page, String css, String text) {
        WebElement input = page.find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Reads the new centre's engine state on its own context. */
    private <T> T tanLap(Function<CentreQueue, T> reader) {
        CentreRuntime runtime = gateway.gateway().centres().find(CENTRE).orElseThrow();
        return GatewayHarness.await(runtime.read(reader));
    }
}
