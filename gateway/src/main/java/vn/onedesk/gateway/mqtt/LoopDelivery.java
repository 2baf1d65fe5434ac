package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.Arrays;
import java.util.Map;

/**
 * One publication's deliveries to the sessions whose connections live on one event loop, made in one task on
 * that loop: each session writes its packet (the message's shared encoding, {@link SharedFrames}) and its channel
 * is flushed once. Before, each session took its own task ({@code runOnContext}) and its own encode and flush: for a
 * call to 1,000 displays that was 1,000 tasks; now it is one per event loop that has displays.
 *
 * <p>The QoS 1 message joined each session's queue when it was taken ({@link SessionState#take}), under that
 * session's lock, so the order of a session's messages and its in-flight window are the session's as before:
 * this task only sends what the window allows, in queue order.
 */
final class LoopDelivery implements Handler<Void> {
    private final OutboundMessage message;
    private final Context context;
    private SessionState[] states = new SessionState[16];
    private DeviceSession[] connections = new DeviceSession[16];
    private MqttQoS[] qos = new MqttQoS[16];
    private int size;

    private LoopDelivery(OutboundMessage message, Context context) {
        this.message = message;
        this.context = context;
    }

    /**
     * Gives the message to every subscribed session (each at the lower of its subscription's and the message's
     * QoS), then sends it with one task per event loop. Returns how many sessions took it.
     */
    static int publish(OutboundMessage message, Map<SessionState, MqttQoS> subscribers) {
        Batches batches = new Batches(message);
        subscribers.forEach((session, wanted) -> {
            MqttQoS qos = wanted.value() <= message.qos().value() ? wanted : message.qos();
            DeviceSession c = session.take(message, qos, false);
            if (c != null) {
                batches.of(c.context()).add(session, c, qos);
            }
        });
        batches.run();
        return subscribers.size();
    }

    private void add(SessionState session, DeviceSession c, MqttQoS wanted) {
        if (size == states.length) {
            states = Arrays.copyOf(states, size * 2);
            connections = Arrays.copyOf(connections, size * 2);
            qos = Arrays.copyOf(qos, size * 2);
        }
        states[size] = session;
        connections[size] = c;
        qos[size++] = wanted;
    }

    @Override
    public void handle(Void ignored) {
        try (SharedFrames shared = SharedFrames.open()) {
            for (int i = 0; i < size; i++) {
                DeviceSession c = connections[i];
                if (states[i].deliver(c, message, qos[i], false, shared)) {
                    c.flush();
                }
            }
        }
    }

    /** The tasks of one publication, by context: almost always one, so a short list, not a map. */
    private static final class Batches {
        private final OutboundMessage message;
        private LoopDelivery first;
        private LoopDelivery[] more;
        private int moreSize;

        Batches(OutboundMessage message) {
            this.message = message;
        }

        LoopDelivery of(Context context) {
            if (first == null) {
                first = new LoopDelivery(message, context);
                return first;
            }
            if (first.context == context) {
                return first;
            }
            for (int i = 0; i < moreSize; i++) {
                if (more[i].context == context) {
                    return more[i];
                }
            }
            if (more == null) {
                more = new LoopDelivery[4];
            } else if (moreSize == more.length) {
                more = Arrays.copyOf(more, moreSize * 2);
            }
            LoopDelivery added = new LoopDelivery(message, context);
            more[moreSize++] = added;
            return added;
        }

        void run() {
            if (first != null) {
                first.context.runOnContext(first);
            }
            for (int i = 0; i < moreSize; i++) {
                more[i].context.runOnContext(more[i]);
            }
        }
    }
}
