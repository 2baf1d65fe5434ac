package vn.onedesk.gateway.dossiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Dossiers end to end, over Paho and real PostgreSQL with the demo centre (no traffic): an officer records the
 * dossiers received at COMPLETE or TRANSFER, the citizen comes back for the result with the dossier's code at the
 * kiosk, and the counter that calls them reads the dossier's earlier visit. Each test uses its own counters, so the
 * tests share one gateway and one queue without depending on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierVisitsTest {
    private static final String RECEIPT = "000.00.24.H12-241203-0001";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T01:00:00Z"));
    private GatewayHarness gateway;
    private TestDevice kiosk;
    private int requests;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.startDemo(clock);
        kiosk = gateway.device("kiosk-1");
        kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aDossierRecordedAtCompleteIsShownWithItsEarlierVisitWhenTheCitizenComesBackForTheResult() throws Exception {
        TestDevice q01 = terminal("Q01");
        assertOk(command(q01, "Q01", "{\"command\":\"OPEN\",\"officer\":\"officer-Q01\",\"pin\":\"1234\"}"));
        String first = ticket("TP", null);
        JsonNode called = command(q01, "Q01", "{\"command\":\"CALL_NEXT\"}");
        assertEquals(first, called.path("ticket").path("id").asText(), called.toString());
        JsonNode completed = command(q01, "Q01", "{\"command\":\"COMPLETE\",\"dossiers\":[\"" + RECEIPT
                + "\",\"000.00.24.H12-241203-0002\"],\"returnByPost\":true}");
        assertOk(completed);

        JsonObject payload = payload("ServiceCompleted", first);
        assertEquals(List.of(RECEIPT, "000.00.24.H12-241203-0002"), payload.getJsonArray("dossiers").getList());
        assertEquals(true, payload.getBoolean("returnByPost"));
        assertEquals("officer-Q01", payload.getString("officer"));
        assertEquals(2, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1 AND kind = 'RECEIVED'"
                + " AND officer_id = 'officer-Q01' AND operator = 'POSTAL' AND return_by_post AND service = 'TP'",
                first));

        // Days later (the clock only runs forward: the other tests may run before or after) the citizen comes back with the receipt and takes a ticket for Trả kết quả.
        clock.set(Instant.parse("2025-03-10T02:00:00Z"));
        String collecting = ticket("KQ", RECEIPT);
        assertEquals(RECEIPT, payload("TicketIssued", collecting).getString("dossier"));

        TestDevice q14 = terminal("Q14");
        assertOk(command(q14, "Q14", "{\"command\":\"OPEN\",\"officer\":\"officer-Q14\",\"pin\":\"1234\"}"));
        JsonNode call = command(q14, "Q14", "{\"command\":\"CALL_NEXT\"}");
        assertEquals(collecting, call.path("ticket").path("id").asText(), call.toString());

        JsonNode seen = dossiersOf(collecting, Logins.token(gateway, "officer-Q14", Logins.DEMO_PASSWORD));
        assertEquals(List.of(RECEIPT), texts(seen.path("dossiers")));
        assertEquals(1, seen.path("earlierVisits").size(), seen.toString());
        JsonNode earlier = seen.path("earlierVisits").get(0);
        assertEquals(RECEIPT, earlier.path("dossier").asText());
        assertEquals("RECEIVED", earlier.path("kind").asText());
        assertEquals("TP", earlier.path("service").asText());
        assertEquals("Tư pháp – Hộ tịch", earlier.path("serviceName").asText());
        assertEquals("2025-03-03", earlier.path("date").asText(), "the day in the centre's time zone");
        assertEquals("Q01", earlier.path("counter").asText());
        assertEquals("officer-Q01", earlier.path("officer").path("id").asText());
        assertEquals("Cán bộ quầy 1 (demo)", earlier.path("officer").path("name").asText());
        assertTrue(earlier.path("returnByPost").asBoolean(), "the result goes by post (BCCI)");

        // The manager reads it too; nobody logged in does not.
        assertEquals(200, HttpCalls.get(gateway.httpUri(dossiersPath(collecting)), "authorization",
                Logins.bearer(Logins.manager(gateway))).statusCode());
        HttpResponse<String> anonymous = HttpCalls.get(gateway.httpUri(dossiersPath(collecting)));
        assertEquals(401, anonymous.statusCode());
        assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(anonymous));
        assertOk(command(q14, "Q14", "{\"command\":\"COMPLETE\"}"));
        assertOk(command(q14, "Q14", "{\"command\":\"CLOSE\"}"));
        assertOk(command(q01, "Q01", "{\"command\":\"CLOSE\"}"));
    }

    @Test
    void aTicketWithoutADossierHasNoEarlierVisits() throws Exception {
        TestDevice q24 = terminal("Q24");
        assertOk(command(q24, "Q24", "{\"command\":\"OPEN\"}"));
        String plain = ticket("KQ", null);
        JsonNode call = command(q24, "Q24", "{\"command\":\"CALL_NEXT\"}");
        assertEquals(plain, call.path("ticket").path("id").asText());
        assertFalse(payload("TicketIssued", plain).containsKey("dossier"));
        JsonNode seen = dossiersOf(plain, Logins.token(gateway, "officer-Q24", Logins.DEMO_PASSWORD));
        assertEquals(0, seen.path("dossiers").size());
        assertEquals(0, seen.path("earlierVisits").size());
        assertOk(command(q24, "Q24", "{\"command\":\"COMPLETE\"}"));
        assertFalse(payload("ServiceCompleted", plain).containsKey("dossiers"));
        assertFalse(payload("ServiceCompleted", plain).containsKey("returnByPost"));
        assertOk(command(q24, "Q24", "{\"command\":\"CLOSE\"}"));
    }

    @Test
    void aTransferWithDossiersRecordsThemWithTheTransferringOfficerAndTheServiceLeft() throws Exception {
        TestDevice q17 = terminal("Q17");
        assertOk(command(q17, "Q17", "{\"command\":\"OPEN\",\"officer\":\"officer-Q17\",\"pin\":\"1234\"}"));
        String ticket = ticket("BHXH", null);
        assertEquals(ticket, command(q17, "Q17", "{\"command\":\"CALL_NEXT\"}").path("ticket").path("id").asText());
        assertOk(command(q17, "Q17", "{\"command\":\"TRANSFER\",\"service\":\"KQ\",\"dossiers\":"
                + "[\"BHXH-2025/000123\"],\"returnByPost\":false}"));

        JsonObject payload = payload("TicketTransferred", ticket);
        assertEquals(List.of("BHXH-2025/000123"), payload.getJsonArray("dossiers").getList());
        assertEquals(false, payload.getBoolean("returnByPost"));
        assertEquals("BHXH", payload.getString("fromService"));
        List<Row> rows = rows("SELECT officer_id, service, counter_id, operator, return_by_post, kind, number"
                + " FROM dossier_visits WHERE ticket_id = $1", ticket);
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        assertEquals("officer-Q17", row.getString(0));
        assertEquals("BHXH", row.getString(1), "the service the dossier was received in, not the one transferred to");
        assertEquals("Q17", row.getString(2));
        assertEquals("BHXH", row.getString(3));
        assertEquals(false, row.getBoolean(4));
        assertEquals("RECEIVED", row.getString(5));

        // The next counter sees the dossier received in the leg before.
        TestDevice q16 = terminal("Q16");
        assertOk(command(q16, "Q16", "{\"command\":\"OPEN\"}"));
        assertEquals(ticket, command(q16, "Q16", "{\"command\":\"CALL_NEXT\"}").path("ticket").path("id").asText());
        JsonNode seen = dossiersOf(ticket, Logins.token(gateway, "officer-Q16", Logins.DEMO_PASSWORD));
        assertEquals(List.of("BHXH-2025/000123"), texts(seen.path("dossiers")));
        assertEquals("Cán bộ quầy 17 (demo)", seen.path("earlierVisits").get(0).path("officer").path("name").asText());
        assertFalse(seen.path("earlierVisits").get(0).path("returnByPost").asBoolean(true));
        assertOk(command(q16, "Q16", "{\"command\":\"COMPLETE\"}"));
        assertOk(command(q16, "Q16", "{\"command\":\"CLOSE\"}"));
        assertOk(command(q17, "Q17", "{\"command\":\"CLOSE\"}"));
    }

    @Test
    void invalidDossierCodesAreRefusedWithTheFieldNamedAndNothingIsStored() throws Exception {
        TestDevice q02 = terminal("Q02");
        assertOk(command(q02, "Q02", "{\"command\":\"OPEN\"}"));
        String ticket = ticket("TP", null);
        assertEquals(ticket, command(q02, "Q02", "{\"command\":\"CALL_NEXT\"}").path("ticket").path("id").asText());
        long events = gateway.count("SELECT count(*) FROM events");

        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"hs-001-abc\"]}", "'dossiers[0]'");
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"" + RECEIPT + "\",\"NGUYEN VAN A\"]}", "'dossiers[1]'");
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"ABC12\"]}", "'dossiers[0]'");
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"" + "A".repeat(41) + "\"]}", "'dossiers[0]'");
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"-00.00.24\"]}", "'dossiers[0]'");
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[\"" + RECEIPT + "\",\"" + RECEIPT + "\"]}",
                "'dossiers[1]' repeats");
        List<String> eleven = new ArrayList<>();
        for (int i = 10; i < 21; i++) {
            eleven.add("\"HS-2025-0" + i + "\"");
        }
        refused(q02, "{\"command\":\"COMPLETE\",\"dossiers\":[" + String.join(",", eleven) + "]}", "at most 10");
        refused(q02, "{\"command\":\"COMPLETE\",\"returnByPost\":true}", "'returnByPost'");
        refused(q02, "{\"command\":\"RECALL\",\"dossiers\":[\"" + RECEIPT + "\"]}", "'dossiers' goes only with");

        JsonNode kioskRefusal = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                PREFIX + "kiosks/kiosk-1/tickets/response", "bad-dossier",
                "{\"requestId\":\"bad-dossier\",\"service\":\"KQ\",\"dossier\":\"012 345 678 901\"}");
        assertEquals("INVALID_FIELD", kioskRefusal.path("error").path("code").asText(), kioskRefusal.toString());
        assertTrue(kioskRefusal.path("error").path("detail").asText().startsWith("'dossier'"));

        assertEquals(events, gateway.count("SELECT count(*) FROM events"), "nothing refused reaches the events");
        assertEquals(0, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1", ticket));
        assertOk(command(q02, "Q02", "{\"command\":\"COMPLETE\"}"));
        assertOk(command(q02, "Q02", "{\"command\":\"CLOSE\"}"));
    }

    @Test
    void aRetryWithTheSameRequestIdGetsTheSameBytesAndRecordsTheDossiersOnce() throws Exception {
        TestDevice q03 = terminal("Q03");
        assertOk(command(q03, "Q03", "{\"command\":\"OPEN\"}"));
        String ticket = ticket("TP", null);
        assertEquals(ticket, command(q03, "Q03", "{\"command\":\"CALL_NEXT\"}").path("ticket").path("id").asText());
        String complete = "{\"requestId\":\"Q03-complete\",\"command\":\"COMPLETE\",\"dossiers\":[\"H12.5-0001\"],"
                + "\"returnByPost\":true}";
        byte[] first = raw(q03, "Q03", "Q03-complete", complete);
        byte[] again = raw(q03, "Q03", "Q03-complete", complete);
        assertArrayEquals(first, again, "the stored reply, byte for byte");
        JsonNode other = JsonNodeOf(raw(q03, "Q03", "Q03-complete", complete.replace("H12.5-0001", "H12.5-0002")));
        assertEquals("DUPLICATE_REQUEST", other.path("error").path("code").asText(), other.toString());
        assertEquals(1, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1", ticket));
        assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE ticket_id = $1 AND type = 'ServiceCompleted'",
                ticket));

        // And a kiosk's retry gets the same ticket, linked once.
        String request = "{\"requestId\":\"kq-retry\",\"service\":\"KQ\",\"dossier\":\"H12.5-0001\"}";
        kiosk.publish(PREFIX + "kiosks/kiosk-1/tickets/request", request);
        byte[] issued = kiosk.await(r -> r.text().contains("\"kq-retry\""), Duration.ofSeconds(10)).payload();
        kiosk.publish(PREFIX + "kiosks/kiosk-1/tickets/request", request);
        byte[] reissued = kiosk.await(r -> r.text().contains("\"kq-retry\""), Duration.ofSeconds(10)).payload();
        assertArrayEquals(issued, reissued);
        String collecting = JsonNodeOf(issued).path("ticket").path("id").asText();
        assertEquals(1, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1 AND kind = 'COLLECTING'",
                collecting));
        JsonNode otherDossier = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                PREFIX + "kiosks/kiosk-1/tickets/response", "kq-retry",
                "{\"requestId\":\"kq-retry\",\"service\":\"KQ\",\"dossier\":\"H12.5-0009\"}");
        assertEquals("DUPLICATE_REQUEST", otherDossier.path("error").path("code").asText());
        assertOk(command(q03, "Q03", "{\"command\":\"CLOSE\"}"));
        TestDevice q15 = terminal("Q15"); // the queue is left empty for the other tests
        assertOk(command(q15, "Q15", "{\"command\":\"OPEN\"}"));
        assertEquals(collecting, command(q15, "Q15", "{\"command\":\"CALL_NEXT\"}").path("ticket").path("id").asText());
        assertOk(command(q15, "Q15", "{\"command\":\"COMPLETE\"}"));
        assertOk(command(q15, "Q15", "{\"command\":\"CLOSE\"}"));
    }

    // --- helpers ---

    private TestDevice terminal(String counter) throws Exception {
        TestDevice terminal = gateway.device("counter-" + counter);
        terminal.subscribe(PREFIX + "counters/" + counter + "/replies");
        return terminal;
    }

    /** Sends the command (its fields without the requestId) and returns the reply. */
    private JsonNode command(TestDevice terminal, String counter, String fields) throws Exception {
        String requestId = counter + "-" + (++requests);
        return terminal.request(PREFIX + "counters/" + counter + "/commands", PREFIX + "counters/" + counter + "/replies",
                requestId, "{\"requestId\":\"" + requestId + "\"," + fields.substring(1));
    }

    private byte[] raw(TestDevice terminal, String counter, String requestId, String json) throws Exception {
        terminal.publish(PREFIX + "counters/" + counter + "/commands", json);
        return terminal.await(r -> r.topic().equals(PREFIX + "counters/" + counter + "/replies")
                && requestId.equals(r.json().path("requestId").asText(null)), Duration.ofSeconds(10)).payload();
    }

    private void refused(TestDevice terminal, String fields, String detail) throws Exception {
        JsonNode reply = command(terminal, terminal == null ? null : "Q02", fields);
        assertEquals("INVALID_FIELD", reply.path("error").path("code").asText(), reply.toString());
        assertTrue(reply.path("error").path("detail").asText().contains(detail), reply.toString());
    }

    /** Takes a ticket at kiosk-1 and returns its id. */
    private String ticket(String service, String dossier) throws Exception {
        String requestId = "t-" + (++requests);
        JsonNode response = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                PREFIX + "kiosks/kiosk-1/tickets/response", requestId, "{\"requestId\":\"" + requestId
                        + "\",\"service\":\"" + service + "\"" + (dossier == null ? "" : ",\"dossier\":\"" + dossier
                        + "\"") + "}");
        assertTrue(response.has("ticket"), response.toString());
        return response.path("ticket").path("id").asText();
    }

    private JsonNode dossiersOf(String ticket, String token) {
        HttpResponse<String> answer = HttpCalls.get(gateway.httpUri(dossiersPath(ticket)), "authorization",
                Logins.bearer(token));
        assertEquals(200, answer.statusCode(), answer.body());
        return HttpCalls.json(answer);
    }

    private static String dossiersPath(String ticket) {
        return "/api/v1/centres/hcc-tinh/tickets/" + ticket + "/dossiers";
    }

    private JsonObject payload(String type, String ticket) {
        List<Row> found = rows("SELECT payload FROM events WHERE type = $1 AND ticket_id = $2", type, ticket);
        assertEquals(1, found.size(), type + " of " + ticket);
        return (JsonObject) found.get(0).getValue(0);
    }

    private List<Row> rows(String sql, Object... params) {
        List<Row> out = new ArrayList<>();
        GatewayHarness.await(gateway.gateway().query(sql, params)).forEach(out::add);
        return out;
    }

    private static void assertOk(JsonNode reply) {
        assertFalse(reply.has("error"), reply.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode JsonNodeOf(byte[] payload) {
        return vn.onedesk.protocol.JsonCodec.tree(payload);
    }
}
