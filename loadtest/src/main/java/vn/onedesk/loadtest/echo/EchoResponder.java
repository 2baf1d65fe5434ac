package vn.onedesk.loadtest.echo;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.cli.Options;
import vn.onedesk.loadtest.mqtt.Connector;
import vn.onedesk.loadtest.mqtt.MqttConnection;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.ServiceState;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The floor the ticket round trip is compared with: a plain MQTT broker (Mosquitto) plus this trivial
 * responder, which reads each kiosk's request and answers on the kiosk's response topic with a reply
 * of the same shape and size as OneDesk's — no queue, no database, nothing durable.
 */
public final class EchoResponder {
    public static final String REQUESTS = Topics.PREFIX + "+/kiosks/+/tickets/request";

    private EchoResponder() {
    }

    public static int run(Options o, PrintStream out) throws Exception {
        MqttQoS qos = MqttQoS.valueOf(o.integer("qos", 1));
        Duration duration = o.duration("duration", Duration.ZERO);
        var endpoint = Common.endpoint(o, 1);
        Vertx vertx = Common.vertx(o);
        o.rejectUnused();
        LongAdder answered = new LongAdder();
        Map<String, AtomicInteger> numbers = new ConcurrentHashMap<>();
        Context lane = Common.lanes(vertx).get(0);
        MqttConnection[] self = new MqttConnection[1];
        CountDownLatch lost = new CountDownLatch(1);
        MqttConnection.Spec spec = new MqttConnection.Spec("echo-responder-" + ProcessHandle.current().pid(),
                "echo-responder", "echo", message -> {
                    byte[] reply = answer(message, numbers);
                    if (reply != null) {
                        Topic.TicketRequest request = (Topic.TicketRequest) Topics.parse(message.topicName()).get();
                        self[0].publish(new Topic.TicketResponse(request.centre(), request.kiosk()).name(), reply, qos);
                        answered.increment();
                    }
                }, v -> lost.countDown());
        self[0] = Common.await(Connector.openAll(vertx, endpoint, 1, 1,
                i -> new Connector.Plan(lane, spec, Map.of(REQUESTS, qos.value()))), 30).get(0);
        out.println("echo-responder: answering " + REQUESTS + " on " + endpoint.host() + ":" + endpoint.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("echo-responder: answered " + answered.sum() + " requests")));
        if (duration.isZero()) {
            lost.await();
        } else {
            lost.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        out.println("echo-responder: " + (lost.getCount() == 0 ? "connection lost" : "done") + " after "
                + answered.sum() + " answers");
        Common.close(vertx);
        return lost.getCount() == 0 && duration.isZero() ? 1 : 0;
    }

    /** A reply shaped like the gateway's: a waiting ticket with its number, place in line and estimate. */
    static byte[] answer(MqttPublishMessage message, Map<String, AtomicInteger> numbers) {
        if (Topics.parse(message.topicName()).filter(t -> t instanceof Topic.TicketRequest).isEmpty()) {
            return null;
        }
        Decoded<TicketRequest> decoded = JsonCodec.decode(message.payload().getBytes(), TicketRequest.class);
        if (!(decoded instanceof Decoded.Ok<TicketRequest> ok)) {
            return null;
        }
        TicketRequest r = ok.message();
        int n = numbers.computeIfAbsent(r.service(), s -> new AtomicInteger()).incrementAndGet();
        TicketView ticket = new TicketView(UUID.randomUUID().toString(), String.format("A%03d", n % 1000),
                r.service(), "Tư pháp – Hộ tịch", r.priority(), r.channel(), "WAITING", Instant.now(), n % 50,
                new EstimatedWaitView(600, 300, 900), ServiceState.OPEN, null, null);
        return JsonCodec.encode(TicketResponse.issued(r.requestId(), ticket));
    }
}
