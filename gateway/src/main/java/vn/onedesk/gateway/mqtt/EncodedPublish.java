package vn.onedesk.gateway.mqtt;

/**
 * One PUBLISH packet as it goes on the wire, encoded once for one kind of session (protocol version, QoS, retain
 * flag) and shared by every session of that kind. The bytes are never modified: what differs per session (the
 * DUP flag in the first byte, the packet id of a QoS 1 message) is written into a small per-session head, and
 * the rest (properties and payload, the bulk) is the same for all.
 *
 * @param frame         the whole packet, with DUP clear and, for QoS 1, packet id 1
 * @param packetIdOffset where the 2-byte packet id is, or -1 (QoS 0: the frame is the same for every session)
 * @param bodyOffset    where the shared part starts: 0 for QoS 0, right after the packet id for QoS 1
 */
record EncodedPublish(byte[] frame, int packetIdOffset, int bodyOffset) {
    static final int DUP_FLAG = 0x08;

    int bodyLength() {
        return frame.length - bodyOffset;
    }

    boolean hasPacketId() {
        return packetIdOffset >= 0;
    }
}
