package vn.onedesk.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.devices.Presence;

/**
 * One simulated device on the gateway's own MQTT server, behaving as a well-made real one: it signs
 * in with its credentials and a last will, announces itself ONLINE, sends each request at QoS 1 and
 * waits for the reply carrying its requestId, sends it again with the same requestId when no reply
 * comes in time or the gateway answers UNAVAILABLE/INTERNAL, and reconnects (with back-off) when the
 * connection drops, resending what is still unanswered. Everything runs on the context that created
 * it; nothing blocks.
 */
final class MqttDevice {
    private static final Logger LOG = Logger.getLogger("onedesk.demo");
    static final long REPLY_TIMEOUT_MS = 5_000;
    static final long TRANSIENT_RETRY_MS = 1_000;
    static final long FIRST_BACKOFF_MS = 500;
    static final long MAX_BACKOFF_MS = 10_000;
    static final long DISCONNECT_TIMEOUT_MS = 2_000;

    /** The device was stopped before its request was answered. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("demo traffic stopped", null, false, false);
        }
    }

    private static final class Pending {
        final String topic;
        final byte[] payload;
        final Promise<JsonNode> reply = Promise.promise();
        long timer = -1;
        int sent;

        Pending(String topic, byte[] payload) {
            this.topic = topic;
            this.payload = payload;
        }
    }

    private final Vertx vertx;
    private final Clock clock;
    private final String host;
    private final int port;
    private final DemoCast.Login login;
    private final String statusTopic;
    private final String replyTopic;
    private final List<String> subscriptions;
    private final BiConsumer<String, JsonNode> otherMessages;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private MqttClient client;
    private boolean connected;
    private boolean stopped;
    private boolean troubleLogged;
    private boolean resendOnTransientRefusal = true;
    private long backoffMs = FIRST_BACKOFF_MS;
    private long reconnectTimer = -1;

    /**
     * @param replyTopic    where the gateway answers this device's requests
     * @param subscriptions what else it reads; those messages go to {@code otherMessages}
     */
    MqttDevice(Vertx vertx, Clock clock, String host, int port, String centre, DemoCast.Login login,
               String replyTopic, List<String> subscriptions, BiConsumer<String, JsonNode> otherMessages) {
        this.vertx = vertx;
        this.clock = clock;
        this.host = host;
        this.port = port;
        this.login = login;
        this.statusTopic = new Topic.DeviceStatus(centre, login.device()).name();
        this.replyTopic = replyTopic;
        List<String> all = new ArrayList<>(subscriptions);
        all.add(0, replyTopic);
        this.subscriptions = List.copyOf(all);
        this.otherMessages = otherMessages;
    }

    String id() {
        return login.device();
    }

    boolean connected() {
        return connected;
    }

    /** Starts connecting; requests made before the connection is up are sent once it is. */
    void start() {
        connect();
    }

    /** Sends the request and completes with the gateway's reply to its requestId (refusals included). */
    Future<JsonNode> request(String topic, String requestId, byte[] payload) {
        if (stopped) {
            return Future.failedFuture(new Stopped());
        }
        Pending p = new Pending(topic, payload);
        Pending previous = pending.put(requestId, p);
        if (previous != null) {
            cancel(previous);
            previous.reply.fail(new IllegalStateException("request id " + requestId + " reused"));
        }
        send(requestId, p);
        return p.reply.future();
    }

    /**
     * From now on an UNAVAILABLE or INTERNAL answer is the answer, not a reason to send the request
     * again: for a device about to go, whose last requests must not outlast the gateway's database.
     */
    void answerTransientRefusals() {
        resendOnTransientRefusal = false;
    }

