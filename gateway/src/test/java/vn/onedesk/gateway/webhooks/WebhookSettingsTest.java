package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.WebhookSettings;

/** The webhook settings: their defaults, the environment, and a readable refusal of each value out of bounds. */
class WebhookSettingsTest {
    @Test
    void theDefaultsTryTwelveTimesFromFiveSecondsDoublingUpToTwoHoursWaitingTenSecondsForAnAnswer() {
        assertEquals(new WebhookSettings(12, Duration.ofSeconds(5), Duration.ofHours(2), Duration.ofSeconds(10)),
                ConfigLoader.load(Map.of()).webhooks());
    }

    @Test
    void theEnvironmentSetsEachValue() {
        WebhookSettings set = ConfigLoader.load(Map.of("ONEDESK_WEBHOOK_MAX_ATTEMPTS", "3",
                "ONEDESK_WEBHOOK_RETRY_BASE_MS", "100", "ONEDESK_WEBHOOK_RETRY_MAX_MS", "200",
                "ONEDESK_WEBHOOK_TIMEOUT_MS", "500")).webhooks();
        assertEquals(new WebhookSettings(3, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500)),
                set);
        // a setting another part of the configuration derives from keeps it (withPorts as the harness calls it)
        assertEquals(set, ConfigLoader.load(Map.of("ONEDESK_WEBHOOK_MAX_ATTEMPTS", "3",
                "ONEDESK_WEBHOOK_RETRY_BASE_MS", "100", "ONEDESK_WEBHOOK_RETRY_MAX_MS", "200",
                "ONEDESK_WEBHOOK_TIMEOUT_MS", "500")).withPorts(1883, 8080).webhooks());
    }

    @Test
    void valuesOutOfBoundsAreEachNamedWithTheirLimits() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "ONEDESK_WEBHOOK_MAX_ATTEMPTS", "0", "ONEDESK_WEBHOOK_TIMEOUT_MS", "soon")));
        String all = String.join("\n", e.problems());
        assertEquals(2, e.problems().size(), all);
        assertTrue(all.contains("ONEDESK_WEBHOOK_MAX_ATTEMPTS (or gateway.webhooks.maxAttempts): must be a whole"
                + " number from 1 to 100, got '0'"), all);
        assertTrue(all.contains("ONEDESK_WEBHOOK_TIMEOUT_MS (or gateway.webhooks.timeoutMs): must be a whole number"
                + " from 100 to 120000, got 'soon'"), all);
        ConfigException order = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "ONEDESK_WEBHOOK_RETRY_BASE_MS", "5000", "ONEDESK_WEBHOOK_RETRY_MAX_MS", "1000")));
        assertTrue(order.getMessage().contains("must not be below the retry base (5000 ms), got 1000"),
                order.getMessage());
    }
}
