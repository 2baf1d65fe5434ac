package vn.onedesk.protocol.devices;

import java.time.Instant;
import vn.onedesk.protocol.Fields;

/**
 * On {@code onedesk/v1/{c}/devices/{deviceId}/status}: a heartbeat from the device (ONLINE),
 * its last will (OFFLINE), or the gateway's own note that the device went away.
 *
 * @param at      when the device says it sent this; optional
 * @param printer a kiosk's ticket printer, with its heartbeat; absent for devices without one
 */
public record DeviceStatus(Presence status, Instant at, PrinterStatus printer) {
    public DeviceStatus {
        Fields.requiredValue("status", status);
    }

    /** A status without printer information: displays, terminals, last wills. */
    public DeviceStatus(Presence status, Instant at) {
        this(status, at, null);
    }
}
