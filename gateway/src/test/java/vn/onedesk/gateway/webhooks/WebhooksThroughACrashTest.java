package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.ResilientPaho;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.WebhookReceiver;

/**
 * The outbox through a crash, on real parts: a gateway process with a subscription to a slow local receiver that
 * refuses one request in five; a Paho kiosk takes tickets and a counter calls and completes them without pause; the
 * process is SIGKILLed with deliveries still owed, and started again. In the end the receiver has accepted every
 * announced event the journal holds, exactly those, each under its id with the same bytes on every attempt, signed,
 * and each ticket's events in order.
 */
class WebhooksThroughACrashTest {
    private static final String PREFIX = "onedesk/v1/hcc-tinh/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-crash-test-0123456789";

    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();

    @Test
    void everyCommittedEventIsDeliveredAfterASigkillAndNothingElse() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        gateway.start(Map.of("ONEDESK_PG_URL", url, "ONEDESK_DEMO_TRAFFIC", "off",
                "ONEDESK_WEBHOOK_RETRY_BASE_MS", "100", "ONEDESK_WEBHOOK_RETRY_MAX_MS", "300",
                "ONEDESK_WEBHOOK_MAX_ATTEMPTS", "100"));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            AtomicInteger requests = new AtomicInteger();
            receiver.answer(d -> {
                try {
                    Thread.sleep(15); // a slow receiver: deliveries are still owed when the process dies
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return requests.incrementAndGet() % 5 == 0 ? 500 : 200;
            });
            String token = login();
            HttpResponse<String> created = HttpCalls.postJson(gateway.httpUri("/api/v1/admin/webhooks"),
                    "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"events\":"
                            + "[\"ticket.issued\",\"ticket.called\",\"ticket.completed\"]}",
                    "Authorization", "Bearer " + token);
            assertEquals(201, created.statusCode(), created.body());

            AtomicBoolean running = new AtomicBoolean(true);
            List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
            String uri = "tcp://127.0.0.1:" + gateway.mqttPort;
            Thread kiosk = new Thread(() -> kiosk(uri, running, problems), "kiosk");
            Thread counter = new Thread(() -> ResilientPaho.workCounterQ01(new String[] {uri}, running, problems),
                    "counter");
            kiosk.start();
            counter.start();
            Thread.sleep(2_000);
            // the receiver is down for the last second before the kill: events are owed when the process dies
            var normal = receiver.answer();
            receiver.answer(d -> 503);
            Thread.sleep(1_000);
            gateway.kill();
            Set<String> acceptedBefore = receiver.accepted().keySet();
            int before = acceptedBefore.size();
            Set<String> owed = committedEvents(url, new HashMap<>());
            owed.removeAll(acceptedBefore);
            assertTrue(!owed.isEmpty(), "events committed but not yet delivered when the process died");
            receiver.answer(normal);
            gateway.start();
            Thread.sleep(3_000);
            running.set(false);
            kiosk.join(30_000);
            counter.join(30_000);
            assertTrue(problems.isEmpty(), problems.toString());

            Map<String, String> typeOf = new HashMap<>();
            Set<String> committed = committedEvents(url, typeOf);
            long outboxRows = count(url, "SELECT count(*) FROM webhook_outbox WHERE type IN ('ticket.issued',"
                    + " 'ticket.called', 'ticket.completed')"); // turn.near rows too are written, unasked for here
            assertTrue(committed.stream().filter(id -> typeOf.get(id).equals("TicketCalled")).count() > 3,
                    "the counter called through the crash: " + typeOf.values());
            assertEquals(committed.size(), outboxRows, "one outbox row per announced event, committed with it");
            receiver.await(all -> {
                Set<String> ids = new HashSet<>();
                all.stream().filter(WebhookReceiver.Delivery::accepted).forEach(d -> ids.add(d.eventId()));
                return ids.containsAll(committed);
            }, Duration.ofSeconds(90));

            Map<String, WebhookReceiver.Delivery> accepted = receiver.accepted();
            assertEquals(committed, accepted.keySet(), "every committed event, and nothing else");
            assertTrue(before < committed.size(), "deliveries went on after the restart");
            Map<String, String> bodies = new HashMap<>();
            int refused = 0;
            for (WebhookReceiver.Delivery d : receiver.all()) {
                assertTrue(d.signatureValid(), d.toString());
                String earlier = bodies.putIfAbsent(d.eventId(), d.body());
                assertTrue(earlier == null || earlier.equals(d.body()), "same bytes on every attempt: " + d.eventId());
                refused += d.accepted() ? 0 : 1;
            }
            assertTrue(refused > 0, "the receiver refused some requests, which were tried again");
            // per ticket, the order the receiver accepted them in is the order they happened
            Map<String, List<String>> byTicket = new HashMap<>();
            for (WebhookReceiver.Delivery d : accepted.values()) {
                JsonNode body = JSON.readTree(d.body());
                byTicket.computeIfAbsent(body.path("data").path("ticket").path("id").asText(),
                        k -> new ArrayList<>()).add(d.type());
            }
            for (Map.Entry<String, List<String>> ticket : byTicket.entrySet()) {
                List<String> order = List.of("ticket.issued", "ticket.called", "ticket.completed");
                assertEquals(order.subList(0, ticket.getValue().size()), ticket.getValue(), ticket.getKey());
            }
            assertTrue(accepted.keySet().containsAll(owed), "what was owed at the kill was delivered after it");
            System.out.printf("webhooks through a crash: %d events delivered, %d accepted before the kill, %d owed"
                    + " then, %d requests refused and retried%n", committed.size(), before, owed.size(), refused);
        }
    }

    /** The announced events the journal holds, as event ids, with their engine types into {@code typeOf}. */
    private static Set<String> committedEvents(String url, Map<String, String> typeOf) throws Exception {
        Set<String> committed = new HashSet<>();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.sqlclient.Pool db = io.vertx.pgclient.PgBuilder.pool()
                    .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(url)).using(vertx).build();
            for (io.vertx.sqlclient.Row r : db.query("SELECT centre_id || ':' || version, type FROM events WHERE"
                            + " type IN ('TicketIssued', 'TicketCalled', 'ServiceCompleted')").execute()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)) {
                committed.add(r.getString(0));
                typeOf.put(r.getString(0), r.getString(1));
            }
            return committed;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static long count(String url, String sql) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.sqlclient.Pool db = io.vertx.pgclient.PgBuilder.pool()
                    .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(url)).using(vertx).build();
            return db.query(sql).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .iterator().next().getLong(0);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private String login() {
        HttpResponse<String> login = HttpCalls.postJson(gateway.httpUri("/api/v1/auth/login"),
                "{\"username\":\"admin\",\"password\":\"demo\"}");
        assertEquals(200, login.statusCode(), login.body());
        return HttpCalls.json(login).path("token").asText();
    }

    /** A kiosk: one request at a time, the same requestId until it has its ticket (through the crash). */
    private static void kiosk(String uri, AtomicBoolean running, List<String> problems) {
        BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        try {
            MqttClient client = ResilientPaho.client(new String[] {uri}, "kiosk-1",
                    PREFIX + "kiosks/kiosk-1/tickets/response", replies);
            int n = 0;
            while (running.get()) {
                String id = "k-" + ++n;
                boolean given = false;
                while (!given && running.get()) {
                    ResilientPaho.send(client, PREFIX + "kiosks/kiosk-1/tickets/request",
                            "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
                    JsonNode reply = ResilientPaho.answer(replies, id);
                    given = reply != null && reply.path("ticket").has("id");
                    if (!given) {
                        Thread.sleep(200);
                    }
                }
                Thread.sleep(50);
            }
            client.disconnect();
            client.close();
        } catch (Exception e) {
            problems.add("kiosk: " + e);
        }
    }

}
