package vn.onedesk.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A centre restarted after a purge loads what it needs and serves as before: numbers of today continue (none is
 * issued twice), a retry within the day gets the very reply it got before the purge and the restart, and a ticket of
 * a day long gone but still waiting is still in its queue, with its priority group.
 */
class RestartAfterPurgeTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate LONG_AGO = LocalDate.of(2025, 3, 3);
    static final LocalDate TODAY = LONG_AGO.plusDays(120);
    static final LocalDate RECENT = TODAY.minusDays(10);
    static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    static final String COMMANDS = PREFIX + "counters/Q12/commands";
    static final String REPLIES = PREFIX + "counters/Q12/replies";

    @Test
    void aCentreRestartedAfterAPurgeNumbersOnRepeatsNoNumberAndStillAnswersARetryWithTheSameReply() throws Exception {
        TestClock clock = new TestClock(at(LONG_AGO, "08:00"));
        try (GatewayHarness gateway = GatewayHarness.startDemo(clock)) {
            JsonNode retried;
            try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q12 = gateway.device("counter-Q12")) {
                kiosk.subscribe(RESPONSE);
                q12.subscribe(REPLIES);
                assertEquals("F001", number(issue(kiosk, "old-1", "GT", "NONE")));
                assertEquals("F002", number(issue(kiosk, "old-2", "GT", "ELDERLY")));
                assertEquals("F003", number(issue(kiosk, "old-3", "GT", "PREGNANT")));
                command(q12, "OPEN", "q12-1");
                assertEquals("F002", number(command(q12, "CALL_NEXT", "q12-2")), "a priority group first");
                command(q12, "COMPLETE", "q12-3");

                // Ten days before today, within every retention: a ticket, its events and its request stay.
                clock.set(at(RECENT, "08:00"));
                assertEquals("A001", number(issue(kiosk, "recent-1", "TP", "NONE")));

                // 120 days later F001 and F003 still wait; the morning's first tickets are numbered from 1.
                clock.set(at(TODAY, "08:00"));
                assertEquals("A001", number(issue(kiosk, "today-1", "TP", "NONE")));
                retried = issue(kiosk, "today-2", "TP", "NONE");
                assertEquals("A002", number(retried));
            }

            clock.set(at(TODAY, "09:00"));
            PurgeReport purge = GatewayHarness.await(gateway.gateway().retention().runOnce());
            assertEquals(1, purge.kept().size(), purge.kept().toString());
            assertEquals(2, gateway.count("SELECT count(*) FROM tickets WHERE service_day = $1", LONG_AGO),
                    "the finished F002 is deleted; the waiting F001 and F003 stay");
            assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE request_id LIKE 'old-%'"));
            assertEquals(2, gateway.count("SELECT count(*) FROM requests WHERE request_id LIKE 'today-%'"));
            assertEquals(1, gateway.count("SELECT count(*) FROM requests WHERE request_id = 'recent-1'"),
                    "ten days old: within the 14 days of requests");
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE service_day = $1", RECENT));
            assertEquals(1, gateway.count("SELECT count(*) FROM events WHERE type = 'TicketIssued' AND occurred_at >= $1"
                    + " AND occurred_at < $2", at(RECENT, "00:00").atOffset(ZoneOffset.UTC),
                    at(RECENT.plusDays(1), "00:00").atOffset(ZoneOffset.UTC)));
            assertEquals(2, gateway.count("SELECT count(*) FROM tickets WHERE service_day = $1", TODAY),
                    "today's tickets stay");
            assertEquals(1, gateway.count("SELECT count(*) FROM tickets WHERE priority = 'PREGNANT'"),
                    "a waiting ticket keeps its group, whatever its day");

            gateway.restart();
            clock.set(at(TODAY, "09:05"));
            try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q12 = gateway.device("counter-Q12")) {
                kiosk.subscribe(RESPONSE);
                q12.subscribe(REPLIES);
                assertEquals(retried, issue(kiosk, "today-2", "TP", "NONE"),
                        "the retry gets the reply stored before the purge and the restart: no second ticket");
                assertEquals("A003", number(issue(kiosk, "today-3", "TP", "NONE")), "no number is issued twice");
                JsonNode called = command(q12, "CALL_NEXT", "q12-4");
                assertEquals("F003", number(called), "the waiting PREGNANT ticket of long ago keeps its place");
                assertEquals("PREGNANT", called.path("ticket").path("priority").asText(), called.toString());
            }
            assertEquals(3, gateway.count("SELECT count(*) FROM tickets WHERE centre_id = $1 AND service_day = $2",
                    CENTRE, TODAY));
        }
    }

    private static JsonNode issue(TestDevice kiosk, String requestId, String service, String priority)
            throws Exception {
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId, "{\"requestId\":\"" + requestId
                + "\",\"service\":\"" + service + "\",\"priority\":\"" + priority + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply;
    }

    private static JsonNode command(TestDevice terminal, String command, String requestId) throws Exception {
        JsonNode reply = terminal.request(COMMANDS, REPLIES, requestId, "{\"requestId\":\"" + requestId
                + "\",\"command\":\"" + command + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply;
    }

    private static String number(JsonNode reply) {
        return reply.path("ticket").path("number").asText();
    }

    static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }
}
