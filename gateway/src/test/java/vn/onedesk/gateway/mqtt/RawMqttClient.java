package vn.onedesk.gateway.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * An MQTT 3.1.1 client written by hand on a plain socket, for what a library hides: it acknowledges only
 * when told to, shows each PUBLISH's DUP flag and packet id, and can drop the connection without a
 * DISCONNECT. Packets are built byte by byte from the MQTT 3.1.1 specification (§2, §3).
 */
final class RawMqttClient implements AutoCloseable {
    /** A PUBLISH as it came over the wire. */
    record Publish(boolean dup, int qos, boolean retain, String topic, int packetId, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int returnCode;
    private final boolean sessionPresent;

    private RawMqttClient(Socket socket, DataInputStream in, int returnCode, boolean sessionPresent) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.returnCode = returnCode;
        this.sessionPresent = sessionPresent;
    }

    /** CONNECT with user name and password, and waits for the CONNACK. */
    static RawMqttClient connect(int port, String clientId, String user, String password, boolean cleanSession)
            throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        MqttBytes.string(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x80 | 0x40 | (cleanSession ? 0x02 : 0)); // user name, password, clean session
        body.write(0);
        body.write(60); // keep alive, seconds
        MqttBytes.string(body, clientId);
        MqttBytes.string(body, user);
        MqttBytes.string(body, password);
        socket.getOutputStream().write(MqttBytes.packet(0x10, body.toByteArray()));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] connAck = readPacket(in, 0x20);
        return new RawMqttClient(socket, in, connAck[1] & 0xFF, (connAck[0] & 0x01) != 0);
    }

    int returnCode() {
        return returnCode;
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    /** SUBSCRIBE to one filter; returns the granted QoS from the SUBACK. */
    int subscribe(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        MqttBytes.string(body, filter);
        body.write(qos);
        out.write(MqttBytes.packet(0x82, body.toByteArray()));
        byte[] subAck = readPacket(in, 0x90);
        if (((subAck[0] & 0xFF) << 8 | (subAck[1] & 0xFF)) != packetId) {
            throw new IOException("SUBACK for another packet id: " + Arrays.toString(subAck));
        }
        return subAck[2] & 0xFF;
    }

    /** The next PUBLISH, waiting up to the timeout. */
    Publish nextPublish(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        int first = in.readUnsignedByte();
        socket.setSoTimeout(10_000); // the rest of a packet that has begun comes at once
        byte[] body = readBody(in);
        if ((first & 0xF0) != 0x30) {
            throw new IOException("expected PUBLISH, got packet type " + (first >> 4));
        }
        int qos = (first >> 1) & 0x03;
        int topicLength = (body[0] & 0xFF) << 8 | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int at = 2 + topicLength;
        int packetId = 0;
        if (qos > 0) {
            packetId = (body[at] & 0xFF) << 8 | (body[at + 1] & 0xFF);
            at += 2;
        }
        return new Publish((first & 0x08) != 0, qos, (first & 0x01) != 0, topic, packetId,
                Arrays.copyOfRange(body, at, body.length));
    }

    /** Whether a PUBLISH arrives within the window (the connection staying open and silent means no). */
    boolean receivesNothingWithin(Duration window) throws IOException {
        try {
            nextPublish(window);
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    void pubAck(int packetId) throws IOException {
        out.write(new byte[] {0x40, 0x02, (byte) (packetId >> 8), (byte) packetId});
    }

    /** DISCONNECT, then close: a clean end. */
    void disconnect() throws IOException {
        out.write(new byte[] {(byte) 0xE0, 0x00});
        out.flush();
        socket.close();
    }

    /** Closes the socket with a reset and no DISCONNECT, as a lost network does. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] readPacket(DataInputStream in, int expectedType) throws IOException {
        int first = in.readUnsignedByte();
        byte[] body = readBody(in);
        if ((first & 0xF0) != expectedType) {
            throw new IOException("expected packet type " + (expectedType >> 4) + ", got " + (first >> 4));
        }
        return body;
    }

    private static byte[] readBody(DataInputStream in) throws IOException {
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
        return body;
    }

}
