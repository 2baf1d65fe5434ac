package vn.onedesk.gateway.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.config.RetentionSettings;

/** The retention settings: defaults, the file's section, the environment, and the bounds the queue needs. */
class RetentionSettingsTest {
    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void theDefaultsKeepNinetyDaysOfDetailTwoWeeksOfRequestsAndTwoYearsOfAudit() {
        GatewayConfig config = ConfigLoader.load(Map.of());
        assertEquals(RetentionSettings.DEFAULT, config.retention());
        assertEquals(new RetentionSettings(true, 90, 90, 14, 730, LocalTime.of(2, 30), 1000), config.retention());
    }

    @Test
    void aRequestRetentionShorterThanTheIdempotencyWindowIsRefusedWithAReadableMessage() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of(ConfigLoader.ENV_RETENTION_REQUEST_DAYS, "0")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("gateway.retention.requestDays: must be at least 1 day: a device that retries with the same"
                + " requestId within 24 h must get the same reply, not a second ticket, so replies are kept at least"
                + " that long, got 0", e.problems().get(0));
    }

    @Test
    void detailShorterThanTodayAndYesterdayAndMalformedValuesAreEachNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                ConfigLoader.ENV_RETENTION_EVENT_DAYS, "1", ConfigLoader.ENV_RETENTION_TICKET_DAYS, "ninety",
                ConfigLoader.ENV_RETENTION_PURGE_AT, "25:00", ConfigLoader.ENV_RETENTION, "maybe")));
        String all = String.join("\n", e.problems());
        assertEquals(4, e.problems().size(), all);
        assertTrue(all.contains("gateway.retention.eventDays: must be at least 2"), all);
        assertTrue(all.contains("ONEDESK_RETENTION_TICKET_DAYS (or gateway.retention.ticketDays): must be a whole"
                + " number, got 'ninety'"), all);
        assertTrue(all.contains("ONEDESK_RETENTION_PURGE_AT (or gateway.retention.purgeAt): must be a 24-hour local"
                + " time such as 02:30, got '25:00'"), all);
        assertTrue(all.contains("ONEDESK_RETENTION (or gateway.retention.enabled): must be on or off"), all);
    }

    @Test
    void theFileSectionSetsEachValueAndTheEnvironmentOverridesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("centre.json");
        Files.writeString(file, "{\"schema\":\"onedesk-config/1\",\"gateway\":{\"allowPlaintext\":true,\"retention\":{\"eventDays\":180,"
                + "\"ticketDays\":30,\"requestDays\":3,\"auditDays\":1825,\"purgeAt\":\"3:15\",\"batchSize\":500}},"
                + "\"centres\":[],\"devices\":[]}");
        RetentionSettings fromFile = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString())).retention();
        assertEquals(new RetentionSettings(true, 180, 30, 3, 1825, LocalTime.of(3, 15), 500), fromFile);
        RetentionSettings overridden = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString(),
                ConfigLoader.ENV_RETENTION_EVENT_DAYS, "60", ConfigLoader.ENV_RETENTION, "off")).retention();
        assertEquals(new RetentionSettings(false, 60, 30, 3, 1825, LocalTime.of(3, 15), 500), overridden);
    }

    @Test
    void theNightlyPurgeIsAtTheConfiguredLocalTimeInTheCentresZone() {
        RetentionSettings at0230 = RetentionSettings.DEFAULT;
        // 01:00 in Hà Nội: 1 h 30 min to go; 03:00: tomorrow's, 23 h 30 min away.
        Instant one = Instant.parse("2025-03-03T18:00:00Z");
        assertEquals(Duration.ofMinutes(90), RetentionJob.untilNext(one, HCM, at0230));
        assertEquals(Duration.ofMinutes(23 * 60 + 30), RetentionJob.untilNext(one.plus(Duration.ofHours(2)), HCM,
                at0230));
        assertEquals(Duration.ofDays(1), RetentionJob.untilNext(Instant.parse("2025-03-03T19:30:00Z"), HCM, at0230),
                "exactly at 02:30 the next one is tomorrow's");
    }
}
