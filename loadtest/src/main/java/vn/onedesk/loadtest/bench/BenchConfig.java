package vn.onedesk.loadtest.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.simulation.BuiltInScenarios;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * Writes a gateway configuration ({@code onedesk-config/1}) for a benchmark: N copies of a template
 * centre, each with K kiosks, D displays and a terminal for every counter. Real configurations hold only
 * password hashes, so every device gets the same PBKDF2-SHA256 hash of one benchmark password, with
 * the fewest iterations the gateway accepts (10,000): the gateway checks each device's password once per
 * process, and a connect storm of thousands of devices should measure MQTT, not PBKDF2.
 */
public final class BenchConfig {
    public static final String DEFAULT_PASSWORD = "onedesk-loadtest";
    public static final int DEFAULT_ITERATIONS = 10_000;

    private BenchConfig() {
    }

    /** The settings of one configuration file. */
    public record Settings(Path template, int centres, int kiosks, int displays, String password, int iterations) {
    }

    public static JsonObject build(Settings s) throws IOException {
        JsonObject centre = templateCentre(s.template());
        String baseId = centre.getString("id");
        String hash = hash(s.password(), s.iterations());
        JsonArray centres = new JsonArray();
        JsonArray devices = new JsonArray();
        int width = String.valueOf(s.centres()).length();
        for (int c = 1; c <= s.centres(); c++) {
            String id = s.centres() == 1 ? baseId : baseId + "-" + String.format("%0" + Math.max(3, width) + "d", c);
            String prefix = s.centres() == 1 ? "" : id + "-";
            JsonObject copy = centre.copy().put("id", id).put("ticketsOnlyInSessions", false);
            centres.add(copy);
            for (int k = 1; k <= s.kiosks(); k++) {
                devices.add(device(prefix + "kiosk-" + k, id, "KIOSK", null, hash));
            }
            for (int d = 1; d <= s.displays(); d++) {
                devices.add(device(prefix + "display-" + d, id, "DISPLAY", null, hash));
            }
            for (Object counter : copy.getJsonArray("counters")) {
                String counterId = ((JsonObject) counter).getString("id");
                devices.add(device(prefix + "counter-" + counterId, id, "COUNTER", counterId, hash));
            }
        }
        return new JsonObject()
                .put("schema", ConfigLoader.SCHEMA)
                .put("description", "Benchmark configuration written by onedesk-loadtest config: " + s.centres()
                        + " centre(s) like " + baseId + ", " + s.kiosks() + " kiosk(s) and " + s.displays()
                        + " display(s) each, a terminal for every counter; every device has the benchmark password")
                // A benchmark runs on loopback and measures MQTT itself, in clear: a real centre would run with TLS.
                .put("gateway", new JsonObject().put("allowPlaintext", true))
                .put("centres", centres)
                .put("devices", devices);
    }

    /** Writes the file and reads it back with the gateway's own loader, so a file it would refuse is never left. */
    public static void write(Settings s, Path out) throws IOException {
        JsonObject config = build(s);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, config.encodePrettily() + "\n", StandardCharsets.UTF_8);
        try {
            ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, out.toString()));
        } catch (ConfigException e) {
            throw new IllegalStateException("the gateway would refuse the written configuration: " + e.getMessage(), e);
        }
    }

    private static JsonObject device(String id, String centre, String role, String counter, String hash) {
        JsonObject d = new JsonObject().put("id", id).put("centre", centre).put("role", role);
        if (counter != null) {
            d.put("counter", counter);
        }
        return d.put("passwordHash", hash);
    }

    /** The centre of a scenario ({@code centre}) or of a configuration ({@code centres[0]}); the demo's by default. */
    static JsonObject templateCentre(Path template) throws IOException {
        JsonObject root;
        if (template == null) {
            try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
                root = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else if (!Files.exists(template) && BuiltInScenarios.shipped(template.toString()).isPresent()) {
            root = new JsonObject(BuiltInScenarios.shipped(template.toString()).get()); // a built-in scenario's name
        } else {
            root = new JsonObject(Files.readString(template, StandardCharsets.UTF_8));
        }
        JsonObject centre = root.getValue("centre") instanceof JsonObject c ? c
                : root.getValue("centres") instanceof JsonArray a && !a.isEmpty() ? a.getJsonObject(0) : null;
        if (centre == null) {
            throw new IllegalArgumentException((template == null ? "the demo" : template)
                    + " holds neither a scenario's centre nor a configuration's centres");
        }
        return centre.copy();
    }

    /** The gateway's stored form, pbkdf2-sha256$ITERATIONS$SALT$HASH, checked by the gateway's own parser. */
    static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            String encoded = "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
            if (!PasswordHash.parse(encoded).matches(password.toCharArray())) {
                throw new IllegalStateException("the gateway does not accept the hash this tool made");
            }
            return encoded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
