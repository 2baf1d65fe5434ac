package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.SseClient;

/** One event stream on a real Vert.x HTTP server, read by the JDK's HttpClient. */
class SseStreamTest {
    private Vertx vertx;
    private HttpServer server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger cleanUps = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/stream").handler(ctx -> {
            SseStream stream = SseStream.open(vertx, ctx, Duration.ofMillis(50));
            stream.onClose(() -> {
                cleanUps.incrementAndGet();
                closed.countDown();
            });
            stream.event("hello", 7L, "{\"a\":1}");
            if (ctx.request().getParam("end") != null) {
                stream.event("bye", null, "{}");
                stream.end();
            }
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eventsCarryTheirNameIdAndDataAndAnIdleStreamGetsHeartbeatComments() throws Exception {
        try (SseClient client = SseClient.open(url(""), null)) {
            SseClient.Event hello = client.next(Duration.ofSeconds(10));
            assertEquals(new SseClient.Event("hello", "7", "{\"a\":1}"), hello);
            assertEquals("heartbeat", client.awaitComment(Duration.ofSeconds(10)).data());
            assertEquals("heartbeat", client.awaitComment(Duration.ofSeconds(10)).data());
        }
    }

    @Test
    void aClientThatGoesAwayRunsTheCleanUpsExactlyOnce() throws Exception {
        SseClient client = SseClient.open(url(""), null);
        client.next(Duration.ofSeconds(10));
        client.close();
        assertTrue(closed.await(10, TimeUnit.SECONDS), "the server noticed the client leaving");
        Thread.sleep(200);
        assertEquals(1, cleanUps.get());
    }

    @Test
    void aStreamTheServerEndsRunsTheCleanUpsAndTheClientSeesTheEnd() throws Exception {
        try (SseClient client = SseClient.open(url("?end=1"), null)) {
            assertEquals("hello", client.next(Duration.ofSeconds(10)).name());
            assertEquals("bye", client.next(Duration.ofSeconds(10)).name());
            client.awaitEnd(Duration.ofSeconds(10));
        }
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(1, cleanUps.get());
    }

    private String url(String query) {
        return "http://127.0.0.1:" + server.actualPort() + "/stream" + query;
    }
}
