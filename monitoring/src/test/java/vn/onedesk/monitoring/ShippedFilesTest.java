package vn.onedesk.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.onedesk.monitoring.check.PromQlNames;

/**
 * The alert rules and the dashboard ask only for metrics the catalogue defines (or Vert.x, the JVM
 * and Prometheus itself provide), every alert is labelled, explained, unit-tested both ways and
 * documented in the README. A real gateway's scrape is compared in the gateway's DashboardMetricsTest.
 */
class ShippedFilesTest {
    private static final Path RULES = Path.of("prometheus", "onedesk-alerts.yml");
    private static final Path RULE_TESTS = Path.of("prometheus", "onedesk-alerts-test.yml");
    private static final Path DASHBOARD = Path.of("grafana", "onedesk-centre.json");
    private static final Path README = Path.of("..", "README.md");
    /** Families that Vert.x, the JVM binders and Prometheus (up) provide, not OneDesk. */
    private static final Pattern EXTERNAL = Pattern.compile("up|vertx_.*|jvm_.*|process_.*|system_.*");

    private static JsonNode rules() throws IOException {
        return new YAMLMapper().readTree(RULES.toFile());
    }

    private static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("groups").forEach(g -> g.path("rules").forEach(alerts::add));
        return alerts;
    }

    private static Set<String> catalogued() {
        Set<String> names = new HashSet<>();
        for (Metric m : Metric.values()) {
            names.addAll(m.sampleNames());
        }
        return names;
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescriptionAndAUniqueName() throws IOException {
        Set<String> names = new HashSet<>();
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertTrue(name.startsWith("OneDesk"), name);
            assertTrue(names.add(name), name + " is defined once");
            assertTrue(Set.of("critical", "warning", "info").contains(alert.path("labels").path("severity").asText()),
                    name + " severity");
            assertFalse(alert.path("annotations").path("summary").asText().isBlank(), name + " summary");
            assertFalse(alert.path("annotations").path("description").asText().isBlank(), name + " description");
        }
        assertTrue(names.containsAll(Set.of("OneDeskWaitFarBeyondTarget", "OneDeskKioskOffline",
                "OneDeskKioskOutOfPaper", "OneDeskNoCounterOpenForWaitingService", "OneDeskGatewayNotReady",
                "OneDeskPostgresCommitsSlow", "OneDeskPostgresCommitsFailing")), names.toString());
    }

    @Test
    void everyAlertAsksOnlyForCataloguedMetrics() throws IOException {
        Set<String> known = catalogued();
        for (JsonNode alert : alerts()) {
            for (String name : PromQlNames.of(alert.path("expr").asText())) {
                assertTrue(known.contains(name) || name.equals("up"), alert.path("alert").asText() + " uses " + name);
            }
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysSilent() throws IOException {
        JsonNode tests = new YAMLMapper().readTree(RULE_TESTS.toFile());
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.path("alertname").asText();
                (check.path("exp_alerts").size() > 0 ? fires : silent).add(name);
            }
        }
        for (JsonNode alert : alerts()) {
            String name = alert.path("alert").asText();
            assertTrue(fires.contains(name), name + " has a case where it fires");
            assertTrue(silent.contains(name), name + " has a case where it stays silent");
        }
    }

    @Test
    void everyAlertIsExplainedInTheReadme() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Operating OneDesk");
        assertTrue(section >= 0, "the README has an Operating OneDesk section");
        String operating = readme.substring(section);
        for (JsonNode alert : alerts()) {
            assertTrue(operating.contains("`" + alert.path("alert").asText() + "`"),
                    alert.path("alert").asText() + " is explained in Operating OneDesk");
        }
    }

    @Test
    void everyMetricFamilyIsInTheReadmesTable() throws IOException {
        String operating = Files.readString(README);
        for (Metric m : Metric.values()) {
            assertTrue(operating.contains("`" + m.prometheusName() + "`"), m.prometheusName() + " is in the README");
        }
    }

    @Test
    void theDashboardHasACentreVariableAndEveryPanelUsesItOrTheGatewayOfTheCentre() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> variables = new HashSet<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertTrue(variables.containsAll(Set.of("datasource", "centre", "instance")), variables.toString());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> {
            String expr = t.path("expr").asText();
            assertTrue(expr.contains("$centre") || expr.contains("$instance"), "scoped to the chosen centre: " + expr);
        }));
    }

    @Test
    void theDashboardAsksOnlyForCataloguedOrVertxAndJvmMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> known = catalogued();
        Set<String> used = new TreeSet<>();
        for (String expr : dashboardExpressions(dashboard)) {
            for (String name : PromQlNames.of(expr)) {
                used.add(name);
                assertTrue(known.contains(name) || EXTERNAL.matcher(name).matches(), "unknown metric " + name + " in " + expr);
            }
        }
        for (String wanted : List.of("onedesk_waiting_tickets", "onedesk_estimated_wait_seconds",
                "onedesk_ticket_wait_seconds_bucket", "onedesk_counters_open", "onedesk_ticket_calls_total",
                "onedesk_wait_estimate_error_seconds_bucket", "onedesk_device_connected", "onedesk_printer_paper_state",
                "onedesk_ready", "onedesk_pg_commit_duration_seconds_bucket")) {
            assertTrue(used.contains(wanted), "the dashboard shows " + wanted);
        }
    }

    /** Every panel target's expression (rows hold none) and every variable's query. */
    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        Matcher m = Pattern.compile("label_values\\((.*), *[a-z_]+\\)").matcher("");
        dashboard.path("templating").path("list").forEach(v -> {
            String query = v.path("query").path("query").asText();
            if (m.reset(query).matches()) {
                exprs.add(m.group(1));
            }
        });
        assertFalse(exprs.isEmpty());
        return exprs;
    }
}
