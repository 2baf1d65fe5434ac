package vn.onedesk.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import vn.onedesk.protocol.JsonCodec;

/**
 * A server-sent-events client on the JDK's own HttpClient: reads the stream line by line on a
 * thread of its own and keeps every event (and comment) in arrival order, like a browser's
 * EventSource would see them.
 */
public final class SseClient implements AutoCloseable {
    /** One event; {@code comment} events are the lines starting with ':' (heartbeats). */
    public record Event(String name, String id, String data) {
        public JsonNode json() {
            return JsonCodec.tree(data.getBytes(StandardCharsets.UTF_8));
        }

        public boolean isComment() {
            return "comment".equals(name);
        }
    }

    private static final Event END = new Event("end-of-stream", null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-" + response.uri().getPath());
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; fails the test unless the answer is 200 text/event-stream. */
    public static SseClient open(String url, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), url);
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
        return new SseClient(response);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        inbox.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    inbox.add(new Event("comment", null, line.substring(1).trim()));
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by us or by the server: the stream is over either way
        } finally {
            ended = true;
            inbox.add(END);
        }
    }

    /** The next event (comments skipped), whatever it is. */
    public Event next(Duration timeout) throws InterruptedException {
        return await(e -> true, timeout);
    }

    /** The next event matching, skipping (and remembering) others; comments never match unless asked for. */
    public Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        for (Event e : seen) {
            if (wanted.test(e) && !e.isComment()) {
                seen.remove(e);
                return e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null || e == END) {
                fail((e == END ? "the stream ended" : "no matching event within " + timeout)
                        + "; received meanwhile: " + seen);
            }
            if (!e.isComment() && wanted.test(e)) {
                return e;
            }
            seen.add(e);
        }
    }

    /** The next comment line (a heartbeat). */
    public Event awaitComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null || e == END) {
                fail("no comment within " + timeout);
            }
            if (e.isComment()) {
                return e;
            }
            seen.add(e);
        }
    }

    /** Waits until the server ends the stream. */
    public void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        if (!ended) {
            fail("the stream is still open after " + timeout);
        }
    }

    /** Every event received so far and not taken, comments excluded, in arrival order. */
    public List<Event> drain() {
        List<Event> all = new ArrayList<>(seen);
        seen.clear();
        inbox.drainTo(all);
        all.removeIf(e -> e.isComment() || e == END);
        return all;
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Drops the connection, as a browser tab that is closed. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // best effort
        }
        reader.interrupt();
    }
}
