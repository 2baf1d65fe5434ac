package vn.onedesk.gateway.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.protocol.JsonCodec;

/**
 * The non-negotiable, checked for real: the gateway process (embedded PostgreSQL and all) is killed
 * with SIGKILL while a kiosk is taking tickets, then started again on the same data directory.
 * Every ticket the kiosk was given still exists, exactly once, a retry of any request returns the
 * ticket it was given, and no number was issued twice.
 */
class GatewayCrashTest {
    private static final String C = "onedesk/v1/hcc-tinh/";
    private static final String REQUEST = C + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = C + "kiosks/kiosk-1/tickets/response";

    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();

    @Test
    void aGatewayKilledWithSigkillWhileIssuingLosesNoAcknowledgedTicketAndNeverRepeatsANumber() throws Exception {
        gateway.start();

        Map<String, JsonNode> before = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        try (Kiosk kiosk = new Kiosk(gateway.mqttUri(), before)) {
            CountDownLatch enough = kiosk.latchAfter(40);
            // Requests keep flowing while the process is killed, so some are in flight at the kill.
            Thread sender = new Thread(() -> {
                while (!killed.get() && sent.get() < 2000) {
                    kiosk.send("crash-" + sent.getAndIncrement());
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sender.start();
            assertTrue(enough.await(60, TimeUnit.SECONDS), "tickets flow before the kill");
            gateway.kill();
            killed.set(true);
            sender.join();
        }
        assertTrue(before.size() >= 40, "the kiosk got tickets before the kill: " + before.size());

        gateway.start();
        Map<String, JsonNode> after = new ConcurrentHashMap<>();
        try (Kiosk kiosk = new Kiosk(gateway.mqttUri(), after)) {
            for (int i = 0; i < sent.get(); i++) {
                kiosk.send("crash-" + i);
            }
            kiosk.awaitAll(sent.get(), 90);
        }

        for (Map.Entry<String, JsonNode> acknowledged : before.entrySet()) {
            assertEquals(acknowledged.getValue(), after.get(acknowledged.getKey()),
                    "a retry after the crash returns the very ticket " + acknowledged.getKey() + " was given");
        }
        Set<String> numbers = new TreeSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode response : after.values()) {
            JsonNode ticket = response.path("ticket");
            assertTrue(ticket.isObject(), "every request ends with a ticket: " + response);
            assertTrue(numbers.add(ticket.path("number").asText()), "number issued twice: " + ticket);
            ids.add(ticket.path("id").asText());
        }
        assertTrue(sent.get() > before.size(), "some requests were unanswered when the process died");
        assertEquals(sent.get(), numbers.size());
        assertEquals(sent.get(), ids.size());
        // Numbers are dense: a crashed batch that never committed left no hole and no repeat.
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= sent.get(); n++) {
            expected.add(String.format("A%03d", n));
        }
        assertEquals(new TreeSet<>(expected), numbers);
    }

    /** A Paho kiosk that fires requests and records the first response to each requestId. */
    private static final class Kiosk implements AutoCloseable {
        private final MqttClient client;
        private final Map<String, JsonNode> responses;
        private volatile CountDownLatch latch = new CountDownLatch(0);

        Kiosk(String uri, Map<String, JsonNode> responses) throws Exception {
            this.responses = responses;
            client = new MqttClient(uri, "crash-kiosk-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName("kiosk-1");
            options.setPassword("demo".toCharArray());
            options.setMaxInflight(1000);
            client.connect(options);
            client.subscribe(RESPONSE, 1, (topic, message) -> {
                JsonNode json = JsonCodec.tree(message.getPayload());
                if (json.has("ticket") && responses.putIfAbsent(json.path("requestId").asText(), json) == null) {
                    latch.countDown();
                }
            });
        }

        CountDownLatch latchAfter(int count) {
            latch = new CountDownLatch(count);
            return latch;
        }

        void send(String requestId) {
            try {
                MqttMessage m = new MqttMessage(("{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}")
                        .getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                client.getTopic(REQUEST).publish(m);
            } catch (Exception e) {
                // the gateway is being killed: this request may not have left; its retry will tell
            }
        }

        void awaitAll(int count, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (responses.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(count, responses.size(), "every request answered after the restart");
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(100, 100);
                }
                client.close(true);
            } catch (Exception e) {
                // the server may be gone already
            }
        }
    }
}
