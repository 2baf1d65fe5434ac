package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.logIn;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * Who sees what at {@code /admin}: nobody sees anything before logging in, and nothing stays on the screen after
 * logging out; a centre's manager administers their centre but not the staff; an officer is told that their
 * account does not administer.
 */
class AdminLoginPageTest extends BrowserTest {
    private static final List<String> DEMO_DATA = List.of("hcc-tinh", "Trung tâm Phục vụ", "Q01", "officer-Q01", "kiosk-1");

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
        assertShowsNoData(admin);
        @SuppressWarnings("unchecked")
        List<String> asked = (List<String>) admin.js(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(asked.stream().anyMatch(u -> u.endsWith("/api/v1/auth/me")), asked.toString());
        assertTrue(asked.stream().noneMatch(u -> u.contains("/api/v1/admin")),
                "nothing is asked of the administration API before a login: " + asked);
        admin.screenshot("admin-login");
    }

    @Test
    void aWrongPasswordIsRefusedOnTheFormInVietnameseAndNothingIsShown() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logIn(admin, "admin", "not-the-password");
        admin.waitVisible("#login-error");
        admin.waitText("#login-error .error-message", "Sai tên đăng nhập hoặc mật khẩu.");
        assertEquals("true", admin.attribute("#login input[name=password]", "aria-invalid"));
        assertEquals("password", admin.js("return document.activeElement.name"));
        assertFalse(admin.find("#app").isDisplayed());
        assertEquals("", admin.text("#view"));
    }

    @Test
    void afterLoggingOutOnlyTheLoginFormIsLeftAndAReloadAsksForTheLoginAgain() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logInAs(admin, "admin");
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        assertTrue(admin.find(".admin-nav a[data-route=staff]").isDisplayed(), "an administrator manages the staff");

        admin.find("#logout").click();
        admin.waitVisible("form#login");
        admin.waitText("#login-note", "Đã đăng xuất.");
        assertFalse(admin.find("#app").isDisplayed());
        assertEquals("", admin.text("#view"));
        assertEquals("", admin.text("#who"));
        assertShowsNoData(admin);

        admin.open(url("/admin#/centres/hcc-tinh"));
        admin.waitVisible("form#login");
        admin.waitConnection("signedOut");
        assertShowsNoData(admin);
    }

    @Test
    void aCentreManagerAdministersTheirCentreButNeitherTheStaffNorWhichCentresExist() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logInAs(admin, "manager");
        admin.waitVisible("tr[data-centre=hcc-tinh]");
        assertTrue(admin.text("#who").contains("Lãnh đạo trung tâm (hcc-tinh)"), admin.text("#who"));
        assertFalse(admin.find(".admin-nav a[data-route=staff]").isDisplayed(), "staff are an administrator's");
        assertTrue(admin.findAll("#add-centre").isEmpty(), "only an administrator creates centres");
        assertTrue(admin.findAll("tr[data-centre=hcc-tinh] button.danger").isEmpty(), "nor removes them");

        admin.find("tr[data-centre=hcc-tinh] a[href='#/centres/hcc-tinh']").click();
        admin.waitVisible("#counters tr[data-counter=Q01]");
        assertTrue(admin.find("#add-counter").isDisplayed(), "a manager changes their centre's counters");
    }

    @Test
    void anOfficerIsToldThatTheirAccountDoesNotAdministerAndSeesNoData() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logIn(admin, "officer-Q01", "demo");
        admin.waitVisible("#no-rights");
        assertEquals("Tài khoản này không có quyền quản trị. Vui lòng đăng nhập bằng tài khoản Quản trị viên hoặc "
                + "Lãnh đạo trung tâm.", admin.text("#no-rights"));
        assertFalse(admin.find(".admin-nav").isDisplayed());
        assertShowsNoData(admin, "#admin-main");
        assertTrue(admin.find("#logout").isDisplayed(), "they can log out to let someone else log in");
    }

    private static void assertShowsNoData(Browser admin) {
        assertShowsNoData(admin, "body");
    }

    private static void assertShowsNoData(Browser admin, String where) {
        String page = (String) admin.js("return document.querySelector(arguments[0]).innerText", where);
        for (String data : DEMO_DATA) {
            assertFalse(page.contains(data), "the page shows '" + data + "':\n" + page);
        }
    }
}
