package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encodings of one {@link OutboundMessage}, one per kind of session that receives it (MQTT 3.1.1 or 5, QoS 0
 * or 1, retain flag set or not: at most eight), each built the first time it is needed and kept as long as the
 * message (queued for an offline session, in flight, retained). Read from any thread; two threads needing the same
 * kind at once may both encode it, and either result is right.
 */
final class PublishFrames {
    private final OutboundMessage message;
    private final AtomicReferenceArray<EncodedPublish> byKind = new AtomicReferenceArray<>(8);
    private final AtomicInteger encodings = new AtomicInteger();

    PublishFrames(OutboundMessage message) {
        this.message = message;
    }

    EncodedPublish get(boolean mqtt5, MqttQoS qos, boolean retainFlag) {
        int kind = (mqtt5 ? 4 : 0) | (qos == MqttQoS.AT_MOST_ONCE ? 0 : 2) | (retainFlag ? 1 : 0);
        EncodedPublish encoded = byKind.get(kind);
        if (encoded == null) {
            encoded = PublishEncoder.encode(message, mqtt5, qos, retainFlag);
            encodings.incrementAndGet();
            byKind.compareAndSet(kind, null, encoded);
        }
        return encoded;
    }

    /** How many times this message was encoded: what the sharing saves is deliveries minus this. */
    int encodings() {
        return encodings.get();
    }
}
