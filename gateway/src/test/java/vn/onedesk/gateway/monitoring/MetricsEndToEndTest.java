package vn.onedesk.gateway.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.monitoring.check.Exposition;

/**
 * A short real flow over MQTT (see {@link ShortFlow}), then one scrape of {@code /metrics}: every
 * series the flow must have produced has exactly the value the flow implies.
 */
class MetricsEndToEndTest {
    private static final String C = "hcc-tinh";
    private static GatewayHarness gateway;
    private static ShortFlow flow;
    private static Exposition scrape;

    @BeforeAll
    static void runTheFlowAndScrape() throws Exception {
        TestClock clock = new TestClock(ShortFlow.START);
        gateway = GatewayHarness.startDemo(clock);
        flow = new ShortFlow(gateway, clock);
        flow.run();
        // Disconnections and hall-1's last will are seen once the gateway notices the closed sockets.
        scrape = Polling.until(() -> Http.scrape(gateway.httpUri("/metrics")),
                s -> value(s, "onedesk_device_offline_total", "cause", "last_will", "centre", C, "kind", "DISPLAY") == 1
                        && value(s, "onedesk_device_offline_total", "cause", "disconnected", "centre", C, "kind", "COUNTER") == 2
                        && value(s, "onedesk_device_offline_total", "cause", "disconnected", "centre", C, "kind", "KIOSK") == 1,
                Duration.ofSeconds(20));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-after-short-flow.txt"),
                Http.get(gateway.httpUri("/metrics")).body());
    }

    @AfterAll
    static void stop() {
        if (flow != null && flow.kiosk2 != null) {
            flow.kiosk2.close();
        }
        gateway.close();
    }

    static double value(Exposition scrape, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return scrape.value(name, wanted).orElseThrow(() -> new AssertionError("no series " + name + wanted
                + " in the scrape; its series of that name: " + scrape.find(name, Map.of())));
    }

    private static double v(String name, String... labels) {
        return value(scrape, name, labels);
    }

    @Test
    void ticketsIssuedAreCountedByServiceChannelAndPriorityGroup() {
        assertEquals(2, v("onedesk_tickets_issued_total", "centre", C, "channel", "WALK_IN", "priority", "NONE", "service", "TP"));
        assertEquals(1, v("onedesk_tickets_issued_total", "centre", C, "channel", "WALK_IN", "priority", "ELDERLY", "service", "BHXH"));
        assertEquals(1, v("onedesk_tickets_issued_total", "centre", C, "channel", "WALK_IN", "priority", "NONE", "service", "BHTN"));
        assertEquals(0, v("onedesk_tickets_issued_total", "centre", C, "channel", "REMOTE", "priority", "NONE", "service", "TP"));
    }

    @Test
    void callsRecallsNoShowsTransfersAndCompletionsAreCountedByServiceAndOperator() {
        assertEquals(2, v("onedesk_ticket_calls_total", "centre", C, "operator", "POSTAL", "service", "TP"));
        assertEquals(1, v("onedesk_ticket_calls_total", "centre", C, "operator", "BHXH", "service", "BHXH"));
        assertEquals(1, v("onedesk_ticket_calls_total", "centre", C, "operator", "BHXH", "service", "BHTN"));
        assertEquals(1, v("onedesk_ticket_recalls_total", "centre", C, "operator", "BHXH", "service", "BHXH"));
        assertEquals(1, v("onedesk_ticket_no_shows_total", "centre", C, "operator", "BHXH", "service", "BHXH"));
        assertEquals(1, v("onedesk_ticket_completions_total", "centre", C, "operator", "POSTAL", "service", "TP"));
        assertEquals(1, v("onedesk_ticket_transfers_total", "centre", C, "service", "BHTN", "to_service", "BHXH"));
    }

    @Test
    void actualWaitsFallInTheirMinuteBucketsAndTheLongOneIsOverTarget() {
        // TP: A001 waited 7 min, A002 45 min (target 20 min)
        assertEquals(2, v("onedesk_ticket_wait_seconds_count", "centre", C, "service", "TP"));
        assertEquals(420 + 2700, v("onedesk_ticket_wait_seconds_sum", "centre", C, "service", "TP"), 1e-6);
        assertEquals(0, v("onedesk_ticket_wait_seconds_bucket", "centre", C, "service", "TP", "le", "300.0"));
        assertEquals(1, v("onedesk_ticket_wait_seconds_bucket", "centre", C, "service", "TP", "le", "600.0"));
        assertEquals(1, v("onedesk_ticket_wait_seconds_bucket", "centre", C, "service", "TP", "le", "1800.0"));
        assertEquals(2, v("onedesk_ticket_wait_seconds_bucket", "centre", C, "service", "TP", "le", "2700.0"),
                "45 min is the 2700 s bucket's upper bound, inclusive");
        assertEquals(1, v("onedesk_ticket_waits_over_target_total", "centre", C, "service", "TP"));
        // BHXH: G001 waited 15 min (target 20); BHTN: H001 1 min (target 15)
        assertEquals(900, v("onedesk_ticket_wait_seconds_sum", "centre", C, "service", "BHXH"), 1e-6);
        assertEquals(0, v("onedesk_ticket_waits_over_target_total", "centre", C, "service", "BHXH"));
        assertEquals(60, v("onedesk_ticket_wait_seconds_sum", "centre", C, "service", "BHTN"), 1e-6);
    }

    @Test
    void thePadsRatingIsCountedByServiceOperatorAndScore() {
        assertEquals(1, v("onedesk_ratings_total", "centre", C, "service", "TP", "operator", "POSTAL", "score", "4"));
    }

    @Test
    void theServiceTimeRunsFromStartToCompletion() {
        assertEquals(1, v("onedesk_ticket_service_seconds_count", "centre", C, "service", "TP"));
        assertEquals(300, v("onedesk_ticket_service_seconds_sum", "centre", C, "service", "TP"), 1e-6);
        assertEquals(1, v("onedesk_ticket_service_seconds_bucket", "centre", C, "service", "TP", "le", "300.0"));
        assertEquals(0, v("onedesk_ticket_service_seconds_bucket", "centre", C, "service", "TP", "le", "180.0"));
    }

    @Test
    void theEstimateErrorIsTheActualWaitMinusTheWaitShownOnTheKioskReply() {
        long a001 = flow.shownSeconds.get("A001");
        long a002 = flow.shownSeconds.get("A002");
        assertEquals(2, v("onedesk_wait_estimate_error_seconds_count", "centre", C, "service", "TP"));
        assertEquals((420 - a001) + (2700 - a002), v("onedesk_wait_estimate_error_seconds_sum", "centre", C, "service", "TP"),
                1e-6, "shown " + flow.shownSeconds);
        assertEquals(900 - flow.shownSeconds.get("G001"),
                v("onedesk_wait_estimate_error_seconds_sum", "centre", C, "service", "BHXH"), 1e-6);
        assertEquals(60 - flow.shownSeconds.get("H001"),
                v("onedesk_wait_estimate_error_seconds_sum", "centre", C, "service", "BHTN"), 1e-6);
        // The transferred H001 waits again, in BHXH: its second line is not judged against its first estimate.
        assertEquals(1, v("onedesk_wait_estimate_error_seconds_count", "centre", C, "service", "BHXH"));
    }

    @Test
    void theLinesAndCountersAreReadAsTheyStandWhenScraped() {
        assertEquals(0, v("onedesk_waiting_tickets", "centre", C, "service", "TP"));
        assertEquals(1, v("onedesk_waiting_tickets", "centre", C, "service", "BHXH"), "H001, transferred");
        assertEquals(28 * 60, v("onedesk_oldest_wait_seconds", "centre", C, "service", "BHXH"), 1e-6,
                "H001 joined BHXH at 09:17; it is 09:45");
        assertEquals(0, v("onedesk_oldest_wait_seconds", "centre", C, "service", "TP"));
        assertEquals(1200, v("onedesk_service_target_wait_seconds", "centre", C, "service", "TP"));
        assertEquals(1, v("onedesk_service_open_counters", "centre", C, "service", "BHXH"));
        assertEquals(0, v("onedesk_service_open_counters", "centre", C, "service", "CA"));
        assertTrue(v("onedesk_estimated_wait_seconds", "centre", C, "service", "BHXH") >= 0);
        // No open counter serves CA (Công an): no estimate holds, and the gauge says so rather than a number.
        assertTrue(Double.isNaN(v("onedesk_estimated_wait_seconds", "centre", C, "service", "CA")),
                "no estimate while no counter serves CA");
        assertEquals(1, v("onedesk_counters_open", "centre", C, "operator", "POSTAL"));
        assertEquals(1, v("onedesk_counters_busy", "centre", C, "operator", "POSTAL"), "Q01 has A002");
        assertEquals(1, v("onedesk_counters_open", "centre", C, "operator", "BHXH"));
        assertEquals(0, v("onedesk_counters_busy", "centre", C, "operator", "BHXH"), "Q17 transferred H001 away");
        assertEquals(0, v("onedesk_counters_open", "centre", C, "operator", "CONG_AN"));
        assertEquals(1, v("onedesk_centre_in_session", "centre", C), "09:45 is in the morning session");
    }

    @Test
    void devicesPresenceHeartbeatsLastWillsAndPrintersAreRecorded() {
        assertEquals(1, v("onedesk_device_connected", "centre", C, "device", "kiosk-2", "kind", "KIOSK"));
        assertEquals(0, v("onedesk_device_connected", "centre", C, "device", "kiosk-1", "kind", "KIOSK"));
        assertEquals(0, v("onedesk_device_connected", "centre", C, "device", "hall-1", "kind", "DISPLAY"));
        assertEquals(0, v("onedesk_device_connected", "centre", C, "device", "counter-Q24", "kind", "COUNTER"),
                "a configured device that never connected is there, at 0");
        assertEquals(1, v("onedesk_device_offline_total", "cause", "last_will", "centre", C, "kind", "DISPLAY"));
        assertEquals(0, v("onedesk_device_offline_total", "cause", "disconnected", "centre", C, "kind", "DISPLAY"));
        assertEquals(1, v("onedesk_device_offline_total", "cause", "disconnected", "centre", C, "kind", "KIOSK"));
        assertEquals(0, v("onedesk_device_offline_total", "cause", "last_will", "centre", C, "kind", "KIOSK"));
        assertEquals(2, v("onedesk_device_heartbeats_total", "centre", C, "kind", "KIOSK"));
        assertEquals(1, v("onedesk_printer_paper_state", "centre", C, "device", "kiosk-1", "kind", "KIOSK", "state", "LOW"));
        assertEquals(0, v("onedesk_printer_paper_state", "centre", C, "device", "kiosk-1", "kind", "KIOSK", "state", "OUT"));
        assertEquals(1, v("onedesk_printer_paper_state", "centre", C, "device", "kiosk-2", "kind", "KIOSK", "state", "OUT"));
        assertEquals(1, v("onedesk_printer_jammed", "centre", C, "device", "kiosk-2", "kind", "KIOSK"));
        assertEquals(0, v("onedesk_printer_jammed", "centre", C, "device", "kiosk-1", "kind", "KIOSK"));
    }

    @Test
    void mqttConnectionsRefusalsAndMessagesAreCountedByKind() {
        assertEquals(2, v("onedesk_mqtt_connections_total", "centre", C, "kind", "KIOSK"));
        assertEquals(2, v("onedesk_mqtt_connections_total", "centre", C, "kind", "COUNTER"));
        assertEquals(1, v("onedesk_mqtt_connections_total", "centre", C, "kind", "DISPLAY"));
        assertEquals(1, v("onedesk_mqtt_connect_refusals_total", "reason", "bad_credentials"));
        assertEquals(5, v("onedesk_mqtt_messages_received_total", "topic_kind", "ticket_request"), "4 tickets, 1 malformed");
        assertEquals(11, v("onedesk_mqtt_messages_received_total", "topic_kind", "counter_commands"));
        assertEquals(2, v("onedesk_mqtt_messages_received_total", "topic_kind", "device_status"));
        assertEquals(1, v("onedesk_mqtt_messages_received_total", "topic_kind", "unknown"));
        assertEquals(1, v("onedesk_mqtt_messages_refused_total", "code", "MALFORMED", "topic_kind", "ticket_request"));
        assertEquals(1, v("onedesk_mqtt_messages_refused_total", "code", "UNKNOWN_TOPIC", "topic_kind", "unknown"));
        assertEquals(5, v("onedesk_mqtt_messages_sent_total", "topic_kind", "ticket_response"));
        assertEquals(11, v("onedesk_mqtt_messages_sent_total", "topic_kind", "counter_replies"));
        assertEquals(1, v("onedesk_mqtt_messages_received_total", "topic_kind", "rating_submit"));
        assertEquals(1, v("onedesk_mqtt_messages_sent_total", "topic_kind", "rating_replies"));
    }

    @Test
    void everyCommitWasTimedAndNoneFailed() {
        // 4 tickets + 11 counter commands + 1 rating, each its own batch here since the flow waits for every reply.
        assertEquals(16, v("onedesk_pg_commit_duration_seconds_count", "centre", C));
        assertTrue(v("onedesk_pg_commit_duration_seconds_sum", "centre", C) > 0);
        for (String reason : new String[] {"stale_version", "database_error", "unavailable"}) {
            assertEquals(0, v("onedesk_pg_commit_failures_total", "centre", C, "reason", reason));
        }
    }

    @Test
    void theGatewayReportsItselfReadyWithEveryCheckUp() {
        assertEquals(1, v("onedesk_ready"));
        for (String check : new String[] {"database", "migrations", "mqtt", "centres"}) {
            assertEquals(1, v("onedesk_health_check_up", "check", check), check);
        }
    }

    @Test
    void vertxInternalsThePostgresPoolAndTheJvmAreInTheSameScrape() {
        assertFalse(scrape.find("vertx_pool_in_use", Map.of("pool_type", "sql", "pool_name", "onedesk")).isEmpty(),
                "the PostgreSQL pool's usage");
        assertFalse(scrape.find("vertx_pool_queue_pending", Map.of("pool_type", "sql")).isEmpty());
        assertFalse(scrape.find("jvm_memory_used_bytes", Map.of("area", "heap")).isEmpty());
        assertFalse(scrape.find("vertx_http_server_active_connections", Map.of()).isEmpty(), "the HTTP server");
        assertFalse(scrape.find("vertx_sql_processing_time_seconds_count", Map.of()).isEmpty(), "PostgreSQL queries");
        assertTrue(scrape.sampleNames().stream().anyMatch(n -> n.startsWith("vertx_net_server_")), "the MQTT listener");
    }

    @Test
    void noLabelCarriesATicketNumberOrATicketId() {
        for (Exposition.Sample s : scrape.samples()) {
            for (String value : s.labels().values()) {
                assertFalse(value.matches("[A-L]\\d{3}"), s + " carries a ticket number");
                assertFalse(value.matches("[0-9a-f]{8}-[0-9a-f]{4}-.*"), s + " carries a ticket id");
            }
        }
    }
}
