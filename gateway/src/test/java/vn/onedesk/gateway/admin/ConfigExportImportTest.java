package vn.onedesk.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.RealConfig;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * {@code config export} and {@code config import FILE} against a real PostgreSQL: what one database holds moves to
 * another unchanged (centres, devices and staff, hashes only), and an import applies a changed file with the
 * administration's rules.
 */
class ConfigExportImportTest {
    @TempDir
    Path folder;

    private record Run(int exit, String out, String err) {
    }

    private Run config(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Class<?> command = Class.forName("vn.onedesk.gateway.ConfigCommand");
        var run = command.getDeclaredMethod("run", List.class, Map.class, PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        int exit = (int) run.invoke(null, List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExportImportsIntoAnEmptyDatabaseAndExportsAgainTheSame() throws Exception {
        Path installation = RealConfig.write(folder, Map.of());
        Map<String, String> first = new HashMap<>(Map.of(ConfigLoader.ENV_CONFIG, installation.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl()));
        Run exported = config(first, "export");
        assertEquals(0, exported.exit(), exported.err());
        JsonObject backup = new JsonObject(exported.out());
        assertEquals("hcc-tinh", backup.getJsonArray("centres").getJsonObject(0).getString("id"));
        assertFalse(exported.out().contains("\"password\""), "hashes only");
        assertTrue(backup.getJsonArray("staff").stream().anyMatch(s -> ((JsonObject) s).getString("username")
                .equals("admin")), exported.out());

        // another environment: an empty database, a file with only the gateway's settings
        Path settingsOnly = Files.writeString(folder.resolve("settings.json"),
                "{\"schema\":\"onedesk-config/1\",\"gateway\":{\"allowPlaintext\":true}}");
        Map<String, String> second = new HashMap<>(Map.of(ConfigLoader.ENV_CONFIG, settingsOnly.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl()));
        Path backupFile = Files.writeString(folder.resolve("backup.json"), backup.encodePrettily());
        Run imported = config(second, "import", backupFile.toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().contains("applied: centre hcc-tinh added"), imported.out());

        Run again = config(second, "export");
        JsonObject copy = new JsonObject(again.out());
        assertEquals(backup.getJsonArray("centres"), copy.getJsonArray("centres"));
        assertEquals(sorted(backup.getJsonArray("devices")), sorted(copy.getJsonArray("devices")));
        assertEquals(backup.getJsonArray("staff").size(), copy.getJsonArray("staff").size());

        Run noChange = config(second, "import", backupFile.toString());
        assertEquals(0, noChange.exit(), noChange.err());
        assertTrue(noChange.out().contains("nothing to change"), noChange.out());
    }

    @Test
    void anImportThatDropsACounterRemovesItAndItsTerminalAndSaysSo() throws Exception {
        Path installation = RealConfig.write(folder, Map.of());
        Map<String, String> env = new HashMap<>(Map.of(ConfigLoader.ENV_CONFIG, installation.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl()));
        JsonObject file = new JsonObject(Files.readString(installation));
        JsonObject centre = file.getJsonArray("centres").getJsonObject(0);
        JsonArray counters = centre.getJsonArray("counters");
        counters.remove(counters.size() - 1); // Q24
        JsonArray devices = file.getJsonArray("devices");
        for (int i = devices.size() - 1; i >= 0; i--) {
            if ("Q24".equals(devices.getJsonObject(i).getString("counter"))) {
                devices.remove(i);
            }
        }
        Path changed = Files.writeString(folder.resolve("changed.json"), file.encodePrettily());
        Run imported = config(env, "import", changed.toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().contains("applied: centre hcc-tinh changed"), imported.out());
        assertTrue(imported.out().contains("applied: device counter-Q24 removed"), imported.out());
        JsonObject after = new JsonObject(config(env, "export").out());
        assertFalse(after.getJsonArray("centres").getJsonObject(0).getJsonArray("counters").encode()
                .contains("\"Q24\""), after.encode());
    }

    private static List<String> sorted(JsonArray array) {
        return array.stream().map(Object::toString).sorted().toList();
    }
}
