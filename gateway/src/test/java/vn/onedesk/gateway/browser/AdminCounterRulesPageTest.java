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

    private static void set(Browser admin, String rule, String value) {
        WebElement input = admin.find("#counter-rules input[name=" + rule + "]");
        input.clear();
        input.sendKeys(value);
    }
}
