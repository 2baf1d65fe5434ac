package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.DIALOG;
import static vn.onedesk.gateway.browser.AdminScreens.awaitDialogClosed;
import static vn.onedesk.gateway.browser.AdminScreens.escape;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;
import static vn.onedesk.gateway.browser.AdminScreens.openDialog;
import static vn.onedesk.gateway.browser.AdminScreens.submitDialog;
import static vn.onedesk.gateway.browser.AdminScreens.type;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A centre administered through {@code /admin}, against the real gateway and its administration API: a counter and
 * its terminal added through the page are at once a counter the hall can use; what the API refuses is said next to
 * the field at fault.
 */
class AdminCentrePageTest extends BrowserTest {

    @Test
    void anAdministratorAddsCounterQ25AndItsTerminalThroughThePageAndSeesItOpenInTheLiveViewWhenTheTerminalOpensIt()
            throws Exception {
        Browser admin = browser(1920, 1080).open(url("/admin"));
        logInAs(admin, "admin");

        // Trung tâm: the demo centre, complete (every service has a counter).
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        admin.find("tr[data-centre=hcc-tinh] a[href='#/centres/hcc-tinh']").click();
        admin.waitVisible("#counters tr[data-counter=Q24]");

        // Quầy: add Q25, POSTAL, primary TP.
        openDialog(admin, "#add-counter");
        type(admin, "id", "Q25");
        type(admin, "number", "25");
        type(admin, "operator", "POSTAL");
        admin.find(DIALOG + " input[name=primary][value=TP]").click();
        submitDialog(admin);
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
        openDialog(admin, "#add-device");
        type(admin, "id", "counter-Q25");
        new Select(admin.find(DIALOG + " select[name=role]")).selectByValue("COUNTER");
        new Select(admin.find(DIALOG + " select[name=counter]")).selectByValue("Q25");
        type(admin, "password", password);
        submitDialog(admin);
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

    @Test
    void aCounterNumberAlreadyInUseIsRefusedNextToTheNumberFieldInVietnameseOrInEnglishAndNothingIsAdded() {
        Browser admin = browser(1366, 768).open(url("/admin#/centres/hcc-tinh"));
        logInAs(admin, "admin");
        admin.waitVisible("#counters tr[data-counter=Q24]");

        openDialog(admin, "#add-counter");
        type(admin, "id", "Q26");
        type(admin, "number", "1"); // Q01's
        type(admin, "operator", "POSTAL");
        admin.find(DIALOG + " input[name=primary][value=TP]").click();
        submitDialog(admin);
        String error = DIALOG + " [data-field=number] .field-error";
        admin.waitVisible(error);
        assertEquals("Mã, số hoặc ký hiệu này đã được dùng.", admin.text(error + " .error-message"));
        assertEquals("ALREADY_EXISTS", admin.attribute(error, "data-code"));
        assertEquals("true", admin.attribute(DIALOG + " [data-field=number] input", "aria-invalid"));
        // The field at fault has the focus, and its error is part of what a screen reader says of it.
        assertEquals("number", admin.js("return document.activeElement.name"));
        assertTrue(admin.attribute(DIALOG + " [data-field=number] input", "aria-describedby")
                .contains(admin.attribute(error, "id")));
        assertTrue(admin.find(DIALOG + " [data-field=id] .field-error").getAttribute("hidden") != null,
                "only the field at fault says so");
        admin.screenshot("admin-field-error");
        escape(admin);

        admin.find("#lang-toggle").click();
        admin.waitText("#counters-title", "Counters");
        openDialog(admin, "#add-counter");
        type(admin, "id", "Q26");
        type(admin, "number", "1");
        admin.find(DIALOG + " input[name=primary][value=TP]").click();
        submitDialog(admin);
        admin.waitText(error + " .error-message", "Something with this id, number or prefix already exists.");
        escape(admin);

        boolean added = engine(q -> q.definition().counters().stream().anyMatch(c -> c.id().equals("Q26")));
        assertFalse(added, "a refused counter is not added");
    }
}
