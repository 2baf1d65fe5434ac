package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.protocol.DeviceError;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;

/**
 * Sends each message a device publishes to the handler of its topic kind, after the checks every
 * message gets: a known topic, the device's right to publish there, and the size limit. Whatever
 * goes wrong is answered — on the device's own reply topic when it has one for that kind of
 * message, otherwise on its errors topic — and never closes the connection.
 */
public final class InboundRouter {
    private static final Logger LOG = Logger.getLogger(InboundRouter.class.getName());

    private final Map<Class<? extends Topic>, InboundHandler> handlers;
    private final MqttBroker broker;
    private final AccessPolicy access;
    private volatile InboundForwarding forwarding;

    public InboundRouter(Map<Class<? extends Topic>, InboundHandler> handlers, MqttBroker broker, AccessPolicy access) {
        this.handlers = Map.copyOf(handlers);
        this.broker = broker;
        this.access = access;
    }

    public Future<Optional<ErrorCode>> route(DeviceSession session, MqttPublishMessage message) {
        Device device = session.device();
        Optional<Topic> parsed = Topics.parse(message.topicName());
        if (parsed.isEmpty()) {
            return tellDevice(device, message.topicName(), message.payload().getBytes(),
                    ProtocolError.of(ErrorCode.UNKNOWN_TOPIC, "'" + DeviceError.boundedTopic(message.topicName())
                            + "' is not a OneDesk v1 topic"));
        }
        Topic topic = parsed.get();
        InboundContext context = new InboundContext(session, message, topic, broker, access);
        InboundHandler handler = handlers.get(topic.getClass());
        if (handler == null || !access.mayPublish(device, topic)) {
            return refuse(handler, context, ProtocolError.of(ErrorCode.NOT_AUTHORISED,
                    "device " + device.id() + " may not publish on "
                    + DeviceError.boundedTopic(topic.name())));
        }
        if (message.payload().length() > JsonCodec.MAX_PAYLOAD_BYTES) {
            return refuse(handler, context, ProtocolError.of(ErrorCode.PAYLOAD_TOO_LARGE, "payload has "
                    + message.payload().length() + " bytes; the limit is " + JsonCodec.MAX_PAYLOAD_BYTES));
        }
        InboundForwarding cluster = forwarding;
        if (cluster != null && cluster.elsewhere(topic)) {
            return cluster.forward(context, handler).recover(e -> internal(handler, context, e));
        }
        return handle(handler, context);
    }

    /** In a cluster: where messages for centres written by other nodes go. */
    public void forwardWith(InboundForwarding forwarding) {
        this.forwarding = forwarding;
    }

    /**
     * A message another node received from one of its devices, for a centre written here: that node made the checks
     * every message gets (topic, the device's right to publish there, size), so it goes straight to its handler.
     */
    public Future<Optional<ErrorCode>> handleForwarded(InboundContext context) {
        InboundHandler handler = handlers.get(context.topic().getClass());
        if (handler == null) {
            return Future.failedFuture("no handler for " + context.topic().name());
        }
        return handle(handler, context);
    }

    private Future<Optional<ErrorCode>> handle(InboundHandler handler, InboundContext context) {
        try {
            return handler.handle(context).recover(e -> internal(handler, context, e));
        } catch (RuntimeException e) {
            return internal(handler, context, e);
        }
    }

    private Future<Optional<ErrorCode>> internal(InboundHandler handler, InboundContext context, Throwable e) {
        LOG.log(Level.SEVERE, "handling a message on " + context.topic().name() + " failed", e);
        return refuse(handler, context, ProtocolError.of(ErrorCode.INTERNAL));
    }

    private Future<Optional<ErrorCode>> refuse(InboundHandler handler, InboundContext context, ProtocolError error) {
        if (handler != null && handler.repliesTo(context.device())) {
            handler.refuse(context, error);
            return Future.succeededFuture(Optional.of(error.code()));
        }
        return tellDevice(context.device(), context.topic().name(), context.payload(), error);
    }

    /** The error on the device's errors topic, in the language the message named (Vietnamese if none or unreadable). */
    private Future<Optional<ErrorCode>> tellDevice(Device device, String topicName, byte[] payload, ProtocolError error) {
        publishDeviceError(device, topicName, readableRequestId(payload), error,
                JsonCodec.requestedLanguage(payload).orElse(Language.DEFAULT));
        return Future.succeededFuture(Optional.of(error.code()));
    }

    /** The payload's requestId, if it is a JSON object within the size limit with a well-formed one. */
    private static String readableRequestId(byte[] payload) {
        if (payload.length > JsonCodec.MAX_PAYLOAD_BYTES) {
            return null;
        }
        return JsonCodec.decode(payload, RequestIdOnly.class)
                .fold(RequestIdOnly::requestId, failed -> failed.requestId().orElse(null));
    }

    /** Reads nothing but the requestId, with the codec's own rules for a readable one. */
    private record RequestIdOnly(String requestId) {
        RequestIdOnly {
            Fields.identifier("requestId", requestId);
        }
    }

    /** Publishes an error on the device's errors topic, for messages that have no reply topic. */
    public void publishDeviceError(Device device, String topicName, String requestId, ProtocolError error,
                                   Language language) {
        Topic errors = new Topic.DeviceErrors(device.centre(), device.id());
        broker.publish(OutboundMessage.of(errors.name(),
                JsonCodec.encode(DeviceError.of(topicName, requestId, error, language)), MqttQoS.AT_LEAST_ONCE, false));
    }
}
