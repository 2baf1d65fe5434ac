package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.ClusterProcesses;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Two gateway processes on real Hazelcast and PostgreSQL. The node writing the demo centre is paused with SIGSTOP past
 * its lease; the other takes the centre over and serves it; the paused node resumes with a kiosk's request waiting in
 * its socket and commits nothing: the request is answered UNAVAILABLE or by the new writer, and the numbers stay
 * dense, each issued once.
 */
class PausedNodeIsFencedTest {
    private static final String PREFIX = "onedesk/v1/hcc-tinh/";

    @RegisterExtension
    final GatewayProcess first = GatewayProcess.inTemporaryFolder();
    @RegisterExtension
    final GatewayProcess second = GatewayProcess.inTemporaryFolder();

    @Test
    void aNodePausedPastItsLeaseLosesItsCentreAndCommitsNothingWhenItResumes() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        List<Integer> ports = GatewayNode.freePorts(2);
        first.start(ClusterProcesses.env(url, ports, 0));
        second.start(ClusterProcesses.env(url, ports, 1));
        GatewayProcess owner = ClusterProcesses.writerOf("hcc-tinh", List.of(first, second),
                Duration.ofSeconds(30));
        GatewayProcess survivor = owner == first ? second : first;
        long t0 = System.nanoTime();

        try (TestDevice kiosk = TestDevice.connect("tcp://127.0.0.1:" + owner.mqttPort, "kiosk-1", "demo");
             TestDevice other = TestDevice.connect("tcp://127.0.0.1:" + survivor.mqttPort, "kiosk-2", "demo")) {
            kiosk.subscribe(PREFIX + "kiosks/kiosk-1/tickets/response");
            other.subscribe(PREFIX + "kiosks/kiosk-2/tickets/response");
            List<String> numbers = new ArrayList<>();
            numbers.add(ticket(other, "kiosk-2", "before").path("ticket").path("number").asText());

            owner.signal("STOP");
            try {
                assertEquals(survivor, ClusterProcesses.writerOf("hcc-tinh", List.of(survivor), Duration.ofSeconds(20)),
                        "the other node takes the centre once the paused node's lease expired");
                numbers.add(ticket(other, "kiosk-2", "while-paused").path("ticket").path("number").asText());
                // a request waits in the paused node's socket, for its writer to see when it resumes
                CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                                PREFIX + "kiosks/kiosk-1/tickets/response", "stale-1",
                                "{\"requestId\":\"stale-1\",\"service\":\"TP\"}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(500);
                owner.signal("CONT");
                JsonNode answer;
                try {
                    answer = waiting.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("the request waiting in the resumed node's socket got no answer in 30 s;"
                            + " resumed node's log:\n" + tail(owner.log()) + "\nthe other node's log:\n"
                            + tail(survivor.log()), e);
                }
                long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!answer.path("ticket").has("number")) {
                    assertTrue(System.nanoTime() < giveUp, "still UNAVAILABLE after 30 s: " + answer);
                    assertEquals("UNAVAILABLE", answer.path("error").path("code").asText(), answer.toString());
                    Thread.sleep(300);
                    answer = kiosk.request(PREFIX + "kiosks/kiosk-1/tickets/request",
                            PREFIX + "kiosks/kiosk-1/tickets/response", "stale-1",
                            "{\"requestId\":\"stale-1\",\"service\":\"TP\"}");
                }
                numbers.add(answer.path("ticket").path("number").asText());
            } finally {
                owner.signal("CONT");
            }
            System.out.printf("paused-node test: the requests took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(List.of("A001", "A002", "A003"), numbers.stream().sorted().toList(),
                    "dense numbers, none issued twice: " + numbers);
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                io.vertx.sqlclient.Pool db = io.vertx.pgclient.PgBuilder.pool()
                        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(url)).using(vertx).build();
                long tickets = db.query("SELECT count(*) FROM tickets").execute().toCompletionStage()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0);
                assertEquals(3, tickets, "three tickets committed, whichever node wrote them");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertTrue(owner.output().contains("hcc-tinh: no longer on this node"),
                    "the resumed node gave the centre up");
        }
    }

    /** The gateway's own lines (Hazelcast's membership chatter would hide them), the last ones first kept. */
    private static String tail(String log) {
        String own = log.lines().filter(line -> !line.contains("com.hazelcast.") && !line.startsWith("\t")
                && !line.isBlank() && !line.startsWith("Members {") && !line.startsWith("]"))
                .collect(java.util.stream.Collectors.joining("\n"));
        return own.length() > 8000 ? own.substring(own.length() - 8000) : own;
    }

    private static JsonNode ticket(TestDevice kiosk, String id, String requestId) throws Exception {
        String topic = PREFIX + "kiosks/" + id + "/tickets/";
        JsonNode answer = kiosk.request(topic + "request", topic + "response", requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}");
        for (int i = 0; i < 50 && !answer.path("ticket").has("number"); i++) {
            Thread.sleep(300); // UNAVAILABLE while the centre moves: retry with the same requestId
            answer = kiosk.request(topic + "request", topic + "response", requestId,
                    "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}");
        }
        assertTrue(answer.path("ticket").has("number"), answer.toString());
        return answer;
    }
}
