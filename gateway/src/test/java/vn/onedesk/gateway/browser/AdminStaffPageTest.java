package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.DIALOG;
import static vn.onedesk.gateway.browser.AdminScreens.awaitDialogClosed;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;
import static vn.onedesk.gateway.browser.AdminScreens.openDialog;
import static vn.onedesk.gateway.browser.AdminScreens.submitDialog;
import static vn.onedesk.gateway.browser.AdminScreens.type;

import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.Logins;

/**
 * Staff accounts (cán bộ) on {@code /admin}, which only an administrator manages: an account added there logs in
 * at once with the password given, and an account disabled there is refused at its next login.
 */
class AdminStaffPageTest extends BrowserTest {

    @Test
    void anOfficerAddedOnThePageLogsInWithTheirPasswordAndIsRefusedOnceDisabledThere() {
        Browser admin = browser(1366, 768).open(url("/admin#/staff"));
        logInAs(admin, "admin");
        admin.waitVisible("tr[data-staff=officer-Q24]");

        openDialog(admin, "#add-staff");
        type(admin, "username", "nguyen-van-an");
        type(admin, "fullName", "Nguyễn Văn An");
        type(admin, "operator", "POSTAL");
        // Cán bộ (OFFICER) is ticked for a new account; the centre is the only one there is, ticked too.
        assertTrue(admin.find(DIALOG + " input[name=roles][value=OFFICER]").isSelected());
        assertTrue(admin.find(DIALOG + " input[name=centres][value=hcc-tinh]").isSelected());
        type(admin, "password", "mat-khau-an-2025");
        type(admin, "pin", "4321");
        submitDialog(admin);
        awaitDialogClosed(admin);
        admin.waitVisible("tr[data-staff=nguyen-van-an]");
        String row = admin.text("tr[data-staff=nguyen-van-an]");
        assertTrue(row.contains("Nguyễn Văn An") && row.contains("Bưu điện") && row.contains("Cán bộ")
                && row.contains("hcc-tinh") && row.contains("Đã đặt"), row);
        assertEquals(200, Logins.login(gateway, "nguyen-van-an", "mat-khau-an-2025").statusCode());

        admin.find("tr[data-staff=nguyen-van-an] button[aria-label='Tắt nguyen-van-an']").click();
        admin.waitUntil("the account shown disabled",
                d -> "false".equals(admin.attribute("tr[data-staff=nguyen-van-an]", "data-enabled")) ? true : null);
        assertEquals(401, Logins.login(gateway, "nguyen-van-an", "mat-khau-an-2025").statusCode());
    }
}
