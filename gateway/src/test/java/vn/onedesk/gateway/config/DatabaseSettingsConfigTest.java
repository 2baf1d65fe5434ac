package vn.onedesk.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ONEDESK_DATABASE_TIMEOUT} / {@code gateway.databaseTimeout} and {@code ONEDESK_PG_MIGRATE_URL}. */
class DatabaseSettingsConfigTest {
    private static final String HASH =
            "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @Test
    void byDefaultTheDatabaseHasTwoSecondsAndMigrationsUseThePoolsUrl() {
        DatabaseSettings settings = ConfigLoader.load(Map.of()).database();
        assertEquals(Duration.ofSeconds(2), settings.timeout());
        assertEquals(Optional.empty(), settings.migrateUrl());
    }

    @Test
    void theTimeoutIsMillisecondsFromTheEnvironmentOrTheFileTheEnvironmentFirst(@TempDir Path dir) throws Exception {
        assertEquals(Duration.ofMillis(750),
                ConfigLoader.load(Map.of(ConfigLoader.ENV_DATABASE_TIMEOUT, " 750 ")).database().timeout());
        Path file = dir.resolve("centre.json");
        String demo = new String(ConfigLoader.class.getResourceAsStream("/demo-centre.json").readAllBytes());
        // a real configuration stores hashes only
        demo = demo.replaceAll("\"password\"\\s*:\\s*\"demo\"", java.util.regex.Matcher.quoteReplacement("\"passwordHash\": \"" + HASH + "\""));
        Files.writeString(file, demo.replaceFirst("\"gateway\"\\s*:\\s*\\{", "\"gateway\": {\"allowPlaintext\": true, \"databaseTimeout\": 5000, "
                + "\"pgMigrateUrl\": \"postgresql://owner:secret@db/onedesk\", "));
        GatewayConfig fromFile = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString()));
        assertEquals(Duration.ofSeconds(5), fromFile.database().timeout());
        assertEquals(Optional.of("postgresql://owner:secret@db/onedesk"), fromFile.database().migrateUrl());
        assertTrue(!fromFile.database().toString().contains("secret"), fromFile.database().toString());
        assertEquals(Duration.ofMillis(300), ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString(),
                ConfigLoader.ENV_DATABASE_TIMEOUT, "300")).database().timeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2s", "PT2S", "99", "60001", "-1", "1.5", "99999999999999999999"})
    void aTimeoutThatIsNotWholeMillisecondsFrom100To60000IsAProblemNamingTheSetting(String raw) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of(ConfigLoader.ENV_DATABASE_TIMEOUT, raw)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("ONEDESK_DATABASE_TIMEOUT (or gateway.databaseTimeout): must be a"
                + " number of milliseconds from 100 to 60000"), e.problems().get(0));
    }

    @Test
    void aMigrateUrlThatIsNoPostgresqlUrlIsAProblemWithoutItsPassword() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of(ConfigLoader.ENV_PG_MIGRATE_URL, "jdbc:postgresql://owner:secret@db/x")));
        assertTrue(e.problems().get(0).startsWith("ONEDESK_PG_MIGRATE_URL"), e.problems().toString());
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }
}
