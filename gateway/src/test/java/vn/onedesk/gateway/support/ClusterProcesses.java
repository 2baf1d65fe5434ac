package vn.onedesk.gateway.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gateway processes ({@link GatewayProcess}) as nodes of one cluster on loopback, with the demo centre. */
public final class ClusterProcesses {
    private ClusterProcesses() {
    }

    /** The variables of node {@code i} of a cluster whose Hazelcast members are on {@code ports}. */
    public static Map<String, String> env(String databaseUrl, List<Integer> ports, int i) {
        Map<String, String> env = new HashMap<>();
        env.put("ONEDESK_PG_URL", databaseUrl);
        env.put("ONEDESK_DEMO_TRAFFIC", "off");
        env.put("ONEDESK_CLUSTER", "on");
        env.put("ONEDESK_CLUSTER_PORT", String.valueOf(ports.get(i)));
        env.put("ONEDESK_CLUSTER_PUBLIC_HOST", "127.0.0.1");
        env.put("ONEDESK_CLUSTER_MEMBERS", String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
        return env;
    }

    /** The node among these whose /health/ready lists the centre; a paused or killed node does not answer. */
    public static GatewayProcess writerOf(String centre, List<GatewayProcess> nodes, Duration within)
            throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < end) {
            for (GatewayProcess node : nodes) {
                try {
                    String body = http.send(HttpRequest.newBuilder(URI.create(node.httpUri("/health/ready")))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (new JsonObject(body).getJsonArray("ownedCentres").contains(centre)) {
                        return node;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not answering (paused, killed, starting)
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no node writes " + centre + " within " + within);
    }
}
