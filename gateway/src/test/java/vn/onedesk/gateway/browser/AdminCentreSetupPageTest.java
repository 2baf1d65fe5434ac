package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.onedesk.gateway.browser.AdminScreens.awaitDialogClosed;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;
import static vn.onedesk.gateway.browser.AdminScreens.openDialog;
import static vn.onedesk.gateway.browser.AdminScreens.submitDialog;
import static vn.onedesk.gateway.browser.AdminScreens.type;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.gateway.support.Browser;

/**
 * A centre's set-up on {@code /admin}: its opening hours (giờ làm việc), checked on the page before they are
 * sent, and its services (lĩnh vực), with what the centre still lacks said as a warning.
 */
class AdminCentreSetupPageTest extends BrowserTest {

    @Test
    void theOpeningHoursAreChangedOnTheCentrePageAndATimeThatIsNotOneIsRefusedBeforeAnythingIsSent() {
        Browser admin = browser(1366, 768).open(url("/admin#/centres/hcc-tinh"));
        logInAs(admin, "admin");
        String afternoonEnd = "#settings .session-row:nth-child(2) input.time:nth-of-type(2)";
        admin.waitVisible(afternoonEnd);
        assertEquals("17:00", admin.find(afternoonEnd).getAttribute("value"));

        // Giờ làm việc: the afternoon ends at 16:30, typed as people write it.
        admin.find(afternoonEnd).clear();
        admin.find(afternoonEnd).sendKeys("16h30");
        admin.find("#save-settings").click();
        admin.waitText("#status", "Đã lưu.");
        List<Session> sessions = engine(q -> q.definition().sessions());
        assertEquals(List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new Session(LocalTime.of(13, 30), LocalTime.of(16, 30))), sessions);
        admin.waitVisible(afternoonEnd);
        assertEquals("16:30", admin.find(afternoonEnd).getAttribute("value"), "the page shows what the gateway holds");

        admin.find(afternoonEnd).clear();
        admin.find(afternoonEnd).sendKeys("25:00");
        admin.find("#save-settings").click();
        admin.waitText("#settings [data-field=sessions] .field-error .error-message",
                "Giờ phải có dạng GG:PP theo 24 giờ, ví dụ 07:30 hoặc 13:30.");
        assertEquals(sessions, engine(q -> q.definition().sessions()), "nothing was sent");
    }

    @Test
    void aServiceThatNoCounterServesIsShownAsAWarningOnTheCentreAndInTheListOfCentres() {
        Browser admin = browser(1366, 768).open(url("/admin#/centres/hcc-tinh"));
        logInAs(admin, "admin");
        admin.waitVisible("#services tr[data-service=TP]");
        assertEquals("Mọi lĩnh vực đều có quầy phục vụ.", admin.text("#view .gaps-none"));

        // Lĩnh vực: Hôn nhân (HN), prefix Z, served by Vietnam Post, which no counter lists yet.
        openDialog(admin, "#add-service");
        type(admin, "code", "HN");
        type(admin, "name", "Hôn nhân – Gia đình");
        type(admin, "prefix", "Z");
        type(admin, "targetWaitMinutes", "15");
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("#services tr[data-service=HN]");
        admin.waitText("#view .gaps .gap", "⚠ Chưa có quầy nào phục vụ lĩnh vực HN");

        admin.find(".admin-nav a[data-route=centres]").click();
        admin.waitVisible("tr[data-centre=hcc-tinh] .gap");
        assertEquals("⚠ Chưa có quầy nào phục vụ lĩnh vực HN", admin.text("tr[data-centre=hcc-tinh] .gap"));
    }
}
