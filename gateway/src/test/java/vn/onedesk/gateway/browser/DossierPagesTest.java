package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Dossiers on the pages, in real Chromium: the kiosk asks for the dossier code before a ticket for the results
 * service (typed, or "scanned": a barcode scanner types the code and Enter), and the counter console records the
 * dossiers received at COMPLETE and TRANSFER (Enter adds a code to the list) and shows the earlier visit of the
 * dossier the called citizen brought.
 */
class DossierPagesTest extends BrowserTest {
    private static final String RECEIPT = "000.00.24.H12-241203-0001";

    @Test
    void theKioskAsksForTheDossierCodeBeforeAResultsTicketRefusesATypoAndLetsTheCitizenSkipIt() throws Exception {
        Browser kiosk = browser().open(url("/kiosk"));
        kiosk.waitConnection("online");
        kiosk.waitVisible("button.service[data-service=\"TP\"]");

        kiosk.find("button.service[data-service=\"KQ\"]").click();
        kiosk.waitVisible("#dossier");
        assertEquals("Nhập mã hồ sơ", kiosk.text("#dossier h2"));
        assertTrue(kiosk.find("#dossier-skip").isDisplayed(), "the step is optional");
        assertEquals(true, kiosk.js("return document.activeElement.id === 'dossier-input'"),
                "the field has the focus: a scanner can type into it at once");

        WebElement input = kiosk.find("#dossier-input");
        input.sendKeys("HS 12" + Keys.ENTER);
        kiosk.waitVisible("#dossier .dossier-problem");
        assertTrue(kiosk.text("#dossier .dossier-problem").startsWith("Mã hồ sơ không hợp lệ"));
        assertEquals(0L, gateway.count("SELECT count(*) FROM tickets"), "nothing was asked of the gateway");
        kiosk.screenshot("kiosk-dossier-step-test");

        input.clear();
        input.sendKeys(RECEIPT.toLowerCase() + Keys.ENTER); // typed in lower case: the kiosk sends it in upper case
        String token = slipToken(kiosk);
        String ticket = ticketIdOfToken(token);
        assertEquals(RECEIPT, issuedPayload(ticket).getString("dossier"));
        assertEquals(1L, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1 AND code = $2"
                + " AND kind = 'COLLECTING'", ticket, RECEIPT));

        kiosk.find("#new-ticket").click();
        kiosk.waitVisible("button.service[data-service=\"KQ\"]").click();
        kiosk.waitVisible("#dossier-skip").click();
        String skipped = ticketIdOfToken(otherSlipToken(kiosk, token));
        assertFalse(issuedPayload(skipped).containsKey("dossier"), "skipped: no dossier");

