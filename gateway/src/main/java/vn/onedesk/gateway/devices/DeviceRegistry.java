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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The devices of all centres, and password checks for CONNECT. A PBKDF2 check takes tens of
 * milliseconds, so it runs on a worker; a successful check is remembered as a SHA-256 of the
 * password so that a kiosk reconnecting after a network blip costs microseconds, not a worker slot.
 */
public final class DeviceRegistry {
    private final Map<String, Device> devices;
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    public DeviceRegistry(Collection<Device> devices) {
        this.devices = devices.stream().collect(Collectors.toUnmodifiableMap(Device::id, Function.identity()));
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
