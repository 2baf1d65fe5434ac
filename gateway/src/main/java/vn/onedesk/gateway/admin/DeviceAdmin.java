package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.DeviceStore;
import vn.onedesk.gateway.devices.DeviceStore.StoredDevice;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.persistence.AuditLogRows;
import vn.onedesk.gateway.persistence.AuditRecord;
import vn.onedesk.gateway.presence.PresenceTracker;

/**
 * Devices of a centre: each change is one transaction with its audit entry, and then takes effect in the running
 * gateway at once. A device added can connect as soon as the answer is sent; one disabled, removed or given a new
 * password is disconnected and its next CONNECT is checked against the new state.
 */
final class DeviceAdmin {
    private final Vertx vertx;
    private final Pool pool;
    private final DeviceRegistry registry;
    private final PresenceTracker presence;
    private final Clock clock;

    DeviceAdmin(Vertx vertx, Pool pool, DeviceRegistry registry, PresenceTracker presence, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.registry = registry;
        this.presence = presence;
        this.clock = clock;
    }

    Future<List<JsonObject>> list(String centre) {
        return DeviceStore.ofCentre(pool, centre).map(devices -> devices.stream().map(this::view).toList());
    }

    Future<JsonObject> get(String centre, String id) {
        return find(centre, id).map(this::view);
    }

