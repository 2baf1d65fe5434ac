package vn.onedesk.gateway.devices;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The devices that may connect now (enabled ones, of all centres), and password checks for CONNECT. A PBKDF2
 * check takes tens of milliseconds, so it runs on a worker; a successful check is remembered as a SHA-256 of the
 * password so that a kiosk reconnecting after a network blip costs microseconds, not a worker slot.
 *
 * <p>The administration changes it live: a device added can connect at once; a device removed, disabled or given a
 * new password is forgotten, its remembered check dropped, and whoever watches ({@link #onRevoked}, the MQTT
 * listener) disconnects it.
 */
public final class DeviceRegistry {
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final List<Consumer<String>> revokedListeners = new CopyOnWriteArrayList<>();

    public DeviceRegistry(Collection<Device> devices) {
        devices.forEach(d -> this.devices.put(d.id(), d));
    }

    /** A device that may connect from now on (added, enabled, or with a new password, which revokes the old one). */
    public void put(Device device) {
        Device before = devices.put(device.id(), device);
        if (before != null) {
            revoke(device.id());
        }
    }

    /** The device may no longer connect (removed or disabled); a connection it holds is closed. */
    public void remove(String deviceId) {
        devices.remove(deviceId);
        revoke(deviceId);
    }

    private void revoke(String deviceId) {
        verified.remove(deviceId);
        revokedListeners.forEach(l -> l.accept(deviceId));
    }

    /** Called with a device's id when it may no longer use the connection it holds. */
    public void onRevoked(Consumer<String> listener) {
        revokedListeners.add(listener);
    }

    public Optional<Device> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public Collection<Device> all() {
        return devices.values();
    }

    /** The device, if the id is known and the password is right; empty otherwise. */
    public Future<Optional<Device>> authenticate(Vertx vertx, String deviceId, String password) {
        Device device = devices.get(deviceId);
        if (device == null || password == null) {
            return Future.succeededFuture(Optional.empty());
        }
        String fingerprint = fingerprint(deviceId, password);
        if (fingerprint.equals(verified.get(deviceId))) {
            return Future.succeededFuture(Optional.of(device));
        }
        if (!device.password().isExpensive()) {
            return Future.succeededFuture(check(device, password, fingerprint));
        }
        return vertx.executeBlocking(() -> check(device, password, fingerprint), false);
    }

    private Optional<Device> check(Device device, String password, String fingerprint) {
        if (device.password().matches(password.toCharArray())) {
            verified.put(device.id(), fingerprint);
            return Optional.of(device);
        }
        return Optional.empty();
    }

    private static String fingerprint(String deviceId, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(deviceId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return java.util.HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
