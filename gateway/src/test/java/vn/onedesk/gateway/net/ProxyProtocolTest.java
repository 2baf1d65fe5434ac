package vn.onedesk.gateway.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Behind HAProxy (ONEDESK_MQTT_PROXY_PROTOCOL=on) the MQTT listener takes each device's address from the PROXY
 * protocol header, so the cap of connections per address counts devices, not the load balancer; a connection without
 * the header is not served, and MQTT over WebSocket still works (the bridge sends the header itself).
 */
class ProxyProtocolTest {
    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theCapPerAddressCountsTheAddressesThePROXYHeaderNamesAndAConnectionWithoutItIsNotServed() throws Exception {
        gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_MQTT_PROXY_PROTOCOL, "on",
                ConfigLoader.ENV_MQTT_MAX_CONNECTIONS_PER_ADDRESS, "1")), Clock.systemUTC());
        String uri = gateway.mqttUri();
        try (TestDevice first = TestDevice.connect(uri, "kiosk-1", "demo", from("10.1.1.1"));
             TestDevice second = TestDevice.connect(uri, "kiosk-2", "demo", from("10.1.1.2"))) {
            assertTrue(first.isConnected() && second.isConnected(),
                    "two devices behind one load balancer, each its own address");
            assertThrows(MqttException.class, () -> TestDevice.connect(uri, "hall-1", "demo", from("10.1.1.1")),
                    "a second connection from 10.1.1.1 is over its cap of one");
            assertThrows(MqttException.class, () -> TestDevice.connect(uri, "hall-1", "demo"),
                    "a connection without the PROXY header is not served");
            try (TestDevice browser = TestDevice.connect(gateway.webSocketUri(), "hall-1", "demo")) {
                assertTrue(browser.isConnected(), "MQTT over WebSocket reaches the listener through its bridge");
            }
        }
    }

    /** Sockets that send a PROXY protocol v1 header naming this source address as soon as they connect. */
    private static SocketFactory from(String source) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        super.connect(endpoint, timeout);
                        getOutputStream().write(("PROXY TCP4 " + source + " 127.0.0.1 40000 " + getPort() + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        getOutputStream().flush();
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
