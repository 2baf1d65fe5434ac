package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.browser.AdminScreens.logInAs;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * Every administration view on an office laptop's 1366×768 screen, as a person looks at it: whole, with every
 * Vietnamese letter drawn with its marks, nothing spilling out of its box, in Vietnamese and in English. It also
 * takes the administration's screenshots in docs/screenshots/ (scripts/screenshots.sh).
 */
class AdminLayoutTest extends BrowserTest {
    /** Each view, by its address, and what shows it is filled in. */
    private static final List<String[]> VIEWS = List.of(
            new String[] {"#/centres", "tr[data-centre=hcc-tinh]"},
            new String[] {"#/centres/hcc-tinh", "#devices tr[data-device=kiosk-1]"},
            new String[] {"#/live/hcc-tinh", "#live-counters tr[data-counter=Q01][data-open=true]"},
            new String[] {"#/province", "#province-table tr[data-centre=hcc-tinh]"},
            new String[] {"#/reports", "#report-form"},
            new String[] {"#/staff", "tr[data-staff=officer-Q24]"},
            new String[] {"#/audit", "#audit-table table"});

    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(LocalTime.of(9, 30));
    }

    /** A few citizens waiting and counters at work, so the live and province views have something to show. */
    @BeforeEach
    void busyHall() throws Exception {
        for (String service : List.of("TP", "TP", "TP", "DD", "BHXH", "CA")) {
            takeTicket(service);
        }
        for (String counter : List.of("Q01", "Q02", "Q17")) {
            command(counter, "OPEN");
        }
        command("Q01", "CALL_NEXT");
    }

    @Test
    void everyAdministrationViewFitsA1366x768LaptopInVietnameseAndInEnglish() {
        Browser admin = browser(1366, 768).open(url("/admin"));
        logInAs(admin, "admin");
        for (String language : List.of("vi", "en")) {
            if (language.equals("en")) {
                admin.find("#lang-toggle").click();
                admin.waitText(".admin-nav a[data-route=centres]", "Centres");
            }
            for (String[] view : VIEWS) {
                String where = "/admin" + view[0] + " (" + language + ")";
                admin.js("location.hash = arguments[0]", view[0]);
                admin.waitVisible(view[1]);
                admin.waitForJs(where + " rendered", "return !document.getElementById('view').hasAttribute('aria-busy')");
                Layout.assertNothingOverflows(admin, where, false);
                if (language.equals("vi")) {
                    assertTrue(Layout.assertVietnameseRenders(admin, where) > 0);
                }
            }
        }
    }

    @Test
    void theCentreAndLiveViewsAreCapturedForTheDocumentation() {
        Browser admin = browser(1366, 768).open(url("/admin#/centres/hcc-tinh"));
        logInAs(admin, "admin");
        admin.waitVisible("#counters tr[data-counter=Q24]");
        admin.documentScreenshot("admin-centre");
        admin.js("location.hash = '#/live/hcc-tinh'");
        admin.waitVisible("#live-counters tr[data-counter=Q01][data-open=true]");
        admin.documentScreenshot("admin-live");
    }
}
