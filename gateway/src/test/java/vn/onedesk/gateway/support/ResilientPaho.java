package vn.onedesk.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho devices that live through a gateway's death as real ones do: they reconnect by themselves (to any of the
 * server URIs), subscribe again each time, and send a request until it is answered, with the same requestId.
 */
public final class ResilientPaho {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResilientPaho() {
    }

    /** A client of {@code device} (password "demo") that knows these servers and puts what {@code topic} brings in the inbox. */
    public static MqttClient client(String[] uris, String device, String topic, BlockingQueue<JsonNode> inbox)
            throws Exception {
        MqttClient client = new MqttClient(uris[0], device + "-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                try {
                    client.subscribe(topic, 1);
                } catch (Exception e) {
                    // the next reconnection subscribes again
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage message) throws Exception {
                inbox.add(JSON.readTree(message.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(uris);
        options.setUserName(device);
        options.setPassword("demo".toCharArray());
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(5);
        options.setMaxReconnectDelay(500);
        client.connect(options);
        return client;
    }

    /** Publishes at QoS 1 if connected; a lost connection is not an error here: the caller sends again. */
    public static void send(MqttClient client, String topic, String json) {
        try {
            if (client.isConnected()) {
                client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
            }
        } catch (Exception e) {
            // the connection is lost: sent again once reconnected
        }
    }

    /** The reply to {@code requestId} within 3 s, skipping older requests' late answers; null if none came. */
    public static JsonNode answer(BlockingQueue<JsonNode> replies, String requestId) throws InterruptedException {
        JsonNode reply = replies.poll(3, TimeUnit.SECONDS);
        while (reply != null && !requestId.equals(reply.path("requestId").asText())) {
            reply = replies.poll(100, TimeUnit.MILLISECONDS);
        }
        return reply;
    }

    /** Sends a counter command until it is answered with anything but UNAVAILABLE (the same requestId each time). */
    public static JsonNode command(MqttClient client, String prefix, BlockingQueue<JsonNode> replies, String id,
                                   String command, AtomicBoolean running) throws InterruptedException {
        while (running.get()) {
            send(client, prefix + "commands", "{\"requestId\":\"" + id + "\",\"command\":\"" + command + "\"}");
            JsonNode reply = answer(replies, id);
            if (reply != null && !"UNAVAILABLE".equals(reply.path("error").path("code").asText())) {
                return reply;
            }
            Thread.sleep(200);
        }
        return null;
    }

    /**
     * Counter Q01 of the demo centre working until {@code running} ends: OPEN, then CALL_NEXT, START and COMPLETE for
     * each citizen called, each command sent until answered with the same requestId. What went wrong is added to
     * {@code problems}.
     */
    public static void workCounterQ01(String[] uris, AtomicBoolean running, java.util.List<String> problems) {
        BlockingQueue<JsonNode> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        String prefix = "onedesk/v1/hcc-tinh/counters/Q01/";
        try {
            MqttClient client = client(uris, "counter-Q01", prefix + "replies", replies);
            command(client, prefix, replies, "open", "OPEN", running);
            int n = 0;
            while (running.get()) {
                n++;
                JsonNode called = command(client, prefix, replies, "call-" + n, "CALL_NEXT", running);
                if (called != null && called.path("ticket").has("number")) {
                    command(client, prefix, replies, "start-" + n, "START", running);
                    command(client, prefix, replies, "done-" + n, "COMPLETE", running);
                } else {
                    Thread.sleep(100);
                }
            }
            client.disconnect();
            client.close();
        } catch (Exception e) {
            problems.add("counter failed: " + e);
        }
    }
}
