package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.TestClock;

/**
 * What the hall display, the kiosk and the ticket page show when nobody serves a service: "Chưa có quầy mở"
 * with no counter open, "Ngoài giờ làm việc – mở lại lúc 13:30" outside the hours, never an estimate that
 * cannot come true. The demo centre keeps its hours here (07:30–11:30, 13:30–17:00), and the gateway's clock
 * stands at the centre time the test names until the test moves it.
 */
class ServiceStatePagesTest extends BrowserTest {
    private static final String NO_COUNTER = "Chưa có quầy mở";
    private static final String REOPENS_AT_HALF_PAST_ONE = "Ngoài giờ làm việc – mở lại lúc 13:30";

    /** The centre's local time at which the test starts. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface At {
        String value();
    }

    /** The test runs the demo as shipped, issuing tickets at any hour, instead of keeping its opening hours. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface TicketsAtAnyHour {
    }

    private TestClock clock;

    private static java.time.Instant centreTime(String time) {
        return LocalDate.of(2025, 3, 3).atTime(LocalTime.parse(time)).atZone(ZoneId.of(Browser.TIME_ZONE)).toInstant();
    }

    /** Stands at the centre time the test's {@link At} names. */
    @Override
    protected Clock gatewayClock() {
        String time = test.getTestMethod().map(m -> m.getAnnotation(At.class).value()).orElseThrow();
        clock = new TestClock(centreTime(time));
        return clock;
    }

    @Override
    protected boolean keepsOpeningHours() {
        return test.getTestMethod().map(m -> m.getAnnotation(TicketsAtAnyHour.class) == null).orElse(true);
    }

    @Test
    @At("20:00")
    @TicketsAtAnyHour
    void atNightACentreThatStillIssuesTicketsSaysWhenCountersReturnAndTheKioskStillIssues() throws Exception {
        String reopensTomorrow = "Ngoài giờ làm việc – mở lại lúc 07:30";
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        String tp = "button.service[data-service=\"TP\"]";
        kiosk.waitUntil("the TP button says when counters return",
                d -> kiosk.text(tp).contains(reopensTomorrow) ? true : null);
        assertEquals("NO_COUNTER", kiosk.attribute(tp, "data-state"));
        assertTrue(kiosk.find(tp).isEnabled(), "this centre issues tickets at night");
        kiosk.find(tp).click();
        kiosk.waitUntil("the ticket slip", d -> kiosk.find("#ticket").isDisplayed() ? true : null);
        assertEquals(reopensTomorrow, kiosk.text("#ticket .wait"), "the slip says when, instead of an estimate");
        Browser hall = browser().open(url("/display/hall"));
        hall.waitText("#waits tr[data-service=\"TP\"] .estimate", reopensTomorrow);
    }

    @Test
    @At("12:00")
    void inTheLunchBreakTheHallSaysEveryServiceReopensAtHalfPastOneAndTheKioskCannotBeTapped() throws Exception {
        Browser hall = browser().open(url("/display/hall"));
        hall.waitConnection("online");
        hall.waitUntil("every service's wait says the centre reopens at 13:30", d -> {
            List<WebElement> estimates = hall.findAll("#waits tr .estimate");
            return estimates.size() == 10 && estimates.stream().allMatch(e -> e.getText().equals(REOPENS_AT_HALF_PAST_ONE))
                    ? true : null;
        });
        assertFalse(hall.text("#waits").contains("phút"), "no estimate while closed: " + hall.text("#waits"));
        assertEquals("CLOSED", hall.attribute("#waits tr[data-service=\"TP\"]", "data-state"));
        hall.find("#lang-toggle").click();
        hall.waitText("#waits tr[data-service=\"TP\"] .estimate", "Outside opening hours – reopens at 13:30");

        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        String tp = "button.service[data-service=\"TP\"]";
        kiosk.waitUntil("the TP button is marked closed",
                d -> "CLOSED".equals(kiosk.attribute(tp, "data-state")) ? true : null);
        for (WebElement button : kiosk.findAll("button.service")) {
            assertFalse(button.isEnabled(), "a closed service cannot be chosen: " + button.getText());
            assertTrue(button.getText().contains(REOPENS_AT_HALF_PAST_ONE), button.getText());
        }
        kiosk.find(tp).click();
        Thread.sleep(500);
        assertTrue(kiosk.find("#choose").isDisplayed(), "the kiosk stays on the choice of services");
        assertFalse(kiosk.find("#issuing").isDisplayed() || kiosk.find("#problem").isDisplayed());
        assertEquals(0, (int) engine(q -> q.activeTickets().size()), "no ticket was requested");
        kiosk.screenshot("kiosk-closed-test");
        hall.screenshot("hall-closed-test");
    }

