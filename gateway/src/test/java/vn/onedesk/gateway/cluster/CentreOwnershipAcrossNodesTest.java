package vn.onedesk.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayNode;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Gateway nodes on real Hazelcast and one real PostgreSQL share the centres: each centre is written by exactly one
 * node, the one rendezvous hashing names among the members; a node that joins takes its share, and the centres of a
 * node that leaves go to the others.
 */
class CentreOwnershipAcrossNodesTest {
    private static final List<String> COPIES = List.of("hcc-2", "hcc-3", "hcc-4", "hcc-5", "hcc-6", "hcc-7");

    @Test
    void eachCentreIsWrittenByTheOneNodeItHashesToAndMovesWhenANodeJoinsOrLeaves() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        List<Integer> ports = GatewayNode.freePorts(2);
        Set<String> all = new TreeSet<>(COPIES);
        all.add("hcc-tinh");
        try (GatewayNode a = GatewayNode.start(url, ports.get(0), ports,
                GatewayNode.withCopies(COPIES.toArray(String[]::new)))) {
            assertEquals(all, a.owned(), "alone, a node writes every centre");

            try (GatewayNode b = GatewayNode.start(url, ports.get(1), ports,
                    GatewayNode.withCopies(COPIES.toArray(String[]::new)))) {
                GatewayNode.eventually(() -> a.members().size() == 2 && b.members().size() == 2,
                        "both nodes see each other");
                GatewayNode.eventually(() -> a.owned().equals(share(all, a.id(), a.members()))
                        && b.owned().equals(share(all, b.id(), b.members())), "each node holds its share");
                assertFalse(b.owned().isEmpty(), "the joining node took centres: " + a.owned() + " / " + b.owned());
                Set<String> both = new HashSet<>(a.owned());
                both.retainAll(b.owned());
                assertTrue(both.isEmpty(), "no centre has two writers: " + both);

                JsonObject ready = new JsonObject(get(b.httpPort(), "/health/ready"));
                assertEquals(new TreeSet<>(b.owned()), new TreeSet<>(ready.getJsonArray("ownedCentres").getList()),
                        "/health/ready lists the centres this node owns");
                assertEquals(2, ready.getJsonObject("cluster").getInteger("members"));
                assertTrue(ready.getJsonObject("cluster").getBoolean("joined"));
            }
            GatewayNode.eventually(() -> a.owned().equals(all),
                    "the centres of the node that left come back to the survivor");
        }
    }

    private static Set<String> share(Set<String> centres, String node, Set<String> members) {
        Set<String> mine = new TreeSet<>();
        centres.forEach(c -> {
            if (Rendezvous.owner(c, members).orElseThrow().equals(node)) {
                mine.add(c);
            }
        });
        return mine;
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
