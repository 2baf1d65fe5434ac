package vn.onedesk.gateway.config;

import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION_AUDIT_DAYS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION_EVENT_DAYS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION_PURGE_AT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION_REQUEST_DAYS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RETENTION_TICKET_DAYS;
import static vn.onedesk.gateway.config.ConfigLoader.setting;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link RetentionSettings} for {@link ConfigLoader}: the environment, else the file's
 * {@code gateway.retention}.
 */
final class RetentionSettingsReader {
    private RetentionSettingsReader() {
    }

    /**
     * How long data is kept: the file's {@code gateway.retention} object ({@code enabled}, {@code eventDays},
     * {@code ticketDays}, {@code requestDays}, {@code auditDays}, {@code purgeAt}, {@code batchSize}), each overridden
     * by its ONEDESK_RETENTION_* variable; what is given neither way keeps its default.
     */
    static RetentionSettings read(Map<String, String> env, JsonObject gateway, List<String> problems) {
        RetentionSettings d = RetentionSettings.DEFAULT;
        Object section = gateway.getValue("retention");
        if (section != null && !(section instanceof JsonObject)) {
            problems.add("gateway.retention: must be an object such as {\"eventDays\": 90}, got " + section);
            return d;
        }
        JsonObject file = section == null ? new JsonObject() : (JsonObject) section;
        int before = problems.size();
        String switchText = setting(env, ENV_RETENTION, file, "enabled", String.valueOf(d.enabled()))
                .trim().toLowerCase(Locale.ROOT);
        boolean enabled = switch (switchText) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> {
                problems.add(ENV_RETENTION + " (or gateway.retention.enabled): must be on or off, got '" + switchText
                        + "'");
                yield d.enabled();
            }
        };
        int events = wholeNumber(env, ENV_RETENTION_EVENT_DAYS, file, "eventDays", d.eventDays(), problems);
        int tickets = wholeNumber(env, ENV_RETENTION_TICKET_DAYS, file, "ticketDays", d.ticketDays(), problems);
        int requests = wholeNumber(env, ENV_RETENTION_REQUEST_DAYS, file, "requestDays", d.requestDays(), problems);
        int audit = wholeNumber(env, ENV_RETENTION_AUDIT_DAYS, file, "auditDays", d.auditDays(), problems);
        int batch = wholeNumber(env, null, file, "batchSize", d.batchSize(), problems);
        String at = setting(env, ENV_RETENTION_PURGE_AT, file, "purgeAt", d.purgeAt().toString()).trim();
        java.time.LocalTime purgeAt = d.purgeAt();
        try {
            purgeAt = java.time.LocalTime.parse(at.length() == 4 ? "0" + at : at);
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(ENV_RETENTION_PURGE_AT + " (or gateway.retention.purgeAt): must be a 24-hour local time"
                    + " such as 02:30, got '" + at + "'");
        }
        RetentionSettings.problems(events, tickets, requests, audit, batch)
                .forEach(p -> problems.add("gateway.retention." + p));
        return problems.size() > before ? d
                : new RetentionSettings(enabled, events, tickets, requests, audit, purgeAt, batch);
    }

    private static int wholeNumber(Map<String, String> env, String envName, JsonObject file, String key, int fallback,
                            List<String> problems) {
        // A setting without a variable of its own (envName null) is read from the file only.
        String raw = setting(envName == null ? Map.of() : env, String.valueOf(envName), file, key,
                String.valueOf(fallback)).trim();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            problems.add((envName == null ? "" : envName + " (or ") + "gateway.retention." + key
                    + (envName == null ? "" : ")") + ": must be a whole number, got '" + raw + "'");
            return fallback;
        }
    }
}
