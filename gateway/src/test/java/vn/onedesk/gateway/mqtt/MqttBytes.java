package vn.onedesk.gateway.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** MQTT 3.1.1 packets as bytes (§2, §3), for tests that write what no client library would, in one write. */
final class MqttBytes {
    /** One packet read off the wire: its first byte and its body. */
    record Packet(int header, byte[] body) {
        int type() {
            return header >> 4;
        }

        int packetId() {
            return (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
        }

        String topic() {
            int length = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
            return new String(body, 2, length, StandardCharsets.UTF_8);
        }

        String payload() {
            int length = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
            int at = 2 + length + (((header >> 1) & 3) > 0 ? 2 : 0);
            return new String(body, at, body.length - at, StandardCharsets.UTF_8);
        }
    }

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;

    private MqttBytes() {
    }

    static byte[] connect(String clientId, String user, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x80 | 0x40 | 0x02); // user name, password, clean session
        body.write(0);
        body.write(60); // keep alive, seconds
        string(body, clientId);
        string(body, user);
        string(body, password);
        return packet(0x10, body.toByteArray());
    }

    static byte[] subscribe(int packetId, String filter, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        string(body, filter);
        body.write(qos);
        return packet(0x82, body.toByteArray());
    }

    static byte[] publishQos1(int packetId, String topic, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x32, body.toByteArray());
    }

    static byte[] pingReq() {
        return new byte[] {(byte) 0xC0, 0x00};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    static Packet read(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(first, body);
    }

    /** A packet of this first byte and body, with its remaining length encoded as MQTT does. */
    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int b = length % 128;
            length /= 128;
            packet.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    /** A UTF-8 string as MQTT writes one: two bytes of length, then the bytes. */
    static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
