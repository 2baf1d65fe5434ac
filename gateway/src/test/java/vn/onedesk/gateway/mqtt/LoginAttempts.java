package vn.onedesk.gateway.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import vn.onedesk.gateway.support.HttpCalls;

/**
 * Device logins as a guesser makes them: one Paho CONNECT, from a chosen local address (Linux answers every
 * address of 127.0.0.0/8 on loopback, so each attempt can come from an address of its own and the test chooses
 * which address the throttle sees), answered by the CONNACK's return code.
 */
final class LoginAttempts {
    /** MQTT 3.1.1 CONNACK codes, as Paho reports them. */
    static final int ACCEPTED = 0;
    static final int SERVER_UNAVAILABLE = MqttException.REASON_CODE_BROKER_UNAVAILABLE; // 3
    static final int BAD_USER_NAME_OR_PASSWORD = MqttException.REASON_CODE_FAILED_AUTHENTICATION; // 4
    static final int NOT_AUTHORIZED = MqttException.REASON_CODE_NOT_AUTHORIZED; // 5
    /** MQTT 5 CONNACK reason codes. */
    static final int V5_BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int V5_SERVER_BUSY = 0x89;
    static final int V5_CONNECTION_RATE_EXCEEDED = 0x9F;

    private LoginAttempts() {
    }

    /** One MQTT 3.1.1 CONNECT from {@code from} (a loopback address); its CONNACK code. Disconnects if accepted. */
    static int connect(String uri, String deviceId, String password, String from) {
        try {
            MqttClient client = new MqttClient(uri, "guess-" + System.nanoTime(), new MemoryPersistence());
            try {
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                options.setUserName(deviceId);
                options.setPassword(password.toCharArray());
                options.setConnectionTimeout(30);
                options.setAutomaticReconnect(false);
                options.setSocketFactory(from(from));
                client.connect(options);
                client.disconnect();
                return ACCEPTED;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                        || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT
                        || e.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw new IllegalStateException("no CONNACK for " + deviceId + " from " + from, e);
                }
                return e.getReasonCode();
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One MQTT 5 CONNECT; its CONNACK reason code (0 when accepted, then disconnected). */
    static int connect5(String uri, String deviceId, String password, String from) {
        try {
            var client = new org.eclipse.paho.mqttv5.client.MqttClient(uri, "guess5-" + System.nanoTime(),
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(deviceId);
                options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                options.setConnectionTimeout(30);
                options.setAutomaticReconnect(false);
                options.setSocketFactory(from(from));
                client.connect(options);
                client.disconnect();
                return 0;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                return e.getReasonCode();
            } finally {
                client.close(true);
            }
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sockets bound to this local address before they connect. */
    static SocketFactory from(String address) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                Socket socket = createSocket();
                socket.connect(new InetSocketAddress(host, port));
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                Socket socket = createSocket();
                socket.connect(new InetSocketAddress(host, port));
                return socket;
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** {@code onedesk_device_logins_failed_total{reason="…"}} as /metrics says now (loopback needs no token). */
    static double failed(String metricsUri, String reason) {
        String body = HttpCalls.get(metricsUri).body();
        Matcher m = Pattern.compile("(?m)^onedesk_device_logins_failed_total\\{reason=\"" + reason
                + "\"}\\s+(\\S+)$").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no onedesk_device_logins_failed_total{reason=\"" + reason + "\"} in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }
}
