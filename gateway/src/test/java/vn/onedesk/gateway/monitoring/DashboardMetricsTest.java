package vn.onedesk.gateway.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.monitoring.Metric;
import vn.onedesk.monitoring.check.Exposition;
import vn.onedesk.monitoring.check.PromQlNames;

/**
 * The shipped dashboard and alert rules ask only for series a real gateway exposes: every metric
 * name in their expressions is in a real scrape of {@code /metrics} taken after a short flow.
 */
class DashboardMetricsTest {
    private static GatewayHarness gateway;
    private static ShortFlow flow;
    private static Exposition scrape;

    @BeforeAll
    static void scrapeAfterAShortFlow() throws Exception {
        TestClock clock = new TestClock(ShortFlow.START);
        gateway = GatewayHarness.startDemo(clock);
        flow = new ShortFlow(gateway, clock);
        flow.run();
        scrape = Http.scrape(gateway.httpUri("/metrics"));
    }

    @AfterAll
    static void stop() {
        if (flow != null && flow.kiosk2 != null) {
            flow.kiosk2.close();
        }
        gateway.close();
    }

    @Test
    void everyMetricTheDashboardShowsIsInARealScrape() {
        Map<String, Set<String>> missing = missing(ShippedFiles.dashboardExpressions());
        assertEquals(Map.of(), missing, "dashboard panels asking for series the gateway does not expose");
    }

    @Test
    void everyMetricTheAlertRulesWatchIsInARealScrape() {
        Map<String, Set<String>> missing = missing(ShippedFiles.alertExpressions());
        assertEquals(Map.of(), missing, "alerts watching series the gateway does not expose");
    }

    @Test
    void theScrapeExposesTheWholeCatalogueAndNoOnedeskFamilyOutsideIt() {
        Set<String> names = scrape.sampleNames();
        for (Metric m : Metric.values()) {
            assertTrue(names.containsAll(m.sampleNames()), m.prometheusName() + " is exposed");
        }
        Set<String> catalogued = new TreeSet<>();
        for (Metric m : Metric.values()) {
            catalogued.addAll(m.sampleNames());
        }
        Set<String> extra = names.stream().filter(n -> n.startsWith("onedesk_"))
                .filter(n -> !catalogued.contains(n))
                // Micrometer's timers add a _max gauge beside each histogram.
                .filter(n -> !(n.endsWith("_seconds_max") && catalogued.contains(n.replace("_max", "_count"))))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), extra, "onedesk_ series outside the catalogue");
    }

    private static Map<String, Set<String>> missing(Map<String, String> expressions) {
        Set<String> exposed = scrape.sampleNames();
        Map<String, Set<String>> missing = new TreeMap<>();
        expressions.forEach((where, expr) -> {
            Set<String> names = PromQlNames.of(expr);
            assertTrue(!names.isEmpty(), where + " asks for some metric: " + expr);
            // up is made by Prometheus itself for every scrape target, never exposed by one.
            names.removeIf(n -> n.equals("up") || exposed.contains(n));
            if (!names.isEmpty()) {
                missing.put(where, names);
            }
        });
        return missing;
    }
}
