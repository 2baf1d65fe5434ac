package vn.onedesk.gateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * A real configuration (not the built-in demo): the demo centre's file with every device's password stored as a
 * hash, as a real centre's file must be, written to a folder the test owns. The gateway then runs as in
 * production: no demo staff, a bootstrap administrator, /metrics as configured.
 */
public final class RealConfig {
    /** Every device's password in this configuration. */
    public static final String DEVICE_PASSWORD = "device-password";

    private RealConfig() {
    }

    /**
     * Writes the file, with these entries added to its {@code gateway} section, and returns its path. It may run
     * without TLS ({@code allowPlaintext: true}, tests talk to it over loopback) unless the entries say otherwise.
     */
    public static Path write(Path folder, Map<String, Object> gateway) {
        try (InputStream in = RealConfig.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
            JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            JsonObject section = json.getJsonObject("gateway", new JsonObject());
            section.put("allowPlaintext", true);
            gateway.forEach(section::put);
            json.put("gateway", section);
            JsonArray devices = json.getJsonArray("devices");
            for (int i = 0; i < devices.size(); i++) {
                JsonObject device = devices.getJsonObject(i);
                device.remove("password");
                device.put("passwordHash", Hash.ENCODED);
            }
            return Files.writeString(folder.resolve("centre-" + System.nanoTime() + ".json"), json.encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a harness start with this file on a fresh database, plus the given overrides. */
    public static Map<String, String> env(Path file, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(ConfigLoader.ENV_CONFIG, file.toString(),
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl()));
        env.putAll(overrides);
        return GatewayHarness.env(env);
    }

    /** Hashed once per test JVM. */
    private static final class Hash {
        static final String ENCODED = PasswordHash.create(DEVICE_PASSWORD.toCharArray()).encoded();
    }
}
