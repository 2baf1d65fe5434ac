package vn.onedesk.loadtest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;

class BenchConfigTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenConfigurationIsAcceptedByTheGatewayWithEveryDeviceAndTheBenchmarkPassword() throws Exception {
        Path file = dir.resolve("bench.json");
        BenchConfig.write(new BenchConfig.Settings(null, 3, 4, 2, "secret-bench", 10_000), file);

        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString()));

        assertFalse(config.demo());
        assertEquals(3, config.centres().size());
        assertEquals("hcc-tinh-001", config.centres().get(0).id());
        Fleet fleet = Fleet.load(file, "secret-bench");
        assertEquals(4, fleet.devices("hcc-tinh-002", DeviceRole.KIOSK).size());
        assertEquals(2, fleet.devices("hcc-tinh-002", DeviceRole.DISPLAY).size());
        assertEquals(24, fleet.devices("hcc-tinh-003", DeviceRole.COUNTER).size());
        Device kiosk = fleet.devices("hcc-tinh-001", DeviceRole.KIOSK).get(0);
        assertEquals("hcc-tinh-001-kiosk-1", kiosk.id());
        assertTrue(kiosk.password().matches("secret-bench".toCharArray()));
        assertFalse(kiosk.password().matches("demo".toCharArray()));
        assertFalse(Files.readString(file).contains("secret-bench"), "only the hash is stored");
        assertFalse(new JsonObject(Files.readString(file)).getJsonArray("centres").getJsonObject(0)
                .getBoolean("ticketsOnlyInSessions"), "kiosks may take tickets at any hour of a benchmark");
    }

    @Test
    void kiosksAreListedInNumberOrder() throws Exception {
        Path file = dir.resolve("one.json");
        BenchConfig.write(new BenchConfig.Settings(null, 1, 12, 0, "secret-bench", 10_000), file);

        var kiosks = Fleet.load(file, null).devices("hcc-tinh", DeviceRole.KIOSK);

        assertEquals("kiosk-1", kiosks.get(0).id());
        assertEquals("kiosk-2", kiosks.get(1).id());
        assertEquals("kiosk-12", kiosks.get(11).id());
    }
}
