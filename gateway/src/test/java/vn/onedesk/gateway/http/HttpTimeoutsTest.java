package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConnectionLimits;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;
import vn.onedesk.gateway.monitoring.MetricsEndpoint;
import vn.onedesk.gateway.mqtt.WebSocketBridge;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;

/**
 * The HTTP listener's timeouts, on its own (no database): a connection that sends no complete request headers is
 * closed after the header timeout, a kept-alive one after the idle timeout, and a request not answered in time gets
 * 503 with the gateway's error body, while an event stream is left alone.
 */
class HttpTimeoutsTest {
    private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10));
    /** Far longer than any timeout above: a socket still open after it was not closed by them. */
    private static final int READ_LIMIT_MS = 15_000;

    private static Vertx vertx;
    private static HttpApi http;
    private static int port;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        GatewayMonitoring monitoring = GatewayMonitoring.create();
        http = new HttpApi(vertx, new HealthCheck(null, null, () -> true), new WebSocketBridge(vertx),
                new MetricsEndpoint(vertx, monitoring, List.of()), new MetricsAccess(Optional.empty()),
                new WebSocketOrigins(List.of()))
                .connectionLimits(LIMITS, null)
                .mount(router -> {
                    router.get("/never").handler(ctx -> { }); // a handler that never answers
                    router.get("/late/stream").handler(ctx -> {
                        ctx.response().setChunked(true).putHeader("content-type", "text/event-stream")
                                .write(": open\n\n");
                        vertx.setTimer(2000, t -> ctx.response().end("data: late\n\n"));
                    });
                    router.get("/quick").handler(ctx -> ctx.response().end("ok"));
                });
        port = GatewayHarness.await(http.listen("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            GatewayHarness.await(http.close());
            GatewayHarness.await(vertx.close());
        }
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedAfterTheHeaderTimeout() throws IOException {
        try (Socket silent = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout(READ_LIMIT_MS);
            assertClosed(silent);
        }
    }

    @Test
    void aConnectionThatSendsHalfItsHeadersAndStopsIsClosedAfterTheHeaderTimeout() throws IOException {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(READ_LIMIT_MS);
            slow.getOutputStream().write("GET /quick HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosed(slow);
        }
    }

    @Test
    void aKeptAliveConnectionIsAnsweredThenClosedWhenItsNextRequestDoesNotComeWithinTheIdleTimeout()
            throws IOException {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(READ_LIMIT_MS);
            client.getOutputStream().write("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answered = readUntilClosed(client.getInputStream());
            assertTrue(answered.startsWith("HTTP/1.1 200"), answered);
            assertTrue(answered.endsWith("ok"), "answered, then closed: " + answered);
        }
    }

    @Test
    void aRequestNotAnsweredInTimeGets503UnavailableWithTheGatewaysErrorBody() {
        var response = HttpCalls.get("http://127.0.0.1:" + port + "/never");
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("UNAVAILABLE", HttpCalls.errorCode(response));
        assertTrue(HttpCalls.json(response).path("error").path("detail").asText().contains("within 1 s"),
                response.body());
    }

    @Test
    void anEventStreamIsNotCutByTheRequestTimeout() {
        var response = HttpCalls.get("http://127.0.0.1:" + port + "/late/stream");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(": open\n\ndata: late\n\n", response.body(), "ended after 2 s, past the 1 s request timeout");
    }

    private static void assertClosed(Socket socket) throws IOException {
        try {
            assertEquals("", readUntilClosed(socket.getInputStream()), "closed without an answer");
        } catch (SocketException reset) {
            // closed with a reset
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open " + READ_LIMIT_MS + " ms later: the deadline did not close it");
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
