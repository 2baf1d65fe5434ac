package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceStore;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.staff.StaffAccount;

/**
 * A configuration file applied to the running gateway (SIGHUP, {@code config import FILE}) with the rules of the
 * administration API: each centre of the file becomes what the file says through its writer (refused, and left as
 * it was, if that would strand a citizen: COUNTER_BUSY, SERVICE_IN_USE), its devices become the file's (those the
 * file no longer lists are removed), and the file's staff accounts, if it has any, are added or updated. Every
 * change is audited as an "import" by the name given. Centres and accounts the file does not mention are left alone.
 * And {@link #export()}: everything the database holds, in the same format, for a backup or another environment.
 */
public final class ConfigImport {
    private final Administration admin;

    ConfigImport(Administration admin) {
        this.admin = admin;
    }

    /** What an import did: one line per change, and one per refusal. */
    public record Outcome(List<String> changes, List<String> refusals) {
        public boolean changedNothing() {
            return changes.isEmpty() && refusals.isEmpty();
        }
    }

    /**
     * Applies the file.
     *
     * @param staff the file's {@code staff} section as {@link #export()} writes it; empty for none
     */
    public Future<Outcome> apply(GatewayConfig file, JsonArray staff, String by) {
        List<String> changes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Future<Void> done = Future.succeededFuture();
        for (CentreDefinition centre : file.centres()) {
            done = done.compose(v -> centre(centre, by, changes, refusals));
        }
        for (CentreDefinition centre : file.centres()) {
            List<Device> devices = file.devices().stream().filter(d -> d.centre().equals(centre.id())).toList();
            done = done.compose(v -> devices(centre.id(), devices, by, changes, refusals));
        }
        for (Object o : staff) {
            done = done.compose(v -> {
                StaffAccount account;
                try {
                    account = admin.staff.account((JsonObject) o);
                } catch (RuntimeException e) {
                    refusals.add("staff: " + e.getMessage());
                    return Future.succeededFuture();
                }
                return admin.staff.importAccount(by, account).transform(ar -> {
                    if (ar.succeeded()) {
                        ar.result().ifPresent(changes::add);
                    } else {
                        refusals.add("staff " + account.username() + ": " + ar.cause().getMessage());
                    }
                    return Future.succeededFuture();
                });
            });
        }
        return done.map(v -> new Outcome(changes, refusals));
    }

    private Future<Void> centre(CentreDefinition centre, String by, List<String> changes, List<String> refusals) {
        Optional<CentreRuntime> running = admin.running.find(centre.id());
        Future<Boolean> exists;
        if (running.isPresent()) {
            exists = Future.succeededFuture(false);
        } else {
            JsonObject settings = CentreAdmin.settings(centre);
            exists = admin.centres.create(by, settings).map(created -> true);
        }
        return exists.compose(created -> {
            CentreDefinition before = admin.centres.runtime(centre.id()).definition();
            if (before.equals(centre)) {
                if (created) {
                    changes.add("centre " + centre.id() + " added");
                }
                return Future.<Void>succeededFuture();
            }
            return admin.centres.change(by, centre.id(), "import", AdminApi.CENTRES + "/" + centre.id(),
                            json -> CentreJson.write(centre), CentreJson::write)
                    .map(after -> {
                        changes.add("centre " + centre.id() + (created ? " added" : " changed"));
                        return (Void) null;
                    });
        }).recover(e -> {
            refusals.add("centre " + centre.id() + " is left as it was: " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    private Future<Void> devices(String centre, List<Device> devices, String by, List<String> changes,
                                 List<String> refusals) {
        if (admin.running.find(centre).isEmpty()) {
            return Future.succeededFuture(); // the centre itself was refused
        }
        Set<String> kept = new HashSet<>();
        Future<Void> done = Future.succeededFuture();
        for (Device device : devices) {
            kept.add(device.id());
            done = done.compose(v -> admin.hashed(device).compose(hashed -> admin.devices.importDevice(by, hashed))
                    .transform(ar -> {
                        if (ar.succeeded()) {
                            ar.result().ifPresent(changes::add);
                        } else {
                            refusals.add("device " + device.id() + ": " + ar.cause().getMessage());
                        }
                        return Future.succeededFuture();
                    }));
        }
        return done.compose(v -> admin.devices.removeAllBut(by, centre, kept)).map(removed -> {
            changes.addAll(removed);
            return null;
        });
    }

    /** Everything the database holds, as a configuration file ({@code onedesk-config/1}) without gateway settings. */
    public Future<JsonObject> export() {
        JsonArray centres = new JsonArray();
        admin.running.all().forEach(r -> centres.add(CentreJson.write(r.definition())));
        return DeviceStore.all(admin.pool).compose(devices -> admin.staff.export().map(staff -> {
            JsonArray out = new JsonArray();
            devices.forEach(d -> {
                Device device = d.device();
                JsonObject json = new JsonObject().put("id", device.id()).put("centre", device.centre())
                        .put("role", device.role().name());
                if (device.counter() != null) {
                    json.put("counter", device.counter());
                }
                json.put("passwordHash", ((vn.onedesk.gateway.devices.PasswordHash.Pbkdf2) device.password())
                        .encoded());
                if (!d.enabled()) {
                    json.put("enabled", false);
                }
                out.add(json);
            });
            return new JsonObject().put("schema", "onedesk-config/1")
                    .put("description", "Exported by OneDesk: centres, devices and staff, with password hashes only")
                    .put("centres", centres).put("devices", out).put("staff", staff);
        }));
    }
}
