package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.protocol.JsonCodec;

/**
 * MQTT 3.1.1 §3.1.4 lets a client send packets right behind its CONNECT, without waiting for the CONNACK. The
 * gateway checks the password on a worker meanwhile; what came behind the CONNECT waits and is handled once the
 * CONNECT is accepted. Written byte by byte on a plain socket, in one write, as no client library would.
 */
class PipelinedConnectTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aConnectSubscribeAndPublishInOneWriteGetTheirConnackSubackAndATicket() throws Exception {
        String requestId = "pipelined-" + System.nanoTime();
        try (LogCapture log = LogCapture.of(MqttListener.class);
             Socket socket = new Socket("127.0.0.1", gateway.gateway().mqttPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(MqttBytes.concat(
                    MqttBytes.connect("kiosk-1-pipelined-" + System.nanoTime(), "kiosk-1", "demo"),
                    MqttBytes.subscribe(1, RESPONSE, 1),
                    MqttBytes.publishQos1(2, REQUEST, "{\"requestId\":\"" + requestId + "\",\"service\":\"CA\"}")));
            DataInputStream in = new DataInputStream(socket.getInputStream());

            MqttBytes.Packet connAck = MqttBytes.read(in);
            assertEquals(MqttBytes.CONNACK, connAck.type());
            assertEquals(0, connAck.body()[1], "accepted");
            MqttBytes.Packet subAck = MqttBytes.read(in);
            assertEquals(MqttBytes.SUBACK, subAck.type(), "the SUBSCRIBE was read after the CONNACK");
            assertEquals(1, subAck.packetId());
            assertEquals(1, subAck.body()[2], "granted QoS 1");

            boolean pubAck = false;
            JsonNode reply = null;
            while (!pubAck || reply == null) {
                MqttBytes.Packet p = MqttBytes.read(in);
                if (p.type() == MqttBytes.PUBACK) {
                    assertEquals(2, p.packetId());
                    pubAck = true;
                } else if (p.type() == MqttBytes.PUBLISH && p.topic().equals(RESPONSE)) {
                    JsonNode json = JsonCodec.tree(p.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    if (requestId.equals(json.path("requestId").asText())) {
                        reply = json;
                    }
                }
            }
            assertFalse(reply.has("error"), reply.toString());
            assertTrue(reply.path("ticket").path("number").asText().matches("[A-Z]+\\d+"), reply.toString());
            assertTrue(log.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    log.text());
        }
    }

    @Test
    void aPipelinedConnectWithAWrongPasswordIsRefusedAndNothingBehindItIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.gateway().mqttPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(MqttBytes.concat(
                    MqttBytes.connect("kiosk-1-guess-" + System.nanoTime(), "kiosk-1", "not-the-password"),
                    MqttBytes.subscribe(1, RESPONSE, 1),
                    MqttBytes.publishQos1(2, REQUEST, "{\"requestId\":\"guess\",\"service\":\"CA\"}")));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            MqttBytes.Packet connAck = MqttBytes.read(in);
            assertEquals(MqttBytes.CONNACK, connAck.type());
            assertEquals(4, connAck.body()[1], "bad user name or password");
            assertClosedWithoutAnotherPacket(in);
        }
        assertEquals(0, gateway.count("SELECT count(*) FROM requests WHERE request_id = 'guess'"));
    }

    static void assertClosedWithoutAnotherPacket(DataInputStream in) throws IOException {
        try {
            int next = in.read();
            assertEquals(-1, next, "no packet after the refusal");
        } catch (EOFException | SocketException closed) {
            // a reset is a close too
        }
    }
}
