package vn.onedesk.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * The live administration's changes, on every node: a device added, changed, disabled or removed on one node may log
 * in on any node (and loses its connection on every node); a centre created or removed joins or leaves the catalogue
 * the nodes share out ({@link CentreOwnership}), whichever node the administrator reached. The database already has
 * each change (the administration commits it first); this carries it to the running nodes, on the event bus.
 */
public final class ClusterAdministration {
    private static final Logger LOG = Logger.getLogger(ClusterAdministration.class.getName());
    static final String DEVICES = "onedesk.admin.devices";
    static final String CENTRES = "onedesk.admin.centres";

    private final Vertx vertx;
    private final String self;
    private final DeviceRegistry devices;
    private final Map<String, CentreDefinition> catalogue = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private MessageConsumer<JsonObject> deviceChanges;
    private MessageConsumer<JsonObject> centreChanges;

    public ClusterAdministration(Vertx vertx, String self, DeviceRegistry devices, List<CentreDefinition> centres) {
        this.vertx = vertx;
        this.self = self;
        this.devices = devices;
        centres.forEach(this::added);
    }

    public Future<Void> start() {
        deviceChanges = vertx.eventBus().consumer(DEVICES, m -> {
            if (!self.equals(m.body().getString("from"))) {
                try {
                    devices.apply(change(m.body()));
                } catch (RuntimeException e) {
                    LOG.warning("a device change from another node could not be read: " + e.getMessage());
                }
            }
        });
        centreChanges = vertx.eventBus().consumer(CENTRES, m -> {
            if (!self.equals(m.body().getString("from"))) {
                JsonObject body = m.body();
                if (body.containsKey("added")) {
                    added(CentreJson.read(body.getJsonObject("added")));
                } else {
                    removed(body.getString("removed"));
                }
            }
        });
        devices.relayTo(change -> vertx.eventBus().publish(DEVICES, encode(change).put("from", self)));
        return Future.join(deviceChanges.completion(), centreChanges.completion()).mapEmpty();
    }

    /** The centres the nodes share out: the configured ones and those the administration created since. */
    public List<CentreDefinition> centres() {
        List<CentreDefinition> all = new ArrayList<>();
        order.forEach(id -> {
            CentreDefinition c = catalogue.get(id);
            if (c != null) {
                all.add(c);
            }
        });
        return all;
    }

    public boolean knows(String centre) {
        return catalogue.containsKey(centre);
    }

    /** The administration created a centre here: every node learns of it, and the one it hashes to takes it. */
    public void create(CentreDefinition centre) {
        added(centre);
        vertx.eventBus().publish(CENTRES, new JsonObject().put("from", self).put("added", CentreJson.write(centre)));
    }

    /** The administration removed a centre here: its writer stops, wherever it runs. */
    public void remove(String centre) {
        removed(centre);
        vertx.eventBus().publish(CENTRES, new JsonObject().put("from", self).put("removed", centre));
    }

    private void added(CentreDefinition centre) {
        if (catalogue.put(centre.id(), centre) == null) {
            order.add(centre.id());
        }
    }

    private void removed(String centre) {
        catalogue.remove(centre);
        order.remove(centre);
    }

    static JsonObject encode(DeviceRegistry.Change change) {
        JsonObject json = new JsonObject().put("kind", change.kind().name()).put("id", change.id());
        Device d = change.device();
        if (d != null) {
            json.put("centre", d.centre()).put("role", d.role().name()).put("counter", d.counter())
                    .put("password", d.password() instanceof PasswordHash.Pbkdf2 p ? "pbkdf2:" + p.encoded()
                            : "demo:" + ((PasswordHash.DemoPlainText) d.password()).password());
        }
        return json;
    }

    static DeviceRegistry.Change change(JsonObject json) {
        DeviceRegistry.Change.Kind kind = DeviceRegistry.Change.Kind.valueOf(json.getString("kind"));
        String id = json.getString("id");
        if (kind != DeviceRegistry.Change.Kind.PUT) {
            return new DeviceRegistry.Change(kind, id, null);
        }
        String password = json.getString("password");
        PasswordHash hash = password.startsWith("pbkdf2:") ? PasswordHash.parse(password.substring(7))
                : new PasswordHash.DemoPlainText(password.substring(5));
        return new DeviceRegistry.Change(kind, id, new Device(id, json.getString("centre"),
                DeviceRole.valueOf(json.getString("role")), json.getString("counter"), hash));
    }
}
