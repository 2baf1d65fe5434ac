package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whose request it is, over a real HTTP connection: a cluster node may pass on the citizen's address (so a limit per
 * address counts citizens, not the node), anyone else saying so is ignored.
 */
class ClientAddressTest {
    private Vertx vertx;
    private HttpClient client;
    private volatile Set<String> peers = Set.of();
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> ClientAddress.accept(ctx, a -> peers.contains(a)));
        router.get("/who").handler(ctx -> ctx.response().end(ClientAddress.of(ctx) + "|"
                + ctx.request().getHeader(ClientAddress.FORWARDED_BY_NODE)));
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String ask(String header) throws Exception {
        return client.request(HttpMethod.GET, port, "127.0.0.1", "/who")
                .compose(req -> {
                    if (header != null) {
                        req.putHeader(ClientAddress.FORWARDED_BY_NODE, header);
                    }
                    return req.send().compose(resp -> resp.body());
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
    }

    @Test
    void aClientThatSaysWhoItIsIsStillItsConnectionsAddressAndTheHeaderIsDropped() throws Exception {
        assertEquals("127.0.0.1|null", ask("203.0.113.9"));
        assertEquals("127.0.0.1|null", ask(null));
    }

    @Test
    void aClusterNodePassingARequestOnNamesTheCitizensAddress() throws Exception {
        peers = Set.of("127.0.0.1");
        assertEquals("203.0.113.9|null", ask("203.0.113.9"), "taken, and the header not left for later routes");
        assertEquals("127.0.0.1|null", ask(null), "a node's own request is its own");
        assertEquals("127.0.0.1|null", ask("x".repeat(65)), "an absurd value is not taken");
    }
}