    /** Disconnects cleanly; pending requests fail with {@link Stopped}. Never fails itself. */
    Future<Void> stop() {
        stopped = true;
        if (reconnectTimer != -1) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
        List<Pending> unanswered = new ArrayList<>(pending.values());
        pending.clear();
        unanswered.forEach(p -> {
            cancel(p);
            p.reply.tryFail(new Stopped());
        });
        MqttClient c = client;
        client = null;
        if (c == null || !c.isConnected()) {
            connected = false;
            return Future.succeededFuture();
        }
        connected = false;
        return c.disconnect()
                .timeout(DISCONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .otherwiseEmpty();
    }

    // --- the connection ---

    private void connect() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        MqttClientOptions options = new MqttClientOptions()
                .setClientId("onedesk-demo-" + login.device())
                .setUsername(login.device())
                .setPassword(login.password())
                .setCleanSession(true)
                .setKeepAliveInterval(30)
                .setMaxInflightQueue(1_000)
                .setWillFlag(true)
                .setWillTopic(statusTopic)
                .setWillQoS(MqttQoS.AT_LEAST_ONCE.value())
                .setWillRetain(true)
                .setWillMessageBytes(Buffer.buffer(JsonCodec.encode(new DeviceStatus(Presence.OFFLINE, null))));
        options.setConnectTimeout(5_000);
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        c.publishHandler(message -> received(message.topicName(), message.payload().getBytes()));
        c.closeHandler(v -> lost(c));
        c.exceptionHandler(e -> LOG.fine(() -> login.device() + ": " + e.getMessage()));
        c.connect(port, host).onComplete(ar -> {
            if (stopped || c != client) {
                if (ar.succeeded()) {
                    c.disconnect();
                }
                return;
            }
            if (ar.failed()) {
                trouble("cannot connect to the gateway (" + ar.cause().getMessage() + ")");
                scheduleReconnect();
                return;
            }
            Map<String, Integer> filters = new LinkedHashMap<>();
            subscriptions.forEach(f -> filters.put(f, MqttQoS.AT_LEAST_ONCE.value()));
            c.subscribe(filters);
            c.publish(statusTopic, Buffer.buffer(JsonCodec.encode(new DeviceStatus(Presence.ONLINE, clock.instant()))),
                    MqttQoS.AT_LEAST_ONCE, false, true);
            connected = true;
            backoffMs = FIRST_BACKOFF_MS;
            if (troubleLogged) {
                LOG.info("demo traffic: " + login.device() + " is connected again");
                troubleLogged = false;
            }
            // The gateway handles a device's messages in order, so the subscriptions are in place
            // before any resent request is answered.
            new ArrayList<>(pending.entrySet()).forEach(e -> send(e.getKey(), e.getValue()));
        });
    }

    private void lost(MqttClient c) {
        if (c != client || stopped) {
            return;
        }
        connected = false;
        trouble("lost its connection to the gateway");
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopped || reconnectTimer != -1) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        reconnectTimer = vertx.setTimer(delay, id -> connect());
    }

    /** Logged once per outage, not once per attempt. */
    private void trouble(String what) {
        if (!troubleLogged) {
            troubleLogged = true;
            LOG.warning("demo traffic: " + login.device() + " " + what + "; it keeps retrying");
        } else {
            LOG.fine(() -> "demo traffic: " + login.device() + " " + what);
        }
    }

    // --- requests and replies ---

    private void send(String requestId, Pending p) {
        cancel(p);
        if (stopped) {
            return;
        }
        if (connected && client != null) {
            p.sent++;
            if (p.sent > 1) {
                LOG.fine(() -> "demo traffic: " + login.device() + " sends " + requestId + " again");
            }
            client.publish(p.topic, Buffer.buffer(p.payload), MqttQoS.AT_LEAST_ONCE, false, false);
        }
        // No reply in time (or not connected yet): send it again, with the same requestId.
        p.timer = vertx.setTimer(REPLY_TIMEOUT_MS, id -> {
            p.timer = -1;
            if (pending.get(requestId) == p) {
                send(requestId, p);
            }
        });
    }

    private void received(String topic, byte[] payload) {
        if (stopped) {
            return;
        }
        JsonNode json;
        try {
            json = JsonCodec.tree(payload);
        } catch (RuntimeException e) {
            LOG.fine(() -> "demo traffic: " + login.device() + " ignores a message it cannot read on " + topic);
            return;
        }
        if (!topic.equals(replyTopic)) {
            otherMessages.accept(topic, json);
            return;
        }
        String requestId = json.path("requestId").asText(null);
        Pending p = requestId == null ? null : pending.get(requestId);
        if (p == null) {
            return; // the answer to a resend that was already answered
        }
        String code = json.path("error").path("code").asText("");
        if (resendOnTransientRefusal
                && (code.equals(ErrorCode.UNAVAILABLE.name()) || code.equals(ErrorCode.INTERNAL.name()))) {
            // Not stored by the gateway: the same requestId may be sent again.
            cancel(p);
            p.timer = vertx.setTimer(TRANSIENT_RETRY_MS, id -> {
                p.timer = -1;
                if (pending.get(requestId) == p) {
                    send(requestId, p);
                }
            });
            return;
        }
        pending.remove(requestId);
        cancel(p);
        p.reply.tryComplete(json);
    }

    private void cancel(Pending p) {
        if (p.timer != -1) {
            vertx.cancelTimer(p.timer);
            p.timer = -1;
        }
    }
}
