package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * Every page in a busy hall, looked at as a person would: Vietnamese first and whole (every letter with
 * its marks, in a font that has them), nothing cut off or spilling out of its box, in Vietnamese and in
 * English. These tests also take the screenshots in docs/screenshots/ (see scripts/screenshots.sh).
 */
class PagesLayoutTest extends BrowserTest {
    private final List<JsonNode> tickets = new ArrayList<>();

    /**
     * Mid-morning at the centre, whenever the suite runs: waits then depend on the queue, as in the
     * screenshots, not on the lunch break or the night (the pages' own clocks still show the real time).
     */
    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(LocalTime.of(9, 30));
    }

    /** Mid-morning: citizens wait for most services, six counters have called someone, two serve already. */
    @BeforeEach
    void busyHall() throws Exception {
        for (String service : List.of("TP", "TP", "TP", "TP", "TP", "TP", "DD", "DD", "DD", "KD", "KD", "XD",
                "LD", "GT", "BHXH", "BHXH", "BHXH", "BHTN", "CA", "CA", "KQ", "KQ")) {
            tickets.add(takeTicket(service));
        }
        for (String counter : List.of("Q01", "Q02", "Q04", "Q07", "Q17", "Q21", "Q14")) {
            command(counter, "OPEN");
        }
        for (String counter : List.of("Q01", "Q02", "Q04", "Q07", "Q17", "Q21")) {
            command(counter, "CALL_NEXT");
        }
        command("Q02", "START");
        command("Q17", "START");
    }

    @Test
    void theHallDisplayFitsAFullHdTvAndA1280x800ScreenInVietnameseAndEnglish() {
        for (int[] size : new int[][] {{1920, 1080}, {1280, 800}}) {
            Browser hall = browser(size[0], size[1]).open(url("/display/hall"));
            hall.waitConnection("online");
            hall.waitUntil("six counters calling or serving on #now",
                    d -> hall.findAll("#now .counter-call").size() == 6 ? true : null);
            hall.waitForJs("#waits filled for every service", "const rows = document.querySelectorAll("
                    + "'#waits tr[data-service]'); return rows.length === 10 && [...rows].every("
                    + "tr => /\\d/.test(tr.querySelector('.waiting').textContent));");
            hall.waitUntil("no announcement on screen", d -> hall.find("#banner").isDisplayed() ? null : true);
            String where = "hall display " + size[0] + "×" + size[1];
            assertPageIsVietnamese(hall, where, "Đang mời", "Vừa gọi", "Tư pháp – Hộ tịch",
                    "Bảo hiểm xã hội – tiếp nhận hồ sơ", "Trả kết quả – Chuyển phát kết quả qua bưu chính");
            Layout.assertNothingOverflows(hall, where, true);
            hall.documentScreenshot("hall-display-" + size[0] + "x" + size[1]);
            assertEnglishFits(hall, where, true);
        }
    }

    @Test
    void theHallDisplaysAnnouncementBannerFitsAndShowsTheCallInVietnamese() throws Exception {
        Browser hall = browser().open(url("/display/hall"));
        hall.waitConnection("online");
        hall.waitUntil("six counters on #now", d -> hall.findAll("#now .counter-call").size() == 6 ? true : null);
        command("Q14", "CALL_NEXT");
        hall.waitUntil("the banner announces seq 7", d -> hall.find("#banner").isDisplayed()
                && "7".equals(hall.attribute("#banner", "data-seq")) ? true : null);
        assertTrue(Layout.visibleText(hall).contains("Mời công dân có số thứ tự"), Layout.visibleText(hall));
        Layout.assertVietnameseRenders(hall, "hall display banner");
        Layout.assertNothingOverflows(hall, "hall display banner", true);
        hall.documentScreenshot("hall-display-announcement");
    }

    @Test
    void theCounterDisplayFitsInVietnameseAndEnglish() {
        Browser display = browser().open(url("/display/counter/Q02"));
        display.waitConnection("online");
        display.waitText("#number", tickets.get(1).path("number").asText());
        display.waitUntil("SERVING", d -> "SERVING".equals(display.attribute("#number", "data-state")) ? true : null);
        assertPageIsVietnamese(display, "counter display", "Quầy số 2", "Đang phục vụ");
        Layout.assertNothingOverflows(display, "counter display", true);
        display.documentScreenshot("counter-display");
        assertEnglishFits(display, "counter display", true);
    }

    @Test
    void theKioskFitsWhileChoosingAServiceAndWhileShowingTheTicket() {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitUntil("ten service buttons", d -> kiosk.findAll("button.service[data-service]").size() == 10 ? true : null);
        assertPageIsVietnamese(kiosk, "kiosk services", "Tư pháp – Hộ tịch", "Đất đai – Tài nguyên và Môi trường",
                "Lao động – Thương binh và Xã hội, Y tế, Giáo dục", "Công an – Cư trú, Căn cước");
        Layout.assertNothingOverflows(kiosk, "kiosk services", true);
        kiosk.documentScreenshot("kiosk-services");

        kiosk.find("button.service[data-service=\"BHXH\"]").click();
        kiosk.waitUntil("#ticket shown", d -> kiosk.find("#ticket").isDisplayed()
                && kiosk.attribute("#ticket", "data-ticket-token") != null ? true : null);
        kiosk.waitForJs("the QR code image loaded", "const i = document.querySelector('#ticket img.qr');"
                + " return i !== null && i.complete && i.naturalWidth > 0;");
        assertPageIsVietnamese(kiosk, "kiosk ticket", "Bảo hiểm xã hội – tiếp nhận hồ sơ");
        Layout.assertNothingOverflows(kiosk, "kiosk ticket", true);
        kiosk.documentScreenshot("kiosk-ticket");
        assertEnglishFits(kiosk, "kiosk ticket", true);
    }

    @Test
    void theCounterConsoleFitsWithItsQueueAndTheReasonForTheCall() {
        Browser console = counterConsole("Q03");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q03", true);
        press(console, "CALL_NEXT");
        console.waitUntil("#current shows the call", d -> console.text("#current .number").matches("A\\d{3}") ? true : null);
        console.waitUntil("#reason filled", d -> console.text("#reason").isBlank() ? null : true);
        String called = engine(q -> q.counter("Q03").orElseThrow().currentTicket());
        console.waitUntil("#queue lists the waiting tickets, no longer the called one", d -> {
            List<String> queued = CounterConsolePageTest.queued(console);
            return queued.size() >= 2 && !queued.contains(called) ? true : null;
        });
        assertPageIsVietnamese(console, "counter console", "Quầy số 3");
        Layout.assertNothingOverflows(console, "counter console", false);
        console.documentScreenshot("counter-console");
        assertEnglishFits(console, "counter console", false);
    }

    @Test
    void theTicketPageFitsAPhoneAndADesktopInVietnameseAndEnglish() {
        JsonNode last = tickets.get(5); // the sixth TP ticket: three are ahead of it
        for (int[] size : new int[][] {{412, 915}, {1920, 1080}}) {
            Browser phone = browser(size[0], size[1]).open(url("/ticket/" + last.path("token").asText() + "?c=hcc-tinh"));
            phone.waitText("#number", last.path("number").asText());
            phone.waitConnection("online");
            String where = "ticket page " + size[0] + "×" + size[1];
            assertPageIsVietnamese(phone, where, "Số thứ tự của bạn", "Tư pháp – Hộ tịch", "Đang chờ");
            Layout.assertNothingOverflows(phone, where, false);
            if (size[0] == 412) {
                phone.documentScreenshot("ticket");
            }
            assertEnglishFits(phone, where, false);
        }
    }

    /** html[lang=vi], the exact Vietnamese strings on screen, and every Vietnamese letter drawn whole. */
    private static void assertPageIsVietnamese(Browser page, String where, String... expected) {
        assertEquals("vi", page.js("return document.documentElement.lang"), where);
        // innerText is what is drawn, so headings in text-transform: uppercase read in capitals.
        String text = Layout.visibleText(page);
        for (String s : expected) {
            assertTrue(text.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)),
                    where + " shows '" + s + "':\n" + text);
        }
        Layout.assertVietnameseRenders(page, where);
    }

    /** #lang-toggle switches to English, which fits too, and back. */
    private static void assertEnglishFits(Browser page, String where, boolean mustFitHeight) {
        String vietnamese = Layout.visibleText(page);
        page.find("#lang-toggle").click();
        page.waitUntil("html[lang=en]", d -> "en".equals(page.js("return document.documentElement.lang")) ? true : null);
        assertNotEquals(vietnamese, Layout.visibleText(page), where + ": the English text differs");
        Layout.assertNothingOverflows(page, where + " in English", mustFitHeight);
        page.screenshot(where.replaceAll("[^A-Za-z0-9]+", "-") + "-en");
        page.find("#lang-toggle").click();
        page.waitUntil("html[lang=vi]", d -> "vi".equals(page.js("return document.documentElement.lang")) ? true : null);
    }
}
