package vn.onedesk.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped alert rules, their unit tests and the example Prometheus configuration, as promtool sees them. */
class PromtoolTest {
    private static final Path RULES_DIR = Path.of("prometheus").toAbsolutePath();

    @Test
    void theAlertRulesAreValid() throws Exception {
        Promtool.Result result = Promtool.run(RULES_DIR, "check", "rules", "onedesk-alerts.yml");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: 14 rules found"), result.output());
    }

    @Test
    void theAlertRulesPassTheirUnitTestsWithCasesThatFireAndCasesThatStaySilent() throws Exception {
        Promtool.Result result = Promtool.run(RULES_DIR, "test", "rules", "onedesk-alerts-test.yml");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void theExamplePrometheusConfigurationIsValidAndLoadsTheRules() throws Exception {
        Promtool.Result result = Promtool.run(RULES_DIR, "check", "config", "prometheus.yml");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 rule files found"), result.output());
    }

    @Test
    void promtoolReallyEvaluatesTheRules(@TempDir Path dir) throws Exception {
        // The same rules with a wrong expectation: a kiosk connected all along is claimed to be offline.
        Files.copy(RULES_DIR.resolve("onedesk-alerts.yml"), dir.resolve("onedesk-alerts.yml"));
        Files.writeString(dir.resolve("wrong-test.yml"), """
                rule_files:
                  - onedesk-alerts.yml
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'onedesk_device_connected{centre="c",kind="KIOSK",device="kiosk-1"}'
                        values: '1x30'
                      - series: 'onedesk_centre_in_session{centre="c"}'
                        values: '1x30'
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: OneDeskKioskOffline
                        exp_alerts:
                          - exp_labels:
                              severity: warning
                              centre: c
                              kind: KIOSK
                              device: kiosk-1
                """);
        Promtool.Result result = Promtool.run(dir, "test", "rules", "wrong-test.yml");
        assertNotEquals(0, result.exitCode(), "a wrong expectation must fail: " + result.output());
        assertTrue(result.output().contains("FAILED"), result.output());
    }
}
