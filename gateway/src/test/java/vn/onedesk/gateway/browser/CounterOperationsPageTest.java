package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;

/**
 * The counter console's operations beyond the line, driven in real Chromium: "Tạm gác" with a preset reason, the
 * parked ticket listed with its reason and called back with "Gọi lại số đã gác", and "Gọi theo số" with its
 * mandatory reason.
 */
class CounterOperationsPageTest extends BrowserTest {

    @Test
    void theOfficerParksTheCitizenWithAPresetReasonServesTheNextAndCallsTheParkedOneBack() throws Exception {
        JsonNode first = takeTicket("TP");
        JsonNode second = takeTicket("TP");
        String number = first.path("number").asText();
        String id = first.path("id").asText();
        Browser console = counterConsole("Q03");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q03", true);
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        assertFalse(console.find("#console button[data-command=\"PARK\"]").isEnabled(), "no reason yet");
        assertEquals("Không có số nào đang tạm gác", console.text("#parked"));

        console.find("#park-presets .preset").click();
        assertEquals("Đi photo giấy tờ", console.find("#park-reason").getDomProperty("value"));
        press(console, "PARK");

        console.waitUntil("the parked ticket listed with its reason", d -> {
            String row = console.text("#parked li[data-ticket=\"" + number + "\"]");
            return row != null && row.contains("Đi photo giấy tờ") ? true : null;
        });
        assertEquals(TicketState.PARKED, engine(q -> q.ticket(id).orElseThrow().state()));
        assertEquals((String) null, engine(q -> q.counter("Q03").orElseThrow().currentTicket()), "the counter is free");
        assertEquals("", console.find("#park-reason").getDomProperty("value"), "the reason field is emptied");
        assertTrue(console.text("#parked").contains(":"), "since and until when it is held: " + console.text("#parked"));

        // While the counter serves the next citizen, the parked one cannot be called back.
        press(console, "CALL_NEXT");
        console.waitText("#current .number", second.path("number").asText());
        console.waitUntil("Gọi lại số đã gác disabled while serving",
                d -> callBack(console, number).isEnabled() ? null : true);
        press(console, "COMPLETE");

        console.waitUntil("Gọi lại số đã gác enabled, then pressed", d -> {
            WebElement button = callBack(console, number);
            if (!button.isEnabled()) {
                return null;
            }
            assertEquals("Gọi lại số đã gác", button.getText());
            button.click();
            return true;
        });
        console.waitText("#current .number", number);
        assertEquals(TicketState.CALLED, engine(q -> q.ticket(id).orElseThrow().state()));
        console.waitUntil("#reason says it was called back",
                d -> console.text("#reason").contains("Gọi lại số đã tạm gác") ? true : null);
        console.waitUntil("the parked list is empty again",
                d -> console.findAll("#parked li[data-ticket]").isEmpty() ? true : null);
        console.screenshot("counter-console-parked-test");
    }

    @Test
    void theOfficerCallsAWaitingTicketByNumberOnlyWithAReasonWhichTheEventRecords() throws Exception {
        takeTicket("TP");
        takeTicket("TP");
        JsonNode third = takeTicket("TP");
        String number = third.path("number").asText();
        Browser console = counterConsole("Q03");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q03", true);

        console.find("#call-number-ticket").sendKeys(number);
        assertFalse(console.find("#console button[data-command=\"CALL_NUMBER\"]").isEnabled(),
                "a call by number needs a reason");
        console.find("#call-number-reason").sendKeys("Người cao tuổi chờ lâu");
        press(console, "CALL_NUMBER");

        console.waitText("#current .number", number);
        console.waitUntil("#reason shows the call by number and its reason", d -> {
            String reason = console.text("#reason");
            return reason.contains("Gọi theo số") && reason.contains("Người cao tuổi chờ lâu") ? true : null;
        });
        assertEquals(third.path("id").asText(), engine(q -> q.counter("Q03").orElseThrow().currentTicket()));
        JsonObject payload = (JsonObject) GatewayHarness.await(gateway.gateway().query("SELECT payload FROM events"
                + " WHERE type = 'TicketCalled' AND ticket_id = $1", third.path("id").asText())).iterator().next()
                .getValue(0);
        assertEquals("Người cao tuổi chờ lâu", payload.getString("note"));
        assertEquals(Boolean.TRUE, payload.getBoolean("outOfOrder"));
        assertEquals("", console.find("#call-number-ticket").getDomProperty("value"), "the fields are emptied");
    }

    @Test
    void callingByANumberNobodyHasShowsTheErrorCodeAndItsVietnameseMessage() throws Exception {
        Browser console = counterConsole("Q03");
        press(console, "OPEN");
        awaitCounterOpen(console, "Q03", true);
        console.find("#call-number-ticket").sendKeys("A999");
        console.find("#call-number-reason").sendKeys("Lãnh đạo yêu cầu");
        press(console, "CALL_NUMBER");
        console.waitUntil("#error[data-code=UNKNOWN_TICKET]",
                d -> "UNKNOWN_TICKET".equals(console.attribute("#error", "data-code")) ? true : null);
        assertTrue(console.text("#error").contains("Không tìm thấy số thứ tự này"), console.text("#error"));
    }

    private static WebElement callBack(Browser console, String number) {
        return console.find("#parked li[data-ticket=\"" + number + "\"] button.call-parked");
    }
}
