package vn.onedesk.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.mqtt.InboundContext;
import vn.onedesk.gateway.mqtt.InboundForwarding;
import vn.onedesk.gateway.mqtt.InboundHandler;
import vn.onedesk.gateway.mqtt.InboundRouter;
import vn.onedesk.monitoring.OneDeskMetrics;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * Device messages for centres written by other nodes, over Vert.x's clustered event bus. The node that writes a
 * centre listens on the centre's address while it holds it ({@link #serve}); any node sends a message there and
 * publishes the replies that come back to its device. Point to point between two nodes the event bus keeps order, so
 * a device's messages reach the writer in the order it sent them.
 *
 * <p>No answer (no node holds the centre right now, during a failover; or no reply in time) is UNAVAILABLE: the
 * device retries with the same requestId, and the centre's writer answers a retry of a committed request with the
 * reply it stored.
 */
public final class RemoteCentres implements InboundForwarding {
    private static final Logger LOG = Logger.getLogger(RemoteCentres.class.getName());
    private static final String PREFIX = "onedesk.centre.";

    private final Vertx vertx;
    private final Predicate<String> writtenHere;
    private final DeviceRegistry devices;
    private final InboundRouter router;
    private final OneDeskMetrics metrics;
    private final DeliveryOptions delivery;
    private final Map<String, MessageConsumer<JsonObject>> served = new ConcurrentHashMap<>();

    /**
     * @param writtenHere whether this node writes the centre now
     * @param timeout     how long a forwarded message waits for its reply: past the commit timeout
     */
    public RemoteCentres(Vertx vertx, Predicate<String> writtenHere, DeviceRegistry devices, InboundRouter router,
                         OneDeskMetrics metrics, Duration timeout) {
        this.vertx = vertx;
        this.writtenHere = writtenHere;
        this.devices = devices;
        this.router = router;
        this.metrics = metrics;
        this.delivery = new DeliveryOptions().setSendTimeout(timeout.toMillis()).setLocalOnly(false);
    }

    static String address(String centre) {
        return PREFIX + centre + ".inbound";
    }

    @Override
    public boolean elsewhere(Topic topic) {
        // a device's own status is this node's business (it is connected here), whoever writes its centre
        return !(topic instanceof Topic.DeviceStatus) && !writtenHere.test(topic.centre());
    }

    @Override
    public Future<Optional<ErrorCode>> forward(InboundContext context, InboundHandler handler) {
        JsonObject message = new JsonObject().put("device", context.device().id()).put("topic", context.topic().name())
                .put("payload", context.payload());
        long started = System.nanoTime();
        return vertx.eventBus().<JsonObject>request(address(context.topic().centre()), message, delivery)
                .map(reply -> {
                    metrics.requestForwarded(true, System.nanoTime() - started);
                    JsonObject body = reply.body();
                    for (Object r : body.getJsonArray("replies", new JsonArray())) {
                        JsonObject one = (JsonObject) r;
                        context.replyOn(one.getString("topic"), one.getBinary("payload"));
                    }
                    String error = body.getString("error");
                    return error == null ? Optional.<ErrorCode>empty() : Optional.of(ErrorCode.valueOf(error));
                })
                .recover(e -> {
                    metrics.requestForwarded(false, System.nanoTime() - started);
                    ProtocolError unavailable = ProtocolError.of(ErrorCode.UNAVAILABLE, "centre "
                            + context.topic().centre() + " is moving to another gateway node; retry with the same"
                            + " requestId");
                    handler.refuse(context, unavailable);
                    return Future.succeededFuture(Optional.of(ErrorCode.UNAVAILABLE));
                });
    }

    /** Answers, from now on, the messages other nodes forward for this centre: this node writes it. */
    public Future<Void> serve(String centre) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address(centre), this::handle);
        MessageConsumer<JsonObject> before = served.put(centre, consumer);
        Future<Void> gone = before == null ? Future.succeededFuture() : before.unregister();
        return gone.compose(v -> consumer.completion());
    }

    /**
     * Stops answering for this centre, before its writer stops here. The unregistration reaches the other nodes
     * through Hazelcast and is not waited for (a node cut off from the cluster could wait minutes); until it is done,
     * what still arrives here is refused ({@link #handle}), and the sender answers UNAVAILABLE.
     */
    public void stopServing(String centre) {
        MessageConsumer<JsonObject> consumer = served.remove(centre);
        if (consumer != null) {
            consumer.unregister().onFailure(e -> LOG.fine(() -> "centre " + centre
                    + ": the cluster has not heard that this node stopped serving it yet: " + e.getMessage()));
        }
    }

    private void handle(Message<JsonObject> message) {
        JsonObject body = message.body();
        String centre = Topics.parse(body.getString("topic", "")).map(Topic::centre).orElse("");
        if (!writtenHere.test(centre)) {
            message.fail(503, "centre " + centre + " is not written here any more");
            return;
        }
        Optional<Device> device = devices.find(body.getString("device", ""));
        Optional<Topic> topic = Topics.parse(body.getString("topic", ""));
        if (device.isEmpty() || topic.isEmpty()) {
            // the node that sent it knows this device; this one does not (yet): its configuration differs
            LOG.warning("a forwarded message names device '" + body.getString("device") + "' or topic '"
                    + body.getString("topic") + "' that this node does not know");
            message.fail(404, "unknown device or topic");
            return;
        }
        JsonArray replies = new JsonArray();
        InboundContext context = InboundContext.forwarded(device.get(), topic.get(), body.getBinary("payload"),
                (replyTopic, payload) -> replies.add(new JsonObject().put("topic", replyTopic)
                        .put("payload", payload)));
        router.handleForwarded(context).onComplete(ar -> {
            if (ar.failed()) {
                message.fail(500, "not handled");
                return;
            }
            JsonObject reply = new JsonObject().put("replies", replies);
            ar.result().ifPresent(code -> reply.put("error", code.name()));
            message.reply(reply);
        });
    }
}
