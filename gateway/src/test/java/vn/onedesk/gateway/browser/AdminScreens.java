package vn.onedesk.gateway.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vn.onedesk.gateway.support.Browser;

/** Driving {@code /admin} as a person does: the login form, and the dialog in which things are added or edited. */
final class AdminScreens {
    /** The open dialog (a native modal {@code <dialog>}). */
    static final String DIALOG = "dialog.admin-dialog[open]";

    private AdminScreens() {
    }

    /** Types into the login form and sends it. */
    static void logIn(Browser admin, String username, String password) {
        admin.waitVisible("form#login");
        WebElement user = admin.find("#login input[name=username]");
        user.clear();
        user.sendKeys(username);
        WebElement pass = admin.find("#login input[name=password]");
        pass.clear();
        pass.sendKeys(password);
        admin.find("#login button[type=submit]").click();
    }

    /** Logs in and waits until the administration shows who is logged in. */
    static void logInAs(Browser admin, String username) {
        logIn(admin, username, "demo");
        admin.waitVisible("#app");
        admin.waitUntil("'" + username + "' shown as logged in",
                d -> admin.text("#who").contains("(" + username + ")") ? true : null);
        admin.waitConnection("online");
    }

    /** Replaces what the open dialog's field (by its name) holds. */
    static void type(Browser admin, String field, String value) {
        WebElement input = admin.find(DIALOG + " [data-field=" + field + "] input");
        input.clear();
        input.sendKeys(value);
    }

    /** Presses a button and waits for the dialog it opens. */
    static void openDialog(Browser admin, String button) {
        admin.find(button).click();
        admin.waitVisible(DIALOG);
    }

    static void submitDialog(Browser admin) {
        admin.find(DIALOG + " button[type=submit]").click();
    }

    /** Esc, as a keyboard user closes a dialog. */
    static void escape(Browser admin) {
        admin.find(DIALOG + " input").sendKeys(Keys.ESCAPE);
        awaitDialogClosed(admin);
    }

    static void awaitDialogClosed(Browser admin) {
        admin.waitUntil(() -> "the dialog closes (it says: "
                        + admin.js("const d = document.querySelector('" + DIALOG + "'); return d && d.innerText") + ")",
                Browser.WAIT, d -> d.findElements(By.cssSelector(DIALOG)).isEmpty() ? true : null);
    }
}
