package vn.onedesk.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.onedesk.gateway.retention.RestartAfterPurgeTest.at;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The dossier visits go with the ticket rows of their day: past {@code ticketDays} the purge deletes them, except
 * those of a ticket still in the queue (a citizen still waiting to collect a result keeps their link), and a
 * recent day's stay. Counted in the purge's report under {@code dossier_visits}.
 */
class DossierVisitsPurgeTest {
    private static final LocalDate LONG_AGO = LocalDate.of(2025, 3, 3);
    private static final LocalDate TODAY = LONG_AGO.plusDays(120);
    private static final LocalDate RECENT = TODAY.minusDays(10);
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String COMMANDS = PREFIX + "counters/Q01/commands";
    private static final String REPLIES = PREFIX + "counters/Q01/replies";

    @Test
    void thePurgeDeletesTheDossierVisitsOfFinishedTicketsPastTicketDaysAndKeepsTheRest() throws Exception {
        TestClock clock = new TestClock(at(LONG_AGO, "08:00"));
        try (GatewayHarness gateway = GatewayHarness.startDemo(clock);
             TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q01 = gateway.device("counter-Q01")) {
            kiosk.subscribe(RESPONSE);
            q01.subscribe(REPLIES);
            issue(kiosk, "old-1", "TP", null);
            command(q01, "old-open", "\"command\":\"OPEN\"");
            command(q01, "old-call", "\"command\":\"CALL_NEXT\"");
            command(q01, "old-done", "\"command\":\"COMPLETE\",\"dossiers\":[\"H12-OLD-0001\",\"H12-OLD-0002\"],"
                    + "\"returnByPost\":true");
            String waiting = issue(kiosk, "old-2", "KQ", "H12-OLD-0003"); // never called: still in the queue

            clock.set(at(RECENT, "08:00"));
            issue(kiosk, "recent-1", "TP", null);
            command(q01, "recent-call", "\"command\":\"CALL_NEXT\"");
            command(q01, "recent-done", "\"command\":\"COMPLETE\",\"dossiers\":[\"H12-NEW-0001\"]");
            assertEquals(4, gateway.count("SELECT count(*) FROM dossier_visits"));

            clock.set(at(TODAY, "09:00"));
            PurgeReport purge = GatewayHarness.await(gateway.gateway().retention().runOnce());
            assertEquals(2L, purge.deleted().get("dossier_visits"), purge.deleted().toString());
            assertEquals(0, gateway.count("SELECT count(*) FROM dossier_visits WHERE code LIKE 'H12-OLD-000_'"
                    + " AND kind = 'RECEIVED'"));
            assertEquals(1, gateway.count("SELECT count(*) FROM dossier_visits WHERE ticket_id = $1", waiting),
                    "the citizen still waiting keeps the link to the dossier they came to collect");
            assertEquals(1, gateway.count("SELECT count(*) FROM dossier_visits WHERE code = 'H12-NEW-0001'"),
                    "ten days old: within the 90 ticket days");

            PurgeReport again = GatewayHarness.await(gateway.gateway().retention().runOnce());
            assertEquals(0L, again.deleted().get("dossier_visits"));
        }
    }

    private static String issue(TestDevice kiosk, String requestId, String service, String dossier) throws Exception {
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId, "{\"requestId\":\"" + requestId
                + "\",\"service\":\"" + service + "\"" + (dossier == null ? "" : ",\"dossier\":\"" + dossier + "\"")
                + "}");
        assertFalse(reply.has("error"), reply.toString());
        return reply.path("ticket").path("id").asText();
    }

    private static void command(TestDevice terminal, String requestId, String fields) throws Exception {
        JsonNode reply = terminal.request(COMMANDS, REPLIES, requestId, "{\"requestId\":\"" + requestId + "\","
                + fields + "}");
        assertFalse(reply.has("error"), reply.toString());
    }
}
