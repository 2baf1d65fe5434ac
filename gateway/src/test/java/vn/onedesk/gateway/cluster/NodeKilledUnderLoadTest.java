package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.ClusterProcesses;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.ResilientPaho;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Two gateway processes on real Hazelcast and PostgreSQL; two Paho kiosks that know both nodes (a client's list of
 * server URIs) take tickets without pause, retrying each unanswered or UNAVAILABLE request with the same requestId,
 * as kiosks do. The node writing the centre is SIGKILLed under that load: the other takes the centre over, and in the
 * end every ticket a kiosk was given is in the database exactly once, no number was issued twice, a retried request
 * always got the same ticket, and a hall display (that reads the board when a call's seq jumps) has every call a
 * counter made through the kill.
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
        java.util.Set<Long> shown = ConcurrentHashMap.newKeySet(); // the calls' seqs the hall display has
        Thread counter = new Thread(() -> ResilientPaho.workCounterQ01(uris, running, inconsistencies), "counter Q01");
        Thread display = new Thread(() -> watchCalls(uris, new int[] {first.httpPort, second.httpPort}, running,
                shown, inconsistencies), "hall display");
        counter.start();
        display.start();
        kiosks.add(counter);
        kiosks.add(display);
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
            long lastSeq = db.query("SELECT last_call_seq FROM centres WHERE centre_id = 'hcc-tinh'").execute()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0);
            assertTrue(lastSeq > 10, "the counter called through the kill: " + lastSeq + " calls");
            java.util.Set<Long> missing = new java.util.TreeSet<>();
            for (long seq = 1; seq <= lastSeq; seq++) {
                if (!shown.contains(seq)) {
                    missing.add(seq);
                }
            }
            assertTrue(missing.isEmpty(), "the hall display has every call, those missed recovered from the board: "
                    + missing.size() + " of " + lastSeq + " missing: " + missing);
            System.out.printf("node killed under load: the hall display has all %d calls%n", lastSeq);
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
            MqttClient client = ResilientPaho.client(uris, kiosk, response, replies);
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

    /**
     * The hall display as the real one behaves: it shows each call it receives, and when a call's seq jumps past the
     * one it expected (calls lost with a node), it reads the board's recent calls, from either node, to recover them.
     */
    private static void watchCalls(String[] uris, int[] httpPorts, AtomicBoolean running, java.util.Set<Long> shown,
                                   List<String> inconsistencies) {
        BlockingQueue<JsonNode> calls = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            MqttClient client = ResilientPaho.client(uris, "hall-1", "onedesk/v1/hcc-tinh/calls", calls);
            long expected = 1;
            while (running.get() || !calls.isEmpty()) {
                JsonNode call = calls.poll(500, TimeUnit.MILLISECONDS);
                if (call == null) {
                    continue;
                }
                long seq = call.path("seq").asLong();
                shown.add(seq);
                if (seq > expected) {
                    recover(http, httpPorts, shown);
                }
                expected = Math.max(expected, seq + 1);
            }
            recover(http, httpPorts, shown); // the calls made while no call came at all, at the end
            client.disconnect();
            client.close();
        } catch (Exception e) {
            inconsistencies.add("display failed: " + e);
        }
    }

    private static void recover(HttpClient http, int[] httpPorts, java.util.Set<Long> shown) {
        for (int port : httpPorts) {
            try {
                HttpResponse<String> board = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/centres/hcc-tinh/board")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (board.statusCode() == 200) {
                    JSON.readTree(board.body()).path("recentCalls").forEach(c -> shown.add(c.path("seq").asLong()));
                    return;
                }
            } catch (Exception e) {
                // that node is down: the other one
            }
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
