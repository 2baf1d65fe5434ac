package vn.onedesk.gateway.cluster;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;

/**
 * What one node publishes reaches the devices of every node: each message goes out on the clustered event bus and
 * every other node delivers it to its own sessions, retained ones kept as they are here. The event bus keeps the order
 * of one node's messages to another, so a centre's calls arrive in {@code seq} order while one node writes it.
 *
 * <p>A node that joins asks the others for their retained messages ({@link #catchUp}): each answers with those it
 * published itself and that no later message replaced, so the newest state of every retained topic comes from the
 * node that made it.
 */
public final class ClusterPublications {
    static final String ALL = "onedesk.publications";
    static final String RETAINED_REQUEST = "onedesk.retained.request";

    private final Vertx vertx;
    private final MqttBroker broker;
    private final String self;
    /** The retained messages this node published, by topic. */
    private final Map<String, OutboundMessage> mine = new ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> all;
    private MessageConsumer<JsonObject> requests;
    private MessageConsumer<JsonObject> inbox;

    public ClusterPublications(Vertx vertx, MqttBroker broker, String self) {
        this.vertx = vertx;
        this.broker = broker;
        this.self = self;
    }

    /** Starts relaying this node's messages and delivering the others'. */
    public Future<Void> start() {
        all = vertx.eventBus().consumer(ALL, m -> {
            if (!self.equals(m.body().getString("from"))) {
                broker.deliverFromCluster(message(m.body()));
            }
        });
        requests = vertx.eventBus().consumer(RETAINED_REQUEST, m -> {
            String to = m.body().getString("from");
            if (self.equals(to)) {
                return;
            }
            mine.forEach((topic, message) -> {
                if (broker.retainedOn(topic).orElse(null) == message) {
                    vertx.eventBus().send(inbox(to), encode(message));
                }
            });
        });
        inbox = vertx.eventBus().consumer(inbox(self), m -> broker.deliverFromCluster(message(m.body())));
        broker.relayTo(message -> {
            if (message.retain()) {
                mine.put(message.topic(), message);
            }
            vertx.eventBus().publish(ALL, encode(message));
        });
        return Future.join(all.completion(), requests.completion(), inbox.completion()).mapEmpty();
    }

    /** Asks the other nodes for the retained messages they published (a node that just joined has none). */
    public void catchUp() {
        vertx.eventBus().publish(RETAINED_REQUEST, new JsonObject().put("from", self));
    }

    public Future<Void> stop() {
        broker.relayTo(m -> { });
        return Future.join(all.unregister(), requests.unregister(), inbox.unregister()).mapEmpty();
    }

    private static String inbox(String node) {
        return "onedesk.retained." + node;
    }

    private JsonObject encode(OutboundMessage message) {
        // MQTT 5 properties (a reply's correlation data) stay on the node of the device they answer
        return new JsonObject().put("from", self).put("topic", message.topic()).put("payload", message.payload())
                .put("qos", message.qos().value()).put("retain", message.retain());
    }

    private static OutboundMessage message(JsonObject body) {
        return OutboundMessage.of(body.getString("topic"), body.getBinary("payload"),
                MqttQoS.valueOf(body.getInteger("qos")), body.getBoolean("retain"));
    }
}
