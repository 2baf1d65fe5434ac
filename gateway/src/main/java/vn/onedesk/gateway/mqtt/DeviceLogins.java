package vn.onedesk.gateway.mqtt;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.net.QuietLog;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.monitoring.DeviceLoginFailure;
import vn.onedesk.monitoring.MqttMetrics;

/**
 * A device's login, as its CONNECT's username (the device id it claims) and password: the throttle first, then the
 * password checked on the gateway's bounded pool of password checks.
 *
 * <ul>
 *   <li><b>Backoff</b> per device id claimed and per address ({@link LoginThrottle}: 5 and 20 failures in a row are
 *   free, then a lock of 1 s doubling up to 15 min). While locked, the login is refused without checking any
 *   hash.</li>
 *   <li><b>Remembered passwords</b> get in even while their id is locked: a device presenting the password this
 *   gateway already verified for it since it was last changed costs a SHA-256, no check, and proves it knows the
 *   password. So someone guessing a kiosk's password cannot keep that kiosk out when its connection drops.</li>
 *   <li><b>Busy</b>: when the pool's threads and queue are all taken, the login is refused at once, not queued.</li>
 *   <li><b>No oracle</b>: an unknown or disabled id costs a check against the stand-in hash, as a known one does;
 *   all three are refused alike.</li>
 *   <li><b>Log and metric</b>: each refusal is counted in {@code onedesk_device_logins_failed_total{reason}} and
 *   logged at INFO with the device id claimed and the address (never the password), at most one line per kind every
 *   10 s: anyone can send CONNECTs, and the log must not be theirs to fill.</li>
 * </ul>
 */
public final class DeviceLogins {
    private static final Logger LOG = Logger.getLogger(DeviceLogins.class.getName());

    private final DeviceRegistry devices;
    private final PasswordChecks checks;
    private final LoginThrottle throttle;
    private final MqttMetrics metrics;
    private final Clock clock;
    private final QuietLog quiet;

    public DeviceLogins(DeviceRegistry devices, PasswordChecks checks, LoginThrottle throttle, MqttMetrics metrics,
                        Clock clock) {
        this.devices = devices;
        this.checks = checks;
        this.throttle = throttle;
        this.metrics = metrics;
        this.clock = clock;
        this.quiet = new QuietLog(LOG);
    }

    /** What a login came to; the listener turns it into a CONNACK. */
    public sealed interface Verdict {
    }

    public record Accepted(Device device) implements Verdict {
    }

    /** Unknown id, wrong password or disabled device: one answer for all three. */
    public record Refused() implements Verdict {
    }

    /** The id or the address is locked; no password was checked. */
    public record Locked(Duration retryAfter) implements Verdict {
    }

    /** Every password-check thread busy and the queue full; no password was checked. */
    public record Busy() implements Verdict {
    }

    /**
     * @param address the client's address (the browser's, for MQTT over the WebSocket bridge), the throttle's second
     *                key and the log's
     */
    public Future<Verdict> login(String deviceId, String password, String address) {
        Optional<Device> remembered = devices.remembered(deviceId, password);
        if (remembered.isPresent()) {
            return Future.succeededFuture(new Accepted(remembered.get()));
        }
        Instant now = clock.instant();
        Optional<LoginThrottle.Locked> locked = throttle.attempt(deviceId, address, now);
        if (locked.isPresent()) {
            metrics.deviceLoginFailed(DeviceLoginFailure.LOCKED);
            quiet.log(Level.INFO, "locked", () -> "refused CONNECT of device " + quoted(deviceId) + " from " + address
                    + ": too many failed logins of this " + (locked.get().what().equals("account") ? "device id"
                    : "address") + ", locked for " + seconds(locked.get().retryAfter())
                    + " s more; no password was checked");
            return Future.succeededFuture(new Locked(locked.get().retryAfter()));
        }
        return devices.authenticate(checks, deviceId, password).<Verdict>map(checked -> {
            if (checked.outcome() == DeviceRegistry.Outcome.ACCEPTED) {
                throttle.succeeded(deviceId, address);
                return new Accepted(checked.device().orElseThrow());
            }
            throttle.failed(deviceId, address, clock.instant());
            boolean disabled = checked.outcome() == DeviceRegistry.Outcome.DISABLED;
            metrics.deviceLoginFailed(disabled ? DeviceLoginFailure.DISABLED : DeviceLoginFailure.UNKNOWN_OR_WRONG);
            int inARow = throttle.failures(deviceId);
            quiet.log(Level.INFO, "refused", () -> "refused CONNECT of device " + quoted(deviceId) + " from "
                    + address + ": " + (disabled ? "the device is disabled"
                    : devices.find(deviceId).isPresent() ? "wrong password" : "no such device")
                    + " (" + inARow + " failed in a row for this id)");
            return new Refused();
        }).recover(e -> {
            throttle.abandoned(deviceId, address);
            if (e instanceof PasswordChecks.Busy) {
                metrics.deviceLoginFailed(DeviceLoginFailure.BUSY);
                quiet.log(Level.INFO, "busy", () -> "refused CONNECT of device " + quoted(deviceId) + " from "
                        + address + " as busy: " + e.getMessage());
                return Future.succeededFuture(new Busy());
            }
            return Future.failedFuture(e);
        });
    }

    /** The id as claimed, quoted, without control characters (it goes into the log) and at most 64 of them. */
    static String quoted(String deviceId) {
        String clean = deviceId.codePoints().limit(64)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + clean + (deviceId.codePointCount(0, deviceId.length()) > 64 ? "…'" : "'");
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
