package vn.onedesk.gateway.config;

import static vn.onedesk.gateway.config.ConfigLoader.setting;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link WebhookSettings}: the file's {@code gateway.webhooks} ({@code maxAttempts}, {@code retryBaseMs},
 * {@code retryMaxMs}, {@code timeoutMs}), each overridden by its ONEDESK_WEBHOOK_* variable.
 */
final class WebhookSettingsReader {
    static final String ENV_MAX_ATTEMPTS = "ONEDESK_WEBHOOK_MAX_ATTEMPTS";
    static final String ENV_RETRY_BASE_MS = "ONEDESK_WEBHOOK_RETRY_BASE_MS";
    static final String ENV_RETRY_MAX_MS = "ONEDESK_WEBHOOK_RETRY_MAX_MS";
    static final String ENV_TIMEOUT_MS = "ONEDESK_WEBHOOK_TIMEOUT_MS";

    private WebhookSettingsReader() {
    }

    static WebhookSettings read(Map<String, String> env, JsonObject gateway, List<String> problems) {
        WebhookSettings d = WebhookSettings.DEFAULT;
        Object section = gateway.getValue("webhooks");
        if (section != null && !(section instanceof JsonObject)) {
            problems.add("gateway.webhooks: must be an object such as {\"maxAttempts\": 12}, got " + section);
            return d;
        }
        JsonObject file = section == null ? new JsonObject() : (JsonObject) section;
        int before = problems.size();
        long attempts = number(env, ENV_MAX_ATTEMPTS, file, "maxAttempts", d.maxAttempts(), 1, 100, problems);
        long base = number(env, ENV_RETRY_BASE_MS, file, "retryBaseMs", d.retryBase().toMillis(), 10, 3_600_000,
                problems);
        long max = number(env, ENV_RETRY_MAX_MS, file, "retryMaxMs", d.retryMax().toMillis(), 10, 86_400_000,
                problems);
        long timeout = number(env, ENV_TIMEOUT_MS, file, "timeoutMs", d.timeout().toMillis(), 100, 120_000, problems);
        if (problems.size() == before && max < base) {
            problems.add(ENV_RETRY_MAX_MS + " (or gateway.webhooks.retryMaxMs): must not be below the retry base ("
                    + base + " ms), got " + max);
        }
        return problems.size() > before ? d : new WebhookSettings((int) attempts, Duration.ofMillis(base),
                Duration.ofMillis(max), Duration.ofMillis(timeout));
    }

    private static long number(Map<String, String> env, String envName, JsonObject file, String key, long fallback,
                               long min, long max, List<String> problems) {
        String raw = setting(env, envName, file, key, String.valueOf(fallback)).trim();
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(envName + " (or gateway.webhooks." + key + "): must be a whole number from " + min + " to " + max
                + ", got '" + raw + "'");
        return fallback;
    }
}