    private Future<StoredDevice> find(String centre, String id) {
        return DeviceStore.find(pool, id).compose(found -> found.filter(d -> d.device().centre().equals(centre))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(AdminFailure.notFound("centre " + centre + " has no device " + id))));
    }

    /** Creates (replace = false) or replaces a device from a validated body. */
    Future<JsonObject> put(String username, CentreDefinition centre, String id, JsonObject body, boolean replace) {
        DeviceRole role = DeviceRole.valueOf(body.getString("role"));
        String counter = counter(centre, role, body.getString("counter"));
        boolean enabled = body.getBoolean("enabled", true);
        String resource = AdminApi.CENTRES + "/" + centre.id() + "/devices/" + id;
        return hash(body.getString("password")).compose(hash -> {
            Device device = new Device(id, centre.id(), role, counter, hash);
            if (!replace) {
                AuditRecord audit = audit(username, "create", resource, centre.id(), null, device, enabled);
                return pool.withTransaction(conn -> DeviceStore.insert(conn, device, enabled, clock.instant())
                                .compose(inserted -> inserted ? AuditLogRows.insert(conn, List.of(audit))
                                        : Future.failedFuture(AdminFailure.exists("id", "device id " + id
                                                + " is taken (device ids are MQTT usernames, unique across centres)"))))
                        .map(v -> applied(new StoredDevice(device, enabled), "create"));
            }
            return find(centre.id(), id).compose(before -> write(username, "replace", resource, before,
                    new StoredDevice(device, enabled), true));
        });
    }

    Future<JsonObject> patch(String username, CentreDefinition centre, String id, JsonObject body) {
        String resource = AdminApi.CENTRES + "/" + centre.id() + "/devices/" + id;
        return find(centre.id(), id).compose(before -> {
            Device was = before.device();
            String counter = body.containsKey("counter") ? counter(centre, was.role(), body.getString("counter"))
                    : was.counter();
            boolean enabled = body.getBoolean("enabled", before.enabled());
            Future<PasswordHash> password = body.containsKey("password") ? hash(body.getString("password"))
                    .map(h -> (PasswordHash) h) : Future.succeededFuture(was.password());
            return password.compose(hash -> write(username, "update", resource, before,
                    new StoredDevice(new Device(was.id(), was.centre(), was.role(), counter, hash), enabled),
                    body.containsKey("password")));
        });
    }

    Future<Void> delete(String username, String centre, String id) {
        String resource = AdminApi.CENTRES + "/" + centre + "/devices/" + id;
        return find(centre, id).compose(before -> pool.withTransaction(conn -> DeviceStore.delete(conn, centre, id)
                        .compose(v -> AuditLogRows.insert(conn, List.of(audit(username, "delete", resource, centre,
                                before, null, false))))))
                .map(v -> {
                    registry.remove(id);
                    return null;
                });
    }

    private Future<JsonObject> write(String username, String action, String resource, StoredDevice before,
                                     StoredDevice after, boolean passwordChanged) {
        AuditRecord audit = new AuditRecord(username, action, resource, after.device().centre(),
                plain(before.device(), before.enabled()),
                plain(after.device(), after.enabled()).put("passwordChanged", passwordChanged), clock.instant());
        return pool.withTransaction(conn -> DeviceStore.update(conn, after.device(), after.enabled(), clock.instant())
                        .compose(v -> AuditLogRows.insert(conn, List.of(audit))))
                .map(v -> applied(after, action));
    }

    /**
     * Makes the stored device what an imported file says (enabled, with the file's password hash): a line saying
     * what changed, or empty when it already was.
     */
    Future<Optional<String>> importDevice(String username, Device device) {
        String resource = AdminApi.CENTRES + "/" + device.centre() + "/devices/" + device.id();
        return DeviceStore.find(pool, device.id()).compose(found -> {
            if (found.isEmpty()) {
                AuditRecord audit = audit(username, "import", resource, device.centre(), null, device, true);
                return pool.withTransaction(conn -> DeviceStore.insert(conn, device, true, clock.instant())
                                .compose(inserted -> inserted ? AuditLogRows.insert(conn, List.of(audit))
                                        : Future.failedFuture(AdminFailure.exists("id", "device id " + device.id()
                                                + " is taken"))))
                        .map(v -> {
                            applied(new StoredDevice(device, true), "import");
                            return Optional.of("device " + device.id() + " added");
                        });
            }
            StoredDevice before = found.get();
            if (before.enabled() && before.device().centre().equals(device.centre())
                    && before.device().role() == device.role()
                    && java.util.Objects.equals(before.device().counter(), device.counter())
                    && encoded(before.device().password()).equals(encoded(device.password()))) {
                return Future.succeededFuture(Optional.empty());
            }
            if (!before.device().centre().equals(device.centre())) {
                return Future.failedFuture(AdminFailure.exists("id", "device id " + device.id() + " belongs to centre "
                        + before.device().centre()));
            }
            return write(username, "import", resource, before, new StoredDevice(device, true),
                    !encoded(before.device().password()).equals(encoded(device.password())))
                    .map(v -> Optional.of("device " + device.id() + " changed"));
        });
    }

    /** The devices of this centre that an imported file no longer lists are removed. */
    Future<List<String>> removeAllBut(String username, String centre, java.util.Set<String> kept) {
        return DeviceStore.ofCentre(pool, centre).compose(devices -> {
            List<String> gone = devices.stream().map(d -> d.device().id()).filter(id -> !kept.contains(id)).toList();
            Future<Void> done = Future.succeededFuture();
            for (String id : gone) {
                done = done.compose(v -> delete(username, centre, id));
            }
            return done.map(v -> gone.stream().map(id -> "device " + id + " removed").toList());
        });
    }

    private static String encoded(PasswordHash hash) {
        return hash instanceof PasswordHash.Pbkdf2 p ? p.encoded() : "";
    }

    /** The running gateway follows the committed state: may connect, or not (and is disconnected). */
    private JsonObject applied(StoredDevice device, String action) {
        if (device.enabled()) {
            registry.put(device.device());
        } else {
            registry.disable(device.device().id());
        }
        return view(device);
    }

    private static String counter(CentreDefinition centre, DeviceRole role, String counter) {
        if (role.boundToCounter() && counter == null) {
            throw AdminFailure.invalid("counter", "a " + role + " must name the counter it "
                    + (role == DeviceRole.COUNTER ? "commands" : "rates"));
        }
        if (!role.boundToCounter() && counter != null) {
            throw AdminFailure.invalid("counter", "only COUNTER terminals and RATING_PAD devices name a counter");
        }
        if (counter != null && centre.counter(counter).isEmpty()) {
            throw AdminFailure.invalid("counter", "centre " + centre.id() + " has no counter " + counter);
        }
        return counter;
    }

    private Future<PasswordHash.Pbkdf2> hash(String password) {
        return vertx.executeBlocking(() -> PasswordHash.create(password.toCharArray()), false);
    }

    private AuditRecord audit(String username, String action, String resource, String centre, StoredDevice before,
                              Device after, boolean enabled) {
        return new AuditRecord(username, action, resource, centre,
                before == null ? null : plain(before.device(), before.enabled()),
                after == null ? null : plain(after, enabled), clock.instant());
    }

    private static JsonObject plain(Device d, boolean enabled) {
        return new JsonObject().put("id", d.id()).put("centre", d.centre()).put("role", d.role().name())
                .put("counter", d.counter()).put("enabled", enabled);
    }

    JsonObject view(StoredDevice stored) {
        Device d = stored.device();
        Optional<String> paper = presence.paper(d.id());
        return plain(d, stored.enabled()).put("online", presence.isOnline(d.id())).put("paper", paper.orElse(null));
    }
}
