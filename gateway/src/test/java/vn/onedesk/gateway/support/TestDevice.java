package vn.onedesk.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import vn.onedesk.protocol.JsonCodec;

/**
 * A device as the gateway sees it, played by Eclipse Paho (MQTT 3.1.1) so that the wire contract
 * is checked by an independent implementation. Every message received is kept in arrival order.
 */
public final class TestDevice implements AutoCloseable {
    public record Received(String topic, byte[] payload, boolean retained, int qos) {
        public JsonNode json() {
            return JsonCodec.tree(payload);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    private boolean sessionPresent;

    private TestDevice(MqttClient client) {
        this.client = client;
    }

    public static TestDevice connect(String serverUri, String deviceId, String password) throws MqttException {
        return connect(serverUri, deviceId, password, deviceId + "-" + System.nanoTime());
    }

    public static TestDevice connect(String serverUri, String deviceId, String password, String clientId)
            throws MqttException {
        return connect(serverUri, deviceId, password, clientId, true, 60);
    }

    /**
     * Connects with a chosen client id and clean session flag, as a display that keeps its session does
     * (clean session false), and a keep-alive in seconds; {@link #sessionPresent()} tells what the CONNACK said.
     */
    public static TestDevice connect(String serverUri, String deviceId, String password, String clientId,
                                     boolean cleanSession, int keepAliveSeconds) throws MqttException {
        return connect(serverUri, deviceId, password, clientId, cleanSession, keepAliveSeconds, null);
    }

    /** Over TLS ({@code ssl://} or {@code wss://}), with sockets from this factory (its trust, its client key). */
    public static TestDevice connect(String serverUri, String deviceId, String password,
                                     javax.net.SocketFactory sockets) throws MqttException {
        return connect(serverUri, deviceId, password, deviceId + "-" + System.nanoTime(), true, 60, sockets);
    }

    private static TestDevice connect(String serverUri, String deviceId, String password, String clientId,
                                      boolean cleanSession, int keepAliveSeconds, javax.net.SocketFactory sockets)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        TestDevice device = new TestDevice(client);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                device.inbox.add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setKeepAliveInterval(keepAliveSeconds);
        options.setUserName(deviceId);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        device.sessionPresent = client.connectWithResult(options).getSessionPresent();
        return device;
    }

    /** Subscribes and returns the granted QoS per filter (128 = refused). */
    public int[] subscribe(String... filters) throws MqttException {
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        var token = client.subscribeWithResponse(filters, qos);
        token.waitForCompletion(10_000);
        return token.getGrantedQos();
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message);
    }

    /** The next message matching the predicate, skipping (and remembering) others. */
    public Received await(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
        for (Received r : seen) {
            if (wanted.test(r)) {
                seen.remove(r);
                return r;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                fail("no matching message within " + timeout + "; received meanwhile: " + seen.stream()
                        .map(x -> x.topic() + " " + x.text()).toList());
            }
            if (wanted.test(r)) {
                return r;
            }
            seen.add(r);
        }
    }

    public Received await(String topic) throws InterruptedException {
        return await(r -> r.topic().equals(topic), Duration.ofSeconds(10));
    }

    /** The next message on the topic whose requestId is the given one. */
    public JsonNode reply(String topic, String requestId) throws InterruptedException {
        return await(r -> r.topic().equals(topic) && requestId.equals(r.json().path("requestId").asText(null)),
                Duration.ofSeconds(10)).json();
    }

    /** Publishes a request and waits for the reply carrying the same requestId. */
    public JsonNode request(String topic, String replyTopic, String requestId, String json)
            throws MqttException, InterruptedException {
        publish(topic, json);
        return reply(replyTopic, requestId);
    }

    /** Asserts that nothing matching arrives within the window. */
    public void expectNothing(Predicate<Received> unwanted, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r != null) {
                if (unwanted.test(r)) {
                    fail("unexpected message on " + r.topic() + ": " + r.text());
                }
                seen.add(r);
            }
        }
    }

    /** The CONNACK's session present flag: the gateway still had this client id's session. */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public MqttClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // best effort: the test is over
        }
    }
}
