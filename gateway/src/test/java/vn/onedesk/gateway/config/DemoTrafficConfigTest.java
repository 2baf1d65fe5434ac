package vn.onedesk.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Demo traffic settings: on by default only in the demo, switched and sped up by the environment, checked. */
class DemoTrafficConfigTest {
    private static final String HASH = "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @TempDir
    Path dir;

    @Test
    void theDemoRunsItsTrafficByDefaultAtTenTimesRealTime() {
        DemoTrafficSettings traffic = ConfigLoader.load(Map.of()).demoTraffic();
        assertTrue(traffic.enabled());
        assertEquals(10, traffic.speed());
    }

    @Test
    void theEnvironmentTurnsItOffAndSetsItsSpeed() {
        assertFalse(ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "off")).demoTraffic().enabled());
        assertFalse(ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "OFF")).demoTraffic().enabled());
        DemoTrafficSettings fast = ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "on",
                ConfigLoader.ENV_DEMO_SPEED, "60")).demoTraffic();
        assertTrue(fast.enabled());
        assertEquals(60, fast.speed());
        assertEquals(2.5, ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_SPEED, " 2.5 ")).demoTraffic().speed());
        assertEquals(1, ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_SPEED, "1")).demoTraffic().speed(),
                "real time");
    }

    @Test
    void aRealCentreHasNoDemoTraffic() throws IOException {
        DemoTrafficSettings traffic = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, realCentre())).demoTraffic();
        assertFalse(traffic.enabled());
    }

    @Test
    void turningItOnForARealCentreIsRefusedWithTheReason() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                ConfigLoader.ENV_CONFIG, realCentre(), ConfigLoader.ENV_DEMO_TRAFFIC, "on")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("ONEDESK_DEMO_TRAFFIC=on needs the built-in demo centre"), e.getMessage());
        assertTrue(e.getMessage().contains("unset ONEDESK_CONFIG or set ONEDESK_DEMO_TRAFFIC=off"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "0", "-10", "0.05", "1001", "NaN", "Infinity", "10 x 2"})
    void aBadSpeedIsRefusedWithAReadableMessage(String speed) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of(ConfigLoader.ENV_DEMO_SPEED, speed)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("ONEDESK_DEMO_SPEED: must be a number from 0.1 to 1000, how many times faster than real time"
                + " the simulated day runs (default 10), got '" + speed + "'", e.problems().get(0));
        assertTrue(e.getMessage().startsWith("OneDesk cannot start; fix the configuration:"), e.getMessage());
    }

    @Test
    void aBadSpeedIsCheckedEvenWithTheTrafficOff() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                ConfigLoader.ENV_DEMO_TRAFFIC, "off", ConfigLoader.ENV_DEMO_SPEED, "turbo")));
        assertTrue(e.getMessage().contains("ONEDESK_DEMO_SPEED"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                ConfigLoader.ENV_DEMO_TRAFFIC, "maybe", ConfigLoader.ENV_DEMO_SPEED, "fast",
                ConfigLoader.ENV_MQTT_PORT, "nope")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().contains("ONEDESK_DEMO_TRAFFIC: must be on or off, got 'maybe'"), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("ONEDESK_DEMO_SPEED: ")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("ONEDESK_MQTT_PORT")), e.getMessage());
    }

    @Test
    void theSettingsRecordRefusesASpeedOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new DemoTrafficSettings(true, 0));
        assertThrows(IllegalArgumentException.class, () -> new DemoTrafficSettings(true, Double.NaN));
    }

    /** The demo centre as a real configuration file: hashed passwords, no demo. */
    private String realCentre() throws IOException {
        JsonObject json;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
            json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        json.getJsonObject("gateway", new JsonObject()).put("allowPlaintext", true); // TLS is TlsConfigTest's
        JsonArray devices = json.getJsonArray("devices");
        for (int i = 0; i < devices.size(); i++) {
            JsonObject device = devices.getJsonObject(i);
            device.remove("password");
            device.put("passwordHash", HASH);
        }
        return Files.writeString(dir.resolve("centre.json"), json.encodePrettily(), StandardCharsets.UTF_8).toString();
    }
}