    @Test
    @At("09:00")
    void withNoCounterOpenTheKioskTheTicketPageAndTheHallSayNoCounterIsOpenUntilOneOpens() throws Exception {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        String tp = "button.service[data-service=\"TP\"]";
        kiosk.waitUntil("the TP button says no counter is open",
                d -> "NO_COUNTER".equals(kiosk.attribute(tp, "data-state")) ? true : null);
        assertTrue(kiosk.text(tp).contains(NO_COUNTER), kiosk.text(tp));
        assertTrue(kiosk.find(tp).isEnabled(), "tickets are still issued with no counter open");
        kiosk.find(tp).click();
        String token = kiosk.waitUntil("the ticket slip", d -> {
            String shown = kiosk.attribute("#ticket", "data-ticket-token");
            return shown == null || shown.isBlank() || !kiosk.find("#ticket").isDisplayed() ? null : shown;
        });
        assertEquals(NO_COUNTER, kiosk.text("#ticket .wait"), "the slip says so instead of an estimate");
        assertEquals(List.of(0), Texts.integers(kiosk.text("#ticket .position")));
        kiosk.screenshot("kiosk-no-counter-ticket-test");

        Browser phone = browser(412, 915).open(url("/ticket/" + token + "?c=hcc-tinh"));
        phone.waitText("#estimate", NO_COUNTER);
        Browser hall = browser().open(url("/display/hall"));
        hall.waitText("#waits tr[data-service=\"TP\"] .estimate", NO_COUNTER);
        assertEquals(List.of(1), Texts.integers(hall.text("#waits tr[data-service=\"TP\"] .waiting")));

        // A counter that serves TP opens: the pages show an estimate again, live.
        command("Q01", "OPEN");
        phone.waitUntil("the ticket page shows an estimate",
                d -> "OPEN".equals(phone.attribute("#estimate", "data-state")) ? true : null);
        assertFalse(phone.text("#estimate").contains(NO_COUNTER), phone.text("#estimate"));
        hall.waitUntil("the hall shows TP's estimate", d -> "OPEN".equals(
                hall.attribute("#waits tr[data-service=\"TP\"]", "data-state")) ? true : null);
        assertFalse(hall.text("#waits tr[data-service=\"TP\"] .estimate").contains(NO_COUNTER));
        kiosk.find("#new-ticket").click();
        kiosk.waitUntil("the TP button says nothing more", d -> kiosk.find(tp + " .service-state").isDisplayed()
                ? null : true);
    }

    @Test
    @At("11:29:59")
    void atTheEndOfTheMorningSessionTheTicketPageAndTheHallSayTheCentreReopensAtHalfPastOneWithoutAReload()
            throws Exception {
        command("Q01", "OPEN");
        String token = takeTicket("TP").path("token").asText();
        Browser phone = browser(412, 915).open(url("/ticket/" + token + "?c=hcc-tinh"));
        phone.waitUntil("the ticket page shows an estimate",
                d -> "OPEN".equals(phone.attribute("#estimate", "data-state")) ? true : null);
        Browser hall = browser().open(url("/display/hall"));
        hall.waitUntil("the hall shows TP's estimate", d -> "OPEN".equals(
                hall.attribute("#waits tr[data-service=\"TP\"]", "data-state")) ? true : null);
        phone.js("window.notReloaded = true");
        hall.js("window.notReloaded = true");

        clock.set(centreTime("11:30"));
        phone.waitText("#estimate", REOPENS_AT_HALF_PAST_ONE);
        assertEquals(List.of(0), Texts.integers(phone.text("#position")), "its place is still shown");
        hall.waitText("#waits tr[data-service=\"TP\"] .estimate", REOPENS_AT_HALF_PAST_ONE);
        assertEquals(true, phone.js("return window.notReloaded === true"), "updated live, not by a reload");
        assertEquals(true, hall.js("return window.notReloaded === true"), "updated live, not by a reload");
        phone.screenshot("ticket-closed-test");
    }
}
