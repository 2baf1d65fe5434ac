package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.PasswordHash;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.staff.StaffStore;

/**
 * Everything that changes the running gateway's configuration, in one place: the administration API, a SIGHUP and
 * {@code config import} all go through it, so a change follows the same rules whoever asks for it.
 */
public final class Administration {
    final CentreAdmin centres;
    final DeviceAdmin devices;
    final StaffAdmin staff;
    final WebhookAdmin webhooks;
    final Centres running;
    final Pool pool;
    private final Vertx vertx;

    public Administration(Vertx vertx, Pool pool, Centres centres, CentreLauncher launcher, DeviceRegistry registry,
                          PresenceTracker presence, StaffStore staff, Clock clock,
                          vn.onedesk.gateway.webhooks.SubscriberPresence subscribers) {
        this.vertx = vertx;
        this.running = centres;
        this.pool = pool;
        this.centres = new CentreAdmin(pool, centres, launcher, clock);
        this.devices = new DeviceAdmin(vertx, pool, registry, presence, clock);
        this.staff = new StaffAdmin(vertx, pool, staff, centres, clock);
        this.webhooks = new WebhookAdmin(pool, subscribers, clock);
    }

    /** A demo device's published password as the database stores it (hashed once per JVM, on a worker). */
    Future<Device> hashed(Device device) {
        return device.password() instanceof PasswordHash.DemoPlainText
                ? vertx.executeBlocking(() -> ConfigSeed.hashed(device), false)
                : Future.succeededFuture(device);
    }

    /** Imports configuration files into the running gateway with these rules. */
    public ConfigImport imports() {
        return new ConfigImport(this);
    }
}
