package vn.onedesk.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import vn.onedesk.gateway.webhooks.WebhookSignature;

/**
 * A real HTTP receiver for webhook deliveries on a random loopback port (the JDK's own server, nothing of the
 * gateway's), as an integrator would run one: it checks each delivery's signature with the subscription's secret,
 * records it, and answers what {@code answer} says (200 unless told otherwise).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived, with what was answered. */
    public record Delivery(String eventId, String type, int attempt, String body, boolean signatureValid,
                           int answered, long receivedAtNanos) {
        public boolean accepted() {
            return answered >= 200 && answered < 300;
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Delivery> deliveries = new ArrayList<>();
    private volatile Function<Delivery, Integer> answer = d -> 200;

    public WebhookReceiver(String secret) throws IOException {
        this(secret, () -> System.currentTimeMillis() / 1000);
    }

    /** @param nowSeconds the receiver's clock, for a gateway on a test clock (signatures carry the gateway's time) */
    public WebhookReceiver(String secret, java.util.function.LongSupplier nowSeconds) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            boolean valid = WebhookSignature.verify(secret, signature, body, nowSeconds.getAsLong(), 300);
            String attempt = exchange.getRequestHeaders().getFirst("X-OneDesk-Delivery-Attempt");
            Delivery asked = new Delivery(exchange.getRequestHeaders().getFirst("X-OneDesk-Event-Id"),
                    exchange.getRequestHeaders().getFirst("X-OneDesk-Event"),
                    attempt == null ? -1 : Integer.parseInt(attempt), new String(body, StandardCharsets.UTF_8), valid,
                    0, System.nanoTime());
            int status = answer.apply(asked);
            synchronized (deliveries) {
                deliveries.add(new Delivery(asked.eventId(), asked.type(), asked.attempt(), asked.body(),
                        asked.signatureValid(), status, asked.receivedAtNanos()));
                deliveries.notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public String secret() {
        return secret;
    }

    /** What it answers now. */
    public Function<Delivery, Integer> answer() {
        return answer;
    }

    /** What to answer from now on, by what arrived. */
    public void answer(Function<Delivery, Integer> answer) {
        this.answer = answer;
    }

    public List<Delivery> all() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** The first accepted delivery of each event id, in the order they were accepted. */
    public Map<String, Delivery> accepted() {
        Map<String, Delivery> first = new LinkedHashMap<>();
        for (Delivery d : all()) {
            if (d.accepted()) {
                first.putIfAbsent(d.eventId(), d);
            }
        }
        return first;
    }

    /** Waits until the deliveries so far satisfy {@code done}; fails with what came if they do not in time. */
    public List<Delivery> await(Predicate<List<Delivery>> done, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        synchronized (deliveries) {
            while (!done.test(List.copyOf(deliveries))) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the receiver did not get what was awaited within " + within + "; it got "
                            + deliveries.size() + " requests: " + summary(deliveries));
                }
                deliveries.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(deliveries);
        }
    }

    private static String summary(List<Delivery> all) {
        StringBuilder s = new StringBuilder();
        for (Delivery d : all.subList(Math.max(0, all.size() - 20), all.size())) {
            s.append(d.eventId()).append(' ').append(d.type()).append(" #").append(d.attempt()).append(" -> ")
                    .append(d.answered()).append("; ");
        }
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
