package vn.onedesk.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.monitoring.check.Exposition;

/** What the Micrometer recorder puts in a real Prometheus registry, read back from its scrape. */
class MicrometerMetricsTest {
    private static final String C = "hcc-tinh";
    private PrometheusMeterRegistry registry;
    private MicrometerMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new MicrometerMetrics(registry);
    }

    private Exposition scrape() {
        return Exposition.parse(registry.scrape());
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private void recordOneOfEverything() {
        metrics.centre(new CentreLabels(C, Map.of("TP", Set.of("POSTAL"), "BHXH", Set.of("BHXH")),
                Set.of("POSTAL", "BHXH"), List.of("WALK_IN"), List.of("NONE", "ELDERLY")));
        metrics.ticketIssued(C, "TP", "WALK_IN", "NONE");
        metrics.ticketCalled(C, "TP", "POSTAL", Duration.ofMinutes(7), Duration.ofMinutes(20));
        metrics.ticketRecalled(C, "TP", "POSTAL");
        metrics.ticketNoShow(C, "TP", "POSTAL");
        metrics.ticketTransferred(C, "TP", "BHXH");
        metrics.ticketParked(C, "TP", "POSTAL");
        metrics.parkedTicketCalled(C, "TP", "POSTAL");
        metrics.parkedTicketExpired(C, "TP", "POSTAL");
        metrics.ticketCalledOutOfOrder(C, "TP", "POSTAL");
        metrics.ticketRequeued(C, "TP", "kiosk");
        metrics.recallLimitReached(C, "TP", "POSTAL");
        metrics.serviceCompleted(C, "TP", "POSTAL", Duration.ofMinutes(5));
        metrics.serviceRated(C, "TP", "POSTAL", 5);
        metrics.waitEstimateError(C, "TP", Duration.ofMinutes(-3));
        metrics.serviceQueue(C, "TP", new ServiceQueueState(4, Optional.of(Duration.ofMinutes(12)), Duration.ofMinutes(9),
                Duration.ofMinutes(20), 2));
        metrics.counters(C, "POSTAL", 3, 1);
        metrics.centreInSession(C, true);
        metrics.deviceKnown(C, "KIOSK", "kiosk-1");
        metrics.deviceConnected(C, "KIOSK", "kiosk-1");
        metrics.heartbeat(C, "KIOSK", "kiosk-1");
        metrics.printer(C, "KIOSK", "kiosk-1", "LOW", false);
        metrics.deviceOffline(C, "KIOSK", "kiosk-1", OfflineCause.LAST_WILL);
        metrics.connectRefused(ConnectRefusal.BAD_CREDENTIALS);
        metrics.messageReceived("ticket_request");
        metrics.messageRefused("ticket_request", "MALFORMED");
        metrics.messageSent("calls");
        metrics.commitSucceeded(C, Duration.ofMillis(3));
        metrics.commitFailed(C, CommitFailure.UNAVAILABLE);
        metrics.health(Map.of("database", true, "mqtt", true));
        metrics.loginFailed(LoginFailure.WRONG_PASSWORD);
        metrics.clusterSeen(3, 10);
        metrics.ownershipChanged(true);
        metrics.requestForwarded(true, 2_000_000);
    }

    @Test
    void theScrapeHasExactlyTheCataloguesFamiliesWithTheirTypesAndHelp() {
        recordOneOfEverything();
        Exposition scrape = scrape();
        Set<String> onedesk = scrape.types().keySet().stream().filter(n -> n.startsWith("onedesk_"))
                .collect(Collectors.toCollection(TreeSet::new));
        // A Micrometer timer adds a _max gauge next to its histogram.
        Set<String> expected = new TreeSet<>();
        for (Metric m : Metric.values()) {
            String family = m.prometheusName();
            expected.add(family);
            assertEquals(m.type().prometheus(), scrape.types().get(family), m + " type");
            assertEquals(m.help(), scrape.help().get(family), m + " help");
            if (m.type() == MetricType.HISTOGRAM && m != Metric.WAIT_ESTIMATE_ERROR) {
                expected.add(m.prometheusName() + "_max");
            }
        }
        assertEquals(expected, onedesk);
    }

    @Test
    void everySampleCarriesExactlyTheCataloguesLabels() {
        recordOneOfEverything();
        Exposition scrape = scrape();
        for (Metric m : Metric.values()) {
            List<Exposition.Sample> samples = m.sampleNames().stream()
                    .flatMap(n -> scrape.find(n, Map.of()).stream()).toList();
            assertTrue(!samples.isEmpty(), m + " has samples");
            for (Exposition.Sample s : samples) {
                Set<String> names = new TreeSet<>(s.labels().keySet());
                names.remove("le");
                assertEquals(new TreeSet<>(m.labels()), names, s.name() + " labels");
            }
        }
    }

    @Test
    void histogramBucketsAreTheCataloguesBoundsInSeconds() {
        recordOneOfEverything();
        Exposition scrape = scrape();
        for (Metric m : Arrays.stream(Metric.values()).filter(x -> x.type() == MetricType.HISTOGRAM).toList()) {
            Map<String, String> series = m.labels().contains(Label.SERVICE) ? labels("centre", C, "service", "TP")
                    : m.labels().contains(Label.CENTRE) ? labels("centre", C) : labels();
            List<Double> bounds = scrape.find(m.prometheusName() + "_bucket", series).stream()
                    .map(s -> Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")))
                    .sorted().toList();
            List<Double> expected = new java.util.ArrayList<>(Arrays.stream(m.buckets()).boxed().toList());
            expected.add(Double.POSITIVE_INFINITY);
            assertEquals(expected, bounds, m + " buckets");
        }
    }

    @Test
    void aCallWithinTargetIsNotOverTargetAndOneBeyondIs() {
        metrics.ticketCalled(C, "TP", "POSTAL", Duration.ofMinutes(20), Duration.ofMinutes(20));
        assertEquals(0.0, scrape().value("onedesk_ticket_waits_over_target_total",
                labels("centre", C, "service", "TP")).orElse(0));
        metrics.ticketCalled(C, "TP", "POSTAL", Duration.ofMinutes(21), Duration.ofMinutes(20));
        Exposition scrape = scrape();
        assertEquals(1.0, scrape.value("onedesk_ticket_waits_over_target_total",
                labels("centre", C, "service", "TP")).orElseThrow());
        assertEquals(2.0, scrape.value("onedesk_ticket_calls_total",
                labels("centre", C, "operator", "POSTAL", "service", "TP")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_ticket_wait_seconds_bucket",
                labels("centre", C, "service", "TP", "le", "1200.0")).orElseThrow(), "20 min is within le=1200");
        assertEquals(2.0, scrape.value("onedesk_ticket_wait_seconds_bucket",
                labels("centre", C, "service", "TP", "le", "1800.0")).orElseThrow());
        assertEquals(2460.0, scrape.value("onedesk_ticket_wait_seconds_sum",
                labels("centre", C, "service", "TP")).orElseThrow(), 1e-9);
    }

    @Test
    void aCitizenCalledSoonerThanShownGivesANegativeEstimateError() {
        metrics.waitEstimateError(C, "TP", Duration.ofSeconds(-200));
        metrics.waitEstimateError(C, "TP", Duration.ofSeconds(90));
        Exposition scrape = scrape();
        Map<String, String> tp = labels("centre", C, "service", "TP");
        assertEquals(0.0, bucket(scrape, tp, "-300.0"));
        assertEquals(1.0, bucket(scrape, tp, "-120.0"));
        assertEquals(1.0, bucket(scrape, tp, "60.0"));
        assertEquals(2.0, bucket(scrape, tp, "120.0"));
        assertEquals(-110.0, scrape.value("onedesk_wait_estimate_error_seconds_sum", tp).orElseThrow(), 1e-9);
    }

    private static double bucket(Exposition scrape, Map<String, String> series, String le) {
        Map<String, String> labels = new LinkedHashMap<>(series);
        labels.put("le", le);
        return scrape.value("onedesk_wait_estimate_error_seconds_bucket", labels).orElseThrow();
    }

    @Test
    void thePrinterStateSetHasExactlyOneStateAtOneAndAJamIsItsOwnGauge() {
        metrics.printer(C, "KIOSK", "kiosk-2", "LOW", false);
        metrics.printer(C, "KIOSK", "kiosk-2", "OUT", true);
        Exposition scrape = scrape();
        for (String state : Metric.PAPER_STATES) {
            assertEquals(state.equals("OUT") ? 1.0 : 0.0, scrape.value("onedesk_printer_paper_state",
                    labels("centre", C, "device", "kiosk-2", "kind", "KIOSK", "state", state)).orElseThrow(), state);
        }
        assertEquals(1.0, scrape.value("onedesk_printer_jammed",
                labels("centre", C, "device", "kiosk-2", "kind", "KIOSK")).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> metrics.printer(C, "KIOSK", "kiosk-2", "EMPTY", false));
    }

    @Test
    void aKnownDeviceIsDisconnectedUntilItConnectsAndItsOfflineCausesStartAtZero() {
        metrics.deviceKnown(C, "KIOSK", "kiosk-1");
        Map<String, String> kiosk = labels("centre", C, "device", "kiosk-1", "kind", "KIOSK");
        assertEquals(0.0, scrape().value("onedesk_device_connected", kiosk).orElseThrow());
        assertEquals(0.0, scrape().value("onedesk_device_offline_total",
                labels("cause", "last_will", "centre", C, "kind", "KIOSK")).orElseThrow());
        metrics.deviceConnected(C, "KIOSK", "kiosk-1");
        assertEquals(1.0, scrape().value("onedesk_device_connected", kiosk).orElseThrow());
        metrics.deviceOffline(C, "KIOSK", "kiosk-1", OfflineCause.LAST_WILL);
        Exposition scrape = scrape();
        assertEquals(0.0, scrape.value("onedesk_device_connected", kiosk).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_device_offline_total",
                labels("cause", "last_will", "centre", C, "kind", "KIOSK")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_mqtt_connections_total",
                labels("centre", C, "kind", "KIOSK")).orElseThrow());
    }

    @Test
    void theGatewayIsReadyOnlyWhenEveryCheckIsUp() {
        metrics.health(Map.of("database", true, "migrations", true, "mqtt", true));
        assertEquals(1.0, scrape().value("onedesk_ready", Map.of()).orElseThrow());
        metrics.health(Map.of("database", false, "migrations", true, "mqtt", true));
        Exposition scrape = scrape();
        assertEquals(0.0, scrape.value("onedesk_ready", Map.of()).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_health_check_up", labels("check", "database")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_health_check_up", labels("check", "mqtt")).orElseThrow());
    }

    @Test
    void aConfiguredCentresSeriesExistAtZeroBeforeAnythingHappens() {
        metrics.centre(new CentreLabels(C, Map.of("TP", Set.of("POSTAL")), Set.of("POSTAL"),
                List.of("WALK_IN", "REMOTE"), List.of("NONE")));
        Exposition scrape = scrape();
        assertEquals(0.0, scrape.value("onedesk_tickets_issued_total",
                labels("centre", C, "channel", "REMOTE", "priority", "NONE", "service", "TP")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_pg_commit_failures_total",
                labels("centre", C, "reason", "stale_version")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_ticket_wait_seconds_count",
                labels("centre", C, "service", "TP")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_wait_estimate_error_seconds_count",
                labels("centre", C, "service", "TP")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_mqtt_connect_refusals_total",
                labels("reason", "server_unavailable")).orElseThrow());
    }

    @Test
    void everyLoginFailureReasonStartsAtZeroAndCountsOnlyItsOwnRefusals() {
        for (LoginFailure reason : LoginFailure.values()) {
            assertEquals(0.0, scrape().value("onedesk_login_failures_total", labels("reason", reason.label()))
                    .orElseThrow(), reason + " exists at zero");
        }
        metrics.loginFailed(LoginFailure.THROTTLED);
        metrics.loginFailed(LoginFailure.THROTTLED);
        metrics.loginFailed(LoginFailure.UNKNOWN_USER);
        Exposition scrape = scrape();
        assertEquals(2.0, scrape.value("onedesk_login_failures_total", labels("reason", "throttled")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_login_failures_total", labels("reason", "unknown_user")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_login_failures_total", labels("reason", "wrong_password"))
                .orElseThrow());
    }

    @Test
    void everyDeviceLoginFailureReasonStartsAtZeroAndCountsOnlyItsOwnRefusals() {
        for (DeviceLoginFailure reason : DeviceLoginFailure.values()) {
            assertEquals(0.0, scrape().value("onedesk_device_logins_failed_total", labels("reason", reason.label()))
                    .orElseThrow(), reason + " exists at zero");
        }
        metrics.deviceLoginFailed(DeviceLoginFailure.LOCKED);
        metrics.deviceLoginFailed(DeviceLoginFailure.LOCKED);
        metrics.deviceLoginFailed(DeviceLoginFailure.UNKNOWN_OR_WRONG);
        Exposition scrape = scrape();
        assertEquals(2.0, scrape.value("onedesk_device_logins_failed_total", labels("reason", "locked")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_device_logins_failed_total", labels("reason", "unknown_or_wrong"))
                .orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_device_logins_failed_total", labels("reason", "busy")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_device_logins_failed_total", labels("reason", "disabled"))
                .orElseThrow());
    }

    @Test
    void everyConnectionCapStartsAtZeroAndCountsOnlyItsOwnRefusalsWithTheOpenConnectionsBeside() {
        for (ConnectionListener listener : ConnectionListener.values()) {
            assertEquals(0.0, scrape().value("onedesk_connections_open", labels("listener", listener.label()))
                    .orElseThrow(), listener + " open exists at zero");
            for (ConnectionRefusal reason : ConnectionRefusal.values()) {
                assertEquals(0.0, scrape().value("onedesk_connections_refused_total",
                        labels("listener", listener.label(), "reason", reason.label())).orElseThrow(),
                        listener + "/" + reason + " exists at zero");
            }
        }
        metrics.connectionRefused(ConnectionListener.MQTT, ConnectionRefusal.PER_ADDRESS);
        metrics.connectionRefused(ConnectionListener.MQTT, ConnectionRefusal.PER_ADDRESS);
        metrics.connectionRefused(ConnectionListener.SSE, ConnectionRefusal.TOTAL);
        metrics.connectionsOpen(ConnectionListener.HTTP, 42);
        Exposition scrape = scrape();
        assertEquals(2.0, scrape.value("onedesk_connections_refused_total",
                labels("listener", "mqtt", "reason", "per_address")).orElseThrow());
        assertEquals(1.0, scrape.value("onedesk_connections_refused_total",
                labels("listener", "sse", "reason", "total")).orElseThrow());
        assertEquals(0.0, scrape.value("onedesk_connections_refused_total",
                labels("listener", "http", "reason", "per_address")).orElseThrow());
        assertEquals(42.0, scrape.value("onedesk_connections_open", labels("listener", "http")).orElseThrow());
    }

    @Test
    void aMissingLabelValueIsAProgrammingErrorNotANewSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.messageRefused("ticket_request", null));
        assertTrue(e.getMessage().contains("code"), e.getMessage());
    }
}
