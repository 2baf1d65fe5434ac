package vn.onedesk.gateway.devices;

import java.util.Objects;

/**
 * A device allowed to connect: its MQTT username is its id.
 *
 * @param counter the counter a COUNTER terminal commands or a RATING_PAD rates; null for other roles
 */
public record Device(String id, String centre, DeviceRole role, String counter, PasswordHash password) {
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        if (role.boundToCounter() != (counter != null)) {
            throw new IllegalArgumentException("device " + id + ": a counter terminal or rating pad, and only one,"
                    + " names its counter");
        }
    }

    @Override
    public String toString() {
        return role + " " + id + "@" + centre;
    }
}
