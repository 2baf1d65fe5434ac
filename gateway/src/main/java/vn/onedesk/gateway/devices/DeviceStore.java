package vn.onedesk.gateway.devices;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code devices} table. Passwords are stored as PBKDF2 hashes only; a demo device's plain-text password is
 * hashed before it is stored ({@link DemoPasswords}).
 */
public final class DeviceStore {
    private static final String COLUMNS = "device_id, centre_id, role, counter_id, password_hash, enabled";

    private DeviceStore() {
    }

    /** A device as stored: the registry's device, and whether it may connect. */
    public record StoredDevice(Device device, boolean enabled) {
    }

    public static Future<List<StoredDevice>> all(SqlClient db) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM devices ORDER BY centre_id, device_id").execute()
                .map(DeviceStore::list);
    }

    public static Future<List<StoredDevice>> ofCentre(SqlClient db, String centre) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM devices WHERE centre_id = $1 ORDER BY device_id")
                .execute(Tuple.of(centre)).map(DeviceStore::list);
    }

    private static List<StoredDevice> list(io.vertx.sqlclient.RowSet<Row> rows) {
        List<StoredDevice> out = new ArrayList<>();
        rows.forEach(r -> out.add(stored(r)));
        return out;
    }

    public static Future<Optional<StoredDevice>> find(SqlClient db, String deviceId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM devices WHERE device_id = $1")
                .execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** Inserts the device; false when its id is taken (by a device of any centre: ids are MQTT usernames). */
    public static Future<Boolean> insert(SqlClient db, Device device, boolean enabled, Instant at) {
        return db.preparedQuery("INSERT INTO devices (" + COLUMNS + ", created_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (device_id) DO NOTHING")
                .execute(Tuple.of(device.id(), device.centre(), device.role().name(), device.counter(),
                        encoded(device.password()), enabled, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public static Future<Void> update(SqlClient db, Device device, boolean enabled, Instant at) {
        return db.preparedQuery("UPDATE devices SET role = $3, counter_id = $4, password_hash = $5, enabled = $6,"
                        + " updated_at = $7 WHERE device_id = $1 AND centre_id = $2")
                .execute(Tuple.of(device.id(), device.centre(), device.role().name(), device.counter(),
                        encoded(device.password()), enabled, at.atOffset(ZoneOffset.UTC)))
                .mapEmpty();
    }

    public static Future<Boolean> delete(SqlClient db, String centre, String deviceId) {
        return db.preparedQuery("DELETE FROM devices WHERE device_id = $1 AND centre_id = $2")
                .execute(Tuple.of(deviceId, centre))
                .map(rows -> rows.rowCount() == 1);
    }

    private static String encoded(PasswordHash hash) {
        if (hash instanceof PasswordHash.Pbkdf2 p) {
            return p.encoded();
        }
        throw new IllegalArgumentException("only hashed passwords are stored; hash the demo's first (DemoPasswords)");
    }

    private static StoredDevice stored(Row r) {
        return new StoredDevice(new Device(r.getString(0), r.getString(1), DeviceRole.valueOf(r.getString(2)),
                r.getString(3), PasswordHash.parse(r.getString(4))), r.getBoolean(5));
    }
}
