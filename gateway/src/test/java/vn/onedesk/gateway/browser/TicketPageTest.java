package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.SseClient;

/** The page a citizen opens from the QR code on the ticket, to follow the line from a phone. */
class TicketPageTest extends BrowserTest {
    private static final String STREAM_ROUTE = "/api/v1/centres/:centre/tickets/by-token/:token/stream";
    private static final String TICKET_ROUTE = "/api/v1/centres/:centre/tickets/by-token/:token";

    @Test
    void theTicketPageShowsThePlaceInLineAndUpdatesLiveWhenATicketAheadIsCalled() throws Exception {
        JsonNode first = takeTicket("TP");
        JsonNode mine = takeTicket("TP");
        String id = mine.path("id").asText();

        // The QR code's link: the ticket's token, which only the kiosk's response carried.
        Browser phone = browser(412, 915).open(url("/ticket/" + mine.path("token").asText() + "?c=hcc-tinh"));
        phone.waitText("#number", mine.path("number").asText());
        phone.waitUntil("#position shows one ticket ahead",
                d -> List.of(1).equals(Texts.integers(phone.text("#position"))) ? true : null);
        phone.waitUntil("#estimate filled", d -> {
            String e = phone.text("#estimate");
            return e == null || e.isBlank() ? null : e;
        });
        assertEquals("WAITING", phone.attribute("#state", "data-state"));
        String waitingState = phone.text("#state");
        assertFalse(waitingState.isBlank());
        phone.screenshot("ticket-waiting-test");

        // The ticket ahead is called at Q01: the page learns it from its SSE stream, without a reload.
        phone.js("window.notReloaded = true");
        command("Q01", "OPEN");
        assertEquals(first.path("number").asText(),
                command("Q01", "CALL_NEXT").path("ticket").path("number").asText());
        phone.waitUntil(() -> "#position shows nobody ahead (it shows '" + phone.text("#position") + "')",
                Browser.WAIT, d -> {
                    List<Integer> n = Texts.integers(phone.text("#position"));
                    return n.isEmpty() || n.equals(List.of(0)) ? true : null;
                });
        assertEquals(Integer.valueOf(0), engine(q -> q.ahead(id)));
        assertEquals(true, phone.js("return window.notReloaded === true"), "updated live, not by a reload");

        // Now this ticket is called at Q02: the page says so, in words that differ from waiting.
        command("Q02", "OPEN");
        command("Q02", "CALL_NEXT");
        phone.waitUntil(() -> "#state CALLED once the ticket is called (it reads '" + phone.text("#state") + "')",
                Browser.WAIT, d -> "CALLED".equals(phone.attribute("#state", "data-state")) ? true : null);
        assertNotEquals(waitingState, phone.text("#state"));
        phone.screenshot("ticket-called-test");
    }

    @Test
    void aFinishedTicketsPageShowsItsLastStateSaysItNoLongerUpdatesAndAsksTheServerNothingMore() throws Exception {
        JsonNode done = takeTicket("TP");
        JsonNode missed = takeTicket("TP");
        command("Q01", "OPEN");
        command("Q01", "CALL_NEXT");
        command("Q01", "START");
        command("Q01", "COMPLETE");

        // A page opened after the end: the ticket was served.
        Browser phone = browser(412, 915).open(url("/ticket/" + done.path("token").asText() + "?c=hcc-tinh"));
        phone.waitText("#number", done.path("number").asText());
        assertFinished(phone, "DONE", "Đã hoàn thành");

        // A page open while it ends: the citizen is called and does not come.
        phone.driver().switchTo().newWindow(WindowType.TAB);
        phone.open(url("/ticket/" + missed.path("token").asText() + "?c=hcc-tinh"));
        phone.waitText("#number", missed.path("number").asText());
        phone.waitConnection("online");
        command("Q01", "CALL_NEXT");
        phone.waitUntil("#state CALLED", d -> "CALLED".equals(phone.attribute("#state", "data-state")) ? true : null);
        command("Q01", "NO_SHOW");
        assertFinished(phone, "NO_SHOW", "Đã qua lượt (vắng mặt)");
        phone.screenshot("ticket-finished-test");

        // Counted by the gateway itself: the pages did ask (a lookup each, and the live page's stream), so
        // the silence below is not pages that never listened; then not one request, over more than three
        // of the stream's 2-second reconnection delays and longer than the page's own 5-second retry.
        phone.waitUntil("the gateway has answered the stream and both lookups",
                d -> served(STREAM_ROUTE) >= 1 && served(TICKET_ROUTE) >= 2 ? true : null);
        Thread.sleep(500);
        long before = received();
        Thread.sleep(7_000);
        assertEquals(before, received(), "no HTTP request at all from the pages of finished tickets");
        for (String window : phone.driver().getWindowHandles()) {
            phone.driver().switchTo().window(window);
            assertEquals("ended", phone.attribute("#connection", "data-state"), phone.driver().getCurrentUrl());
        }
    }

    @Test
    void aTicketPageOpenedWithTheTicketsInternalIdInsteadOfItsTokenFindsNoTicket() throws Exception {
        JsonNode ticket = takeTicket("TP");
        Browser phone = browser(412, 915).open(url("/ticket/" + ticket.path("id").asText() + "?c=hcc-tinh"));
        phone.waitUntil("#error[data-code=UNKNOWN_TICKET]",
                d -> "UNKNOWN_TICKET".equals(phone.attribute("#error", "data-code")) ? true : null);
        assertTrue(phone.text("#error").contains("Không tìm thấy số thứ tự này."), phone.text("#error"));
        assertNotEquals(ticket.path("number").asText(), phone.text("#number"), "the ticket is not shown");
    }

    /** The last state in words, the page saying it no longer updates, and no "connecting" in sight. */
    private static void assertFinished(Browser phone, String state, String words) {
        phone.waitUntil(() -> "#state " + state + " (it is " + phone.attribute("#state", "data-state") + ")",
                Browser.WAIT, d -> state.equals(phone.attribute("#state", "data-state")) ? true : null);
        assertEquals(words, phone.text("#state"));
        phone.waitText("#live-hint", "Số thứ tự đã kết thúc – trang không còn cập nhật.");
        phone.waitConnection("ended");
        assertEquals("Đã dừng cập nhật", phone.text("#connection"));
    }

    /** How many requests the gateway has answered on a route, from its own metrics. */
    private long served(String route) {
        return sum(metrics(), "vertx_http_server_requests_total{", route);
    }

    /**
     * Every HTTP request the gateway has received, whatever its route and however it ended (a stream that
     * the client closes first ends as a reset, which the per-route count misses), less this test's own
     * reads of /metrics (the one being answered counts as received, not yet as answered, each time alike).
     */
    private long received() {
        String metrics = metrics();
        return sum(metrics, "vertx_http_server_request_bytes_count{", null)
                - sum(metrics, "vertx_http_server_requests_total{", "/metrics");
    }

    private String metrics() {
        try {
            return SseClient.get(url("/metrics")).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /metrics", e);
        }
    }

    /** The sum of a metric's series, of one route's only unless route is null. */
    private static long sum(String metrics, String series, String route) {
        return metrics.lines()
                .filter(line -> line.startsWith(series) && (route == null || line.contains("route=\"" + route + "\"")))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
