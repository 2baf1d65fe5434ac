package vn.onedesk.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.CENTRE;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.RetentionSettings;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A large old day (10,000 tickets, 40,000 events) purged with the default batch size while a kiosk keeps taking
 * tickets: every ticket is issued, the day's report reads the same from its summary, and no statement touches more
 * than a batch. It prints how long the purge, its slowest statement and the kiosk's requests took (the figures in
 * docs/security.md); it asserts no time.
 */
class PurgeUnderLoadTest {
    static final LocalDate OLD = LocalDate.of(2025, 3, 3);
    static final LocalDate TODAY = OLD.plusDays(100);
    static final int TICKETS = 10_000;
    static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    @Test
    void aDayOfTenThousandTicketsIsPurgedInBatchesWhileAKioskIsServedAndItsReportReadsTheSame() throws Exception {
        TestClock clock = new TestClock(RestartAfterPurgeTest.at(TODAY, "08:00"));
        try (GatewayHarness gateway = GatewayHarness.startDemo(clock)) {
            // Written straight into the event log, as a day of a busy centre would have left it.
            GatewayHarness.await(gateway.gateway().query("INSERT INTO events (centre_id, version, type, ticket_id,"
                    + " counter_id, payload, occurred_at) SELECT $1, 1000000000 + i * 4 + k, t.type, 'syn-' || i,"
                    + " CASE WHEN k = 0 THEN NULL ELSE 'Q01' END,"
                    + " CASE k WHEN 0 THEN jsonb_build_object('number', 'A' || i, 'service', 'TP', 'serviceDay',"
                    + " '2025-03-03', 'sequence', i, 'ordinal', 1000000 + i, 'priority',"
                    + " CASE WHEN i % 10 = 0 THEN 'ELDERLY' ELSE 'NONE' END, 'channel', 'WALK_IN')"
                    + " WHEN 1 THEN jsonb_build_object('callSeq', 1000000 + i, 'recall', false, 'reason', 'test')"
                    + " ELSE '{}'::jsonb END,"
                    + " timestamptz '2025-03-03 08:00+07' + make_interval(secs => i + k * 60)"
                    + " FROM generate_series(1, " + TICKETS + ") i, (VALUES (0, 'TicketIssued'), (1, 'TicketCalled'),"
                    + " (2, 'ServiceStarted'), (3, 'ServiceCompleted')) t(k, type)", CENTRE));
            // As autovacuum would after such a day: without statistics the planner cannot know the day's size.
            GatewayHarness.await(gateway.gateway().query("ANALYZE events"));
            String report = "/api/v1/centres/" + CENTRE + "/reports/daily?date=" + OLD;
            String before = get(gateway, report);
            assertEquals(TICKETS, HttpCalls.json(ok(gateway, report)).path("totals").path("issued").asInt());

            List<Long> during = new ArrayList<>();
            Future<PurgeReport> purge;
            int issued = 0;
            try (TestDevice kiosk = gateway.device("kiosk-1")) {
                kiosk.subscribe(RESPONSE);
                List<Long> quiet = new ArrayList<>();
                for (int i = 0; i < 50; i++) { // the same requests without a purge, after the kiosk's first ones
                    long t0 = System.nanoTime();
                    String id = "quiet-" + (++issued);
                    assertFalse(kiosk.request(REQUEST, RESPONSE, id, "{\"requestId\":\"" + id
                            + "\",\"service\":\"TP\"}").has("error"));
                    quiet.add(System.nanoTime() - t0);
                }
                Collections.sort(quiet);
                long started = System.nanoTime();
                purge = gateway.gateway().retention().runOnce();
                while (!purge.isComplete()) {
                    long t0 = System.nanoTime();
                    String id = "load-" + (++issued);
                    JsonNode reply = kiosk.request(REQUEST, RESPONSE, id, "{\"requestId\":\"" + id
                            + "\",\"service\":\"TP\"}");
                    during.add(System.nanoTime() - t0);
                    assertFalse(reply.has("error"), reply.toString());
                }
                PurgeReport done = GatewayHarness.await(purge);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                Collections.sort(during);
                System.out.printf("purge of %d events: %d ms (slowest statement %d ms, largest batch %d rows);"
                                + " %d tickets issued meanwhile, kiosk round trip median %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms%n", done.deleted().get("events"), tookMs,
                        done.slowestStatement().toMillis(), done.largestBatch("events"), during.size(),
                        during.get(during.size() / 2) / 1e6, during.get((int) (during.size() * 0.99)) / 1e6,
                        during.get(during.size() - 1) / 1e6);
                System.out.printf("without a purge: kiosk round trip median %.1f ms, max %.1f ms over %d tickets%n",
                        quiet.get(quiet.size() / 2) / 1e6, quiet.get(quiet.size() - 1) / 1e6, quiet.size());
                assertEquals(4L * TICKETS, done.deleted().get("events"));
                assertTrue(done.largestBatch("events") <= RetentionSettings.DEFAULT.batchSize());
                assertEquals(1, done.summarised());
            }
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE ticket_id LIKE 'syn-%'"));
            assertEquals(before, get(gateway, report), "the day's report reads the same from its summary");
            assertEquals(issued, gateway.count("SELECT count(*) FROM tickets WHERE service_day = $1", TODAY),
                    "every ticket asked for during the purge was issued");
        }
    }

    private static String get(GatewayHarness gateway, String path) {
        return ok(gateway, path).body();
    }

    private static HttpResponse<String> ok(GatewayHarness gateway, String path) {
        HttpResponse<String> r = HttpCalls.get(gateway.httpUri(path), "Authorization",
                Logins.bearer(Logins.manager(gateway)));
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }
}
