package vn.onedesk.gateway.devices;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import vn.onedesk.gateway.security.PasswordChecks;

/**
 * The devices that may connect now (enabled ones, of all centres), and password checks for CONNECT. A PBKDF2
 * check takes tens of milliseconds, so it runs on the gateway's bounded pool of password checks; a successful check
 * is remembered as a SHA-256 of the password so that a kiosk reconnecting after a network blip costs microseconds,
 * not a check. An unknown or disabled id costs a check against a stand-in hash, as a known one does.
 *
 * <p>The administration changes it live: a device added can connect at once; a device removed, disabled or given a
 * new password is forgotten, its remembered check dropped, and whoever watches ({@link #onRevoked}, the MQTT
 * listener) disconnects it.
 */
public final class DeviceRegistry {
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final List<Consumer<String>> revokedListeners = new CopyOnWriteArrayList<>();
    /** Devices that exist but may not connect: only so that the log and the metric can say so. */
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Change> relay = change -> { };

    public DeviceRegistry(Collection<Device> devices) {
        devices.forEach(d -> this.devices.put(d.id(), d));
    }

    /**
     * A device that may connect from now on (added, enabled, or changed). A change of its password, role, centre or
     * counter revokes the connection it holds; the same device saved again leaves it connected.
     */
    public void put(Device device) {
        apply(new Change(Change.Kind.PUT, device.id(), device));
        relay.accept(new Change(Change.Kind.PUT, device.id(), device));
    }

    /** The device may no longer connect (removed or disabled); a connection it holds is closed. */
    public void remove(String deviceId) {
        apply(new Change(Change.Kind.REMOVE, deviceId, null));
        relay.accept(new Change(Change.Kind.REMOVE, deviceId, null));
    }

    /** The device exists but may no longer connect; a connection it holds is closed. */
    public void disable(String deviceId) {
        apply(new Change(Change.Kind.DISABLE, deviceId, null));
        relay.accept(new Change(Change.Kind.DISABLE, deviceId, null));
    }

    /** A change the administration made: a device put (added, enabled, changed), removed or disabled. */
    public record Change(Kind kind, String id, Device device) {
        public enum Kind { PUT, REMOVE, DISABLE }
    }

    /** In a cluster: the administration's changes made on this node go to the other nodes' registries too. */
    public void relayTo(Consumer<Change> relay) {
        this.relay = relay;
    }

    /** A change another node's administration made: applied here, not relayed again. */
    public void apply(Change change) {
        switch (change.kind()) {
            case PUT -> putHere(change.device());
            case REMOVE -> {
                disabled.remove(change.id());
                devices.remove(change.id());
                revoke(change.id());
            }
            case DISABLE -> {
                devices.remove(change.id());
                disabled.add(change.id());
                revoke(change.id());
            }
        }
    }

    private void putHere(Device device) {
        disabled.remove(device.id());
        Device before = devices.put(device.id(), device);
        if (before != null && !before.equals(device)) {
            revoke(device.id());
        }
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

    /**
     * The device, if this password is the one already verified for it since it was last changed (its remembered
     * check): a SHA-256, microseconds, no password-check thread. Empty otherwise, which says nothing yet.
     */
    public Optional<Device> remembered(String deviceId, String password) {
        Device device = devices.get(deviceId);
        if (device == null || password == null) {
            return Optional.empty();
        }
        return fingerprint(deviceId, password).equals(verified.get(deviceId)) ? Optional.of(device) : Optional.empty();
    }

    /** What a password check came to. */
    public enum Outcome {
        ACCEPTED,
        /** No such device, or a wrong password. */
        UNKNOWN_OR_WRONG,
        /** The device exists but is disabled; its password was checked against the stand-in. */
        DISABLED
    }

    /** @param device present only when {@link Outcome#ACCEPTED} */
    public record Checked(Outcome outcome, Optional<Device> device) {
    }

    /**
     * Checks the password on {@code checks}, the gateway's bounded pool (failing with
     * {@link PasswordChecks.Busy} when it is full). An unknown id and a disabled device are checked against the
     * {@linkplain StandInHash stand-in hash}, at the cost of a real check, so that neither the answer nor its time
     * tells which ids exist.
     */
    public Future<Checked> authenticate(PasswordChecks checks, String deviceId, String password) {
        Optional<Device> remembered = remembered(deviceId, password);
        if (remembered.isPresent()) {
            return Future.succeededFuture(new Checked(Outcome.ACCEPTED, remembered));
        }
        Device device = devices.get(deviceId);
        char[] typed = password == null ? new char[0] : password.toCharArray();
        if (device == null) {
            Outcome refusal = disabled.contains(deviceId) ? Outcome.DISABLED : Outcome.UNKNOWN_OR_WRONG;
            return checks.run(() -> {
                StandInHash.hash().matches(typed); // never matches: only its cost counts
                return new Checked(refusal, Optional.empty());
            });
        }
        if (!device.password().isExpensive()) { // plain text, in tests' registries only
            return Future.succeededFuture(check(device, password, typed));
        }
        return checks.run(() -> check(device, password, typed));
    }

    private Checked check(Device device, String password, char[] typed) {
        if (password != null && device.password().matches(typed)) {
            verified.put(device.id(), fingerprint(device.id(), password));
            return new Checked(Outcome.ACCEPTED, Optional.of(device));
        }
        return new Checked(Outcome.UNKNOWN_OR_WRONG, Optional.empty());
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
