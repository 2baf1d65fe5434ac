package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.DemoPasswords;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceStore;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * What the gateway runs comes from the database; a configuration file (or the built-in demo's) is imported into it
 * at start only where the database has nothing yet: a centre it has never held gets its definition and its devices
 * from the file. A centre the database already holds keeps what the database says (the administration may have
 * changed it), and a file that differs is named in the log with how to apply it (SIGHUP or {@code config import}).
 */
public final class ConfigSeed {
    private static final Logger LOG = Logger.getLogger("onedesk.config");

    private ConfigSeed() {
    }

    /**
     * The centres (not removed) and devices the database holds after seeding, and the centres removed through the
     * administration, whose history the reports still read.
     */
    public record Seeded(List<CentreDefinition> centres, List<DeviceStore.StoredDevice> devices,
                         List<CentreDefinition> removed) {
        public List<Device> enabledDevices() {
            return devices.stream().filter(DeviceStore.StoredDevice::enabled).map(DeviceStore.StoredDevice::device)
                    .toList();
        }
    }

    public static Future<Seeded> run(Vertx vertx, Pool pool, GatewayConfig config, Instant now) {
        return stored(pool).compose(stored -> {
            List<CentreDefinition> missing = new ArrayList<>();
            List<String> differing = new ArrayList<>();
            for (CentreDefinition centre : config.centres()) {
                Stored known = stored.get(centre.id());
                if (known == null || known.definition == null) {
                    missing.add(centre);
                } else if (known.removed) {
                    differing.add(centre.id() + " (removed through the administration)");
                } else if (!CentreJson.read(known.definition).equals(centre)) {
                    differing.add(centre.id());
                }
            }
            if (!differing.isEmpty() && !config.demo()) {
                LOG.info("the database already holds centre(s) " + String.join(", ", differing) + ", which "
                        + config.source() + " describes differently: the gateway runs what the database holds (it"
                        + " may have been changed through /admin). To apply the file, send SIGHUP or run"
                        + " `java -jar onedesk-gateway.jar config import FILE`.");
            }
            return seed(vertx, pool, config, missing, now);
        }).compose(v -> load(pool));
    }

    private record Stored(JsonObject definition, boolean removed) {
    }

    private static Future<Map<String, Stored>> stored(Pool pool) {
        return pool.query("SELECT centre_id, definition, removed_at IS NOT NULL FROM centres").execute().map(rows -> {
            Map<String, Stored> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getString(0), new Stored((JsonObject) r.getValue(1), r.getBoolean(2))));
            return out;
        });
    }

    private static Future<Void> seed(Vertx vertx, Pool pool, GatewayConfig config, List<CentreDefinition> centres,
                                     Instant now) {
        if (centres.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> ids = centres.stream().map(CentreDefinition::id).toList();
        List<Device> devices = config.devices().stream().filter(d -> ids.contains(d.centre())).toList();
        // Demo passwords are published plain text; the database gets their hashes (slow: on a worker).
        return vertx.executeBlocking(() -> devices.stream().map(ConfigSeed::hashed).toList(), false)
                .compose(hashed -> pool.withTransaction(conn -> {
                    Future<Void> done = Future.succeededFuture();
                    for (CentreDefinition centre : centres) {
                        done = done.compose(v -> conn.preparedQuery("INSERT INTO centres (centre_id, definition)"
                                        + " VALUES ($1, $2) ON CONFLICT (centre_id) DO UPDATE SET definition ="
                                        + " EXCLUDED.definition WHERE centres.definition IS NULL")
                                .execute(Tuple.of(centre.id(), CentreJson.write(centre))).mapEmpty());
                    }
                    for (Device device : hashed) {
                        done = done.compose(v -> DeviceStore.insert(conn, device, true, now).mapEmpty());
                    }
                    return done;
                }))
                .onSuccess(v -> LOG.info("imported " + centres.size() + " centre(s) (" + String.join(", ", ids) + ") and "
                        + devices.size() + " device(s) from " + config.source() + " into the database"));
    }

    static Device hashed(Device device) {
        if (device.password() instanceof PasswordHash.DemoPlainText plain) {
            return new Device(device.id(), device.centre(), device.role(), device.counter(), DemoPasswords.hash(plain));
        }
        return device;
    }

    /** Every centre that runs (defined and not removed), in the order they were made, and every device. */
    public static Future<Seeded> load(Pool pool) {
        return pool.query("SELECT definition, removed_at IS NOT NULL FROM centres WHERE definition IS NOT NULL"
                        + " ORDER BY centre_id").execute()
                .compose(rows -> {
                    Map<String, CentreDefinition> centres = new LinkedHashMap<>();
                    List<CentreDefinition> removed = new ArrayList<>();
                    rows.forEach(r -> {
                        CentreDefinition c = CentreJson.read((JsonObject) r.getValue(0));
                        if (r.getBoolean(1)) {
                            removed.add(c);
                        } else {
                            centres.put(c.id(), c);
                        }
                    });
                    return DeviceStore.all(pool).map(devices -> new Seeded(List.copyOf(centres.values()), devices,
                            removed));
                });
    }
}
