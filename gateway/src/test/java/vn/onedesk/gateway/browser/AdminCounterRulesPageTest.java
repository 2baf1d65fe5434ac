package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.gateway.support.Browser;

/** The centre page's counter rules (Quy tắc tại quầy): shown as the centre has them, changed through the writer. */
class AdminCounterRulesPageTest extends BrowserTest {

    @Test
    void aManagerChangesTheRecallLimitAndTheRequeueGraceOnTheCentrePageAndTheQueueHasThemAtOnce() {
        Browser admin = browser(1920, 1080).open(url("/admin"));
        logInAs(admin, "manager");
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        admin.find("tr[data-centre=hcc-tinh] a[href='#/centres/hcc-tinh']").click();
        admin.waitVisible("#counter-rules input[name=recallLimit]");
        assertEquals("Quy tắc tại quầy", admin.text("#counter-rules-title"));
        assertEquals("3", admin.find("#counter-rules input[name=recallLimit]").getAttribute("value"));
        assertEquals("30", admin.find("#counter-rules input[name=requeueGraceMinutes]").getAttribute("value"));

        set(admin, "recallLimit", "1");
        set(admin, "requeueGraceMinutes", "45");
        WebElement before = admin.find("#counter-rules");
        admin.find("#save-counter-rules").click();
        admin.waitUntil("the page drawn again from the saved centre", d -> {
            try {
                before.isDisplayed();
                return null;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            }
        });
        admin.waitVisible("#counter-rules input[name=recallLimit]");
        assertEquals("1", admin.find("#counter-rules input[name=recallLimit]").getAttribute("value"));
        CounterRules rules = admin.waitUntil("the queue's centre has the new rules", d -> {
            CounterRules now = engine(q -> q.definition().rules());
            return now.recallLimit() == 1 ? now : null;
        });
        assertEquals(Duration.ofMinutes(45), rules.requeueGrace());
        assertEquals(CounterRules.DEFAULT.requeueAfter(), rules.requeueAfter(), "the others are kept");

        set(admin, "recallLimit", "99");
        admin.find("#save-counter-rules").click();
        admin.waitUntil("the refusal shown on the form", d -> {
            WebElement error = admin.find("#counter-rules .form-error");
            return error.isDisplayed() && !error.getText().isBlank() ? true : null;
        });
        assertTrue(engine(q -> q.definition().rules().recallLimit()) == 1, "nothing changed");
    }

    @Test
    void aManagerSetsTheRemoteTicketRulesAndTheTurnNearThresholdWithVietnameseLabelsAndTheQueueHasThemAtOnce() {
        Browser admin = browser(1920, 1080).open(url("/admin"));
        logInAs(admin, "manager");
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        admin.find("tr[data-centre=hcc-tinh] a[href='#/centres/hcc-tinh']").click();
        admin.waitVisible("#counter-rules input[name=turnNearAhead]");
        // as the centre has them: the defaults
        assertEquals("2", admin.find("#counter-rules input[name=remotePerPhone]").getAttribute("value"));
        assertEquals("5", admin.find("#counter-rules input[name=remoteGraceMinutes]").getAttribute("value"));
        assertEquals("3", admin.find("#counter-rules input[name=turnNearAhead]").getAttribute("value"));
        assertEquals("Số lấy từ xa tối đa cho một số điện thoại", label(admin, "remotePerPhone"));
        assertEquals("Thời gian chờ xác nhận số lấy từ xa (phút)", label(admin, "remoteGraceMinutes"));
        assertEquals("Báo “sắp đến lượt” khi còn bao nhiêu người", label(admin, "turnNearAhead"));
        assertTrue(hint(admin, "remotePerPhone").contains("0: trung tâm không nhận lấy số từ xa"),
                hint(admin, "remotePerPhone"));
        assertTrue(hint(admin, "remoteGraceMinutes").startsWith("Từ 0 đến 60"), hint(admin, "remoteGraceMinutes"));
        assertTrue(hint(admin, "turnNearAhead").startsWith("Từ 1 đến 50"), hint(admin, "turnNearAhead"));
        admin.screenshot("admin-counter-rules-remote-test");

        set(admin, "remotePerPhone", "1");
        set(admin, "remoteGraceMinutes", "10");
        set(admin, "turnNearAhead", "5");
        WebElement before = admin.find("#counter-rules");
        admin.find("#save-counter-rules").click();
        CounterRules rules = admin.waitUntil("the queue's centre has the new rules", d -> {
            CounterRules now = engine(q -> q.definition().rules());
            return now.turnNearAhead() == 5 ? now : null;
        });
        assertEquals(1, rules.remotePerPhone());
        assertEquals(Duration.ofMinutes(10), rules.remoteGrace());
        assertEquals(CounterRules.DEFAULT.recallLimit(), rules.recallLimit(), "the other rules are kept");
        admin.waitUntil("the page drawn again from the saved centre", d -> {
            try {
                before.isDisplayed();
                return null;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            }
        });
        admin.waitVisible("#counter-rules input[name=turnNearAhead]");
        assertEquals("10", admin.find("#counter-rules input[name=remoteGraceMinutes]").getAttribute("value"));

        // out of bounds: refused, said on the form, and nothing changes
        set(admin, "turnNearAhead", "0");
        admin.find("#save-counter-rules").click();
        admin.waitUntil("the refusal shown on the form", d -> {
            WebElement error = admin.find("#counter-rules .form-error");
            return error.isDisplayed() && !error.getText().isBlank() ? true : null;
        });
        assertEquals(5, (int) engine(q -> q.definition().rules().turnNearAhead()), "nothing changed");
    }

    private static String label(Browser admin, String rule) {
        return (String) admin.js("const w = document.querySelector(`#counter-rules [data-field=${arguments[0]}]`);"
                + " return w.querySelector('label span:first-child').textContent.trim()", rule);
    }

    private static String hint(Browser admin, String rule) {
        return (String) admin.js("const w = document.querySelector(`#counter-rules [data-field=${arguments[0]}]`);"
                + " return w.querySelector('.hint').textContent.trim()", rule);
    }

    private static void set(Browser admin, String rule, String value) {
        WebElement input = admin.find("#counter-rules input[name=" + rule + "]");
        input.clear();
        input.sendKeys(value);
    }
}
