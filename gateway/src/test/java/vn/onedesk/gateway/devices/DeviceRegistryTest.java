package vn.onedesk.gateway.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the administration's saving of a device does to the connection it holds: only a change that makes its
 * credentials or its place different closes it; saving it again unchanged, as a form does, leaves the kiosk connected.
 */
class DeviceRegistryTest {
    private static final String HASH = PasswordHash.create("first-password".toCharArray()).encoded();

    private static Device kiosk(String hash) {
        return new Device("kiosk-1", "C1", DeviceRole.KIOSK, null, PasswordHash.parse(hash));
    }

    @Test
    void theSameDeviceSavedAgainFromItsStoredHashKeepsItsConnection() {
        DeviceRegistry registry = new DeviceRegistry(List.of(kiosk(HASH)));
        List<String> revoked = new ArrayList<>();
        registry.onRevoked(revoked::add);

        registry.put(kiosk(HASH)); // parsed again: new arrays, the same hash

        assertEquals(List.of(), revoked);
    }

    @Test
    void aNewPasswordOrAnotherCentreRevokesTheConnection() {
        DeviceRegistry registry = new DeviceRegistry(List.of(kiosk(HASH)));
        List<String> revoked = new ArrayList<>();
        registry.onRevoked(revoked::add);

        registry.put(kiosk(PasswordHash.create("second-password".toCharArray()).encoded()));
        registry.put(new Device("kiosk-1", "C2", DeviceRole.KIOSK, null, registry.all().iterator().next().password()));

        assertEquals(List.of("kiosk-1", "kiosk-1"), revoked);
    }
}
