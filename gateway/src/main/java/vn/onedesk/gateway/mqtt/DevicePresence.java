package vn.onedesk.gateway.mqtt;

import vn.onedesk.gateway.devices.Device;

/**
 * What the MQTT server tells about a device's connection, for whoever tracks presence. An interface here,
 * so that the server does not depend on the presence feature built on top of it.
 */
public interface DevicePresence {
    /** The device connected (its CONNECT was accepted). */
    void online(Device device);

    /** The device disconnected cleanly, or its connection was taken over. */
    void offline(Device device);

    /** The connection dropped without DISCONNECT; {@code will} is the last will it registered. */
    void lastWill(Device device, byte[] will);
}
