package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.ClusterProcesses;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Two gateway processes on real Hazelcast and PostgreSQL; two Paho kiosks that know both nodes (a client's list of
 * server URIs) take tickets without pause, retrying each unanswered or UNAVAILABLE request with the same requestId,
 * as kiosks do. The node writing the centre is SIGKILLed under that load: the other takes the centre over, and in the
 * end every ticket a kiosk was given is in the database exactly once, no number was issued twice, and a retried
 * request always got the same ticket.
 */
class NodeKilledUnderLoadTest {
    private static final String PREFIX = "onedesk/v1/hcc-tinh/kiosks/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final GatewayProcess first = GatewayProcess.inTemporaryFolder();
    @RegisterExtension
    final GatewayProcess second = GatewayProcess.inTemporaryFolder();

    @Test
    void theWritersNodeKilledUnderLoadLosesNoTicketAndIssuesNoNumberTwice() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        List<Integer> ports = GatewayNode.freePorts(2);
        first.start(ClusterProcesses.env(url, ports, 0));
        second.start(ClusterProcesses.env(url, ports, 1));
        GatewayProcess writer = ClusterProcesses.writerOf("hcc-tinh", List.of(first, second),
                Duration.ofSeconds(30));
        String[] uris = {"tcp://127.0.0.1:" + first.mqttPort, "tcp://127.0.0.1:" + second.mqttPort};

        Map<String, String> given = new ConcurrentHashMap<>(); // requestId -> ticket id
        Map<String, String> numbers = new ConcurrentHashMap<>(); // ticket id -> number
        List<String> inconsistencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> kiosks = new ArrayList<>();
        for (String kiosk : List.of("kiosk-1", "kiosk-2")) {
            Thread t = new Thread(() -> takeTickets(kiosk, uris, running, given, numbers, inconsistencies),
                    "kiosk " + kiosk);
            t.start();
            kiosks.add(t);
        }
        Thread.sleep(4_000);
        int before = given.size();
        writer.kill(); // SIGKILL
        long killedAt = System.nanoTime();
        GatewayProcess survivor = writer == first ? second : first;
        assertEquals(survivor, ClusterProcesses.writerOf("hcc-tinh", List.of(survivor), Duration.ofSeconds(30)),
                "the survivor takes the centre over");
        long servedAgain = waitForMore(given, before + 10, Duration.ofSeconds(30));
        Thread.sleep(3_000);
        running.set(false);
        for (Thread t : kiosks) {
            t.join(30_000);
        }

        assertTrue(inconsistencies.isEmpty(), inconsistencies.toString());
        assertTrue(given.size() > before + 10, "tickets were given after the kill: " + before + " then "
                + given.size());
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.sqlclient.Pool db = io.vertx.pgclient.PgBuilder.pool()
                    .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(url)).using(vertx).build();
            Map<String, String> stored = new HashMap<>();
            for (io.vertx.sqlclient.Row r : db.query("SELECT ticket_id, number FROM tickets").execute()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)) {
                stored.put(r.getString(0), r.getString(1));
            }
            numbers.forEach((ticket, number) -> assertEquals(number, stored.get(ticket),
                    "ticket " + ticket + " as the kiosk was given it, in the database"));
            assertEquals(stored.size(), new java.util.HashSet<>(stored.values()).size(),
                    "no number issued twice: " + stored.values());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.out.printf("node killed under load: %d tickets before the kill, %d in all; served again %d ms after"
                + " the kill%n", before, given.size(), (servedAgain - killedAt) / 1_000_000);
    }

    /** A kiosk as the real ones behave: one request at a time, the same requestId until it has its ticket. */
    private static void takeTickets(String kiosk, String[] uris, AtomicBoolean running, Map<String, String> given,
                                    Map<String, String> numbers, List<String> inconsistencies) {
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        String response = PREFIX + kiosk + "/tickets/response";
        try {
            MqttClient client = new MqttClient(uris[0], kiosk + "-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    try {
                        client.subscribe(response, 1);
                    } catch (Exception e) {
                        // the next reconnection subscribes again
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    replies.add(JSON.readTree(message.getPayload()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setServerURIs(uris);
            options.setUserName(kiosk);
            options.setPassword("demo".toCharArray());
            options.setAutomaticReconnect(true);
            options.setConnectionTimeout(5);
            options.setMaxReconnectDelay(500);
            client.connect(options);
            int n = 0;
            while (running.get()) {
                String id = kiosk + "-" + ++n;
                String ticket = null;
                while (ticket == null) {
                    try {
                        if (client.isConnected()) {
                            client.publish(PREFIX + kiosk + "/tickets/request", ("{\"requestId\":\"" + id
                                    + "\",\"service\":\"TP\"}").getBytes(StandardCharsets.UTF_8), 1, false);
                        }
                    } catch (Exception e) {
                        // lost the connection: the same request again once reconnected
                    }
                    JsonNode reply = replies.poll(3, TimeUnit.SECONDS);
                    while (reply != null && !id.equals(reply.path("requestId").asText())) {
                        reply = replies.poll(100, TimeUnit.MILLISECONDS); // an older request's late answer
                    }
                    if (reply != null && reply.path("ticket").has("id")) {
                        ticket = reply.path("ticket").path("id").asText();
                        String number = reply.path("ticket").path("number").asText();
                        String earlier = given.putIfAbsent(id, ticket);
                        if (earlier != null && !earlier.equals(ticket)) {
                            inconsistencies.add(id + " got " + earlier + " then " + ticket);
                        }
                        numbers.put(ticket, number);
                    } else if (!running.get()) {
                        break;
                    } else {
                        Thread.sleep(200);
                    }
                }
            }
            client.disconnect();
            client.close();
        } catch (Exception e) {
            inconsistencies.add(kiosk + " failed: " + e);
        }
    }

    private static long waitForMore(Map<String, String> given, int count, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (given.size() < count) {
            assertTrue(System.nanoTime() < end, "no tickets after the kill within " + within);
            Thread.sleep(50);
        }
        return System.nanoTime();
    }
}
