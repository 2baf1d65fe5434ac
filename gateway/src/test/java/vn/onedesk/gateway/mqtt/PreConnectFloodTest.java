package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * What a client sends before it has logged in costs the log at most a line now and then, never a stack trace:
 * hundreds of connections that misbehave before their CONNECT leave the gateway's whole log (every logger, at its
 * default level) under a few kilobytes, and the gateway still serves a real device afterwards.
 */
class PreConnectFloodTest {
    private static final int CONNECTIONS = 300;
    private static final int LOG_BOUND_BYTES = 20 * 1024;

    private static GatewayHarness gateway;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler everything = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (Logger.getLogger("").isLoggable(record.getLevel())) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

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

    @BeforeEach
    void capture() {
        everything.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(everything);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(everything);
    }

    @Test
    void threeHundredConnectionsSendingAPingBeforeConnectLeaveTheLogUnderItsBoundWithoutAStackTrace() throws Exception {
        flood(MqttBytes.pingReq());
        assertQuietLog();
    }

    @Test
    void threeHundredConnectionsSendingGarbageBeforeConnectLeaveTheLogUnderItsBoundWithoutAStackTrace() throws Exception {
        flood(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
        assertQuietLog();
    }

    @Test
    void threeHundredConnectionsSendingAServersPacketBeforeConnectLeaveTheLogUnderItsBoundWithoutAStackTrace()
            throws Exception {
        flood(new byte[] {0x20, 0x02, 0x00, 0x00}); // a CONNACK, which only a server sends
        assertQuietLog();
    }

    /** Opens the connections, sends the bytes on each, and waits until the gateway has closed every one. */
    private void flood(byte[] bytes) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", gateway.gateway().mqttPort());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(bytes);
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                assertClosedByTheGateway(socket);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        // The gateway is still there for the devices that behave.
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            assertTrue(kiosk.isConnected());
        }
    }

    private static void assertClosedByTheGateway(Socket socket) throws IOException {
        try {
            assertEquals(-1, new DataInputStream(socket.getInputStream()).read(), "closed, nothing answered");
        } catch (SocketException reset) {
            // closed with a reset
        }
    }

    private void assertQuietLog() {
        SimpleFormatter formatter = new SimpleFormatter();
        String text = logged.stream().map(formatter::format).collect(Collectors.joining());
        assertTrue(text.length() < LOG_BOUND_BYTES, text.length() + " bytes logged:\n"
                + text.substring(0, Math.min(text.length(), 4000)));
        assertTrue(logged.stream().noneMatch(r -> r.getThrown() != null), "a stack trace was logged:\n" + text);
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                "a client's misbehaviour is no warning:\n" + text);
    }
}