        kiosk.find("#new-ticket").click();
        kiosk.waitVisible("button.service[data-service=\"TP\"]").click();
        slipToken(kiosk);
        assertTrue(!kiosk.find("#dossier").isDisplayed(), "another service takes its number at once");
    }

    @Test
    void theConsoleShowsTheEarlierVisitOfTheCalledCitizensDossierAndRecordsTheDossiersOfCompleteAndTransfer()
            throws Exception {
        // The first visit, days before in real life: an officer at Q01 received the dossier, result by post.
        JsonNode q01open = counterCommand("Q01", "{\"command\":\"OPEN\",\"officer\":\"officer-Q01\",\"pin\":\"1234\"}");
        assertFalse(q01open.has("error"), q01open.toString());
        takeTicket("TP");
        counterCommand("Q01", "{\"command\":\"CALL_NEXT\"}");
        JsonNode completed = counterCommand("Q01", "{\"command\":\"COMPLETE\",\"dossiers\":[\"" + RECEIPT + "\"],"
                + "\"returnByPost\":true}");
        assertFalse(completed.has("error"), completed.toString());

        Browser console = counterConsole("Q24"); // Trả kết quả first
        logInAsOfficer(console, "officer-Q24");
        awaitCounterOpen(console, "Q24", true);
        console.waitText("#officer-name", "Cán bộ: Cán bộ quầy 24 (demo)");
        assertTrue(!console.find("#dossier-entry").isDisplayed(), "no ticket, nothing to record");

        String number = collect(RECEIPT);
        press(console, "CALL_NEXT");
        console.waitText("#current .number", number);
        console.waitVisible("#dossier-history li.visit");
        assertEquals("Hồ sơ của công dân", console.text("#dossier-history h3"));
        assertTrue(console.text("#dossier-history .codes").contains(RECEIPT));
        String visit = console.text("#dossier-history li.visit");
        String day = (String) GatewayHarness.await(gateway.gateway().query(
                "SELECT to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') FROM dossier_visits"
                        + " WHERE kind = 'RECEIVED' AND code = $1", RECEIPT)).iterator().next().getValue(0);
        for (String part : List.of("Tiếp nhận", "Tư pháp – Hộ tịch", day, "Cán bộ quầy 1 (demo)", "quầy 1",
                "Trả kết quả qua bưu điện")) {
            assertTrue(visit.contains(part), "'" + part + "' in: " + visit);
        }
        console.find("#lang-toggle").click();
        console.waitText("#dossier-history h3", "The citizen's dossier");
        assertTrue(console.text("#dossier-history li.visit").contains("Result returned by post"));
        assertEquals("Return the result by post (BCCI)", console.text("#dossier-entry label.by-post span"));
        console.find("#lang-toggle").click();
        console.waitText("#dossier-history h3", "Hồ sơ của công dân");

        // This officer records what they received: a scan (code and Enter), a typo refused, a typed code, BCCI.
        console.waitVisible("#dossier-entry");
        assertEquals("Trả kết quả qua bưu điện (BCCI)", console.text("#dossier-entry label.by-post span"));
        WebElement code = console.find("#dossier-code");
        code.sendKeys("H12-NEW-0001" + Keys.ENTER);
        code.sendKeys("bad" + Keys.ENTER);
        console.waitVisible("#dossier-entry .dossier-problem");
        code.clear();
        code.sendKeys("h12-new-0002" + Keys.ENTER);
        code.sendKeys("H12-NEW-0001" + Keys.ENTER);
        console.waitUntil("a repeated code is refused", d -> console.text("#dossier-entry .dossier-problem")
                .contains("đã có trong danh sách") ? true : null);
        assertEquals(List.of("H12-NEW-0001", "H12-NEW-0002"), codesListed(console));
        assertEquals(number, console.text("#current .number"), "Enter pressed no command button");
        console.find("#dossier-by-post").click();
        assertTrue(console.find("#dossier-entry").isDisplayed() && console.find("#dossier-by-post").isSelected(),
                "ticking BCCI keeps the list and the box as they are");
        console.screenshot("counter-console-dossiers-test");
        press(console, "COMPLETE");
        console.waitUntil("the list is emptied once COMPLETE is accepted",
                d -> codesListed(console).isEmpty() && !console.find("#dossier-entry").isDisplayed() ? true : null);
        assertEquals(List.of("H12-NEW-0001|true|officer-Q24|KQ", "H12-NEW-0002|true|officer-Q24|KQ"),
                received("H12-NEW-%"));

        // TRANSFER carries them too: Q24 also serves TP.
        String tp = takeTicket("TP").path("number").asText();
        press(console, "CALL_NEXT");
        console.waitText("#current .number", tp);
        assertTrue(!console.find("#dossier-history").isDisplayed(), "a ticket without a dossier shows no history");
        console.find("#dossier-code").sendKeys("TP-2025/0042" + Keys.ENTER);
        console.js("const s = document.getElementById('transfer-service'); s.value = 'KD';"
                + " s.dispatchEvent(new Event('change'));");
        press(console, "TRANSFER");
        console.waitUntil("the list is emptied once TRANSFER is accepted", d -> codesListed(console).isEmpty() ? true : null);
        assertEquals(List.of("TP-2025/0042|false|officer-Q24|TP"), received("TP-2025/%"));
    }

    // --- helpers ---

    private static void logInAsOfficer(Browser console, String username) {
        console.waitVisible("form#officer-login");
        console.find("form#officer-login input[name=username]").sendKeys(username);
        console.find("form#officer-login input[name=password]").sendKeys("demo");
        console.find("form#officer-login button[type=submit]").click();
    }

    private static List<String> codesListed(Browser console) {
        List<String> codes = new ArrayList<>();
        for (WebElement item : console.findAll("#dossier-list li .code")) {
            codes.add(item.getText());
        }
        return codes;
    }

    /** code|returnByPost|officer|service of the RECEIVED visits whose code is like the pattern, by code. */
    private List<String> received(String like) {
        List<String> rows = new ArrayList<>();
        for (Row r : GatewayHarness.await(gateway.gateway().query("SELECT code, return_by_post, officer_id, service"
                + " FROM dossier_visits WHERE kind = 'RECEIVED' AND code LIKE $1 ORDER BY code", like))) {
            rows.add(r.getString(0) + "|" + r.getBoolean(1) + "|" + r.getString(2) + "|" + r.getString(3));
        }
        return rows;
    }

    private JsonObject issuedPayload(String ticket) {
        return (JsonObject) GatewayHarness.await(gateway.gateway().query("SELECT payload FROM events WHERE"
                + " type = 'TicketIssued' AND ticket_id = $1", ticket)).iterator().next().getValue(0);
    }

    private static String slipToken(Browser kiosk) {
        return otherSlipToken(kiosk, null);
    }

    private static String otherSlipToken(Browser kiosk, String previous) {
        return kiosk.waitUntil("#ticket[data-ticket-token] with a new token", d -> {
            String shown = kiosk.attribute("#ticket", "data-ticket-token");
            return shown == null || shown.isBlank() || shown.equals(previous) || !kiosk.find("#ticket").isDisplayed()
                    ? null : shown;
        });
    }

    private TestDevice kioskDevice;
    private TestDevice q01;
    private int sent;

    /** A citizen collecting a result takes a ticket at kiosk-2 with the dossier code; returns its number. */
    private String collect(String dossier) throws Exception {
        if (kioskDevice == null) {
            kioskDevice = device("kiosk-2");
            kioskDevice.subscribe(PREFIX + "kiosks/kiosk-2/tickets/response");
        }
        String id = "collect-" + (++sent);
        JsonNode response = kioskDevice.request(PREFIX + "kiosks/kiosk-2/tickets/request",
                PREFIX + "kiosks/kiosk-2/tickets/response", id,
                "{\"requestId\":\"" + id + "\",\"service\":\"KQ\",\"dossier\":\"" + dossier + "\"}");
        assertTrue(response.has("ticket"), response.toString());
        return response.path("ticket").path("number").asText();
    }

    private JsonNode counterCommand(String counter, String fields) throws Exception {
        if (q01 == null) {
            q01 = device("counter-" + counter);
            q01.subscribe(PREFIX + "counters/" + counter + "/replies");
        }
        String id = counter + "-d-" + (++sent);
        return q01.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies", id,
                "{\"requestId\":\"" + id + "\"," + fields.substring(1));
    }
}
