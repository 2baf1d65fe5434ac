package vn.onedesk.loadtest.hall;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.KeptConnection;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterReply;

/**
 * A counter terminal working through a kill as the real one does: OPEN, then CALL_NEXT, and for each citizen called
 * a service of {@code serviceMs}, START and COMPLETE. Each command is sent until it is answered with anything but a
 * retryable error, with the same requestId each time (after 3 s without an answer, after a reconnection, or 300 ms
 * after UNAVAILABLE), so a command the old writer committed is answered from its stored reply, never done twice.
 * Runs on its lane.
 */
public final class CounterTerminal {
    private static final long ANSWER_WAIT_MS = 3_000;
    private static final long RETRY_MS = 300;
    private static final long IDLE_MS = 200;

    private final Vertx vertx;
    private final String commands;
    private final String runId;
    private final long serviceMs;
    private final Map<String, LongAdder> errors;
    private final LongAdder calls;
    private final KeptConnection connection;
    private CommandName step = CommandName.OPEN;
    private String requestId;
    private byte[] payload;
    private long sentAt;
    private long n;
    private boolean stopped;
    private long tick = -1;

    /**
     * @param errors unexpected answers by code (a counter's command refused for any reason but "no ticket waiting")
     * @param calls  every citizen this terminal called
     */
    public CounterTerminal(Vertx vertx, Context lane, Endpoint endpoint, int index, String runId, String centre,
                           String counter, String device, String password, long serviceMs,
                           Map<String, LongAdder> errors, LongAdder calls, LongAdder reconnects) {
        this.vertx = vertx;
        this.commands = new Topic.CounterCommands(centre, counter).name();
        this.runId = runId + "-" + device;
        this.serviceMs = serviceMs;
        this.errors = errors;
        this.calls = calls;
        this.connection = new KeptConnection(vertx, lane, endpoint, index, "lt-" + runId + "-" + device, device,
                password, this::received, Map.of(new Topic.CounterReplies(centre, counter).name(), 1),
                v -> resend(), reconnects);
    }

    public KeptConnection connection() {
        return connection;
    }

    /** Starts working (after {@link KeptConnection#start}); a timer resends what stays unanswered. */
    public void begin() {
        connection.lane().runOnContext(v -> {
            next(CommandName.OPEN);
            tick = vertx.setPeriodic(250, t -> connection.lane().runOnContext(x -> {
                if (!stopped && requestId != null && System.nanoTime() - sentAt > ANSWER_WAIT_MS * 1_000_000) {
                    resend();
                }
            }));
        });
    }

    public void stop() {
        connection.lane().runOnContext(v -> {
            stopped = true;
            if (tick >= 0) {
                vertx.cancelTimer(tick);
            }
        });
    }

    private void next(CommandName command) {
        if (stopped) {
            return;
        }
        step = command;
        requestId = runId + "-" + ++n;
        payload = JsonCodec.encode(new CounterCommand(requestId, command, null));
        resend();
    }

    private void resend() {
        if (stopped || requestId == null) {
            return;
        }
        sentAt = System.nanoTime();
        connection.publish(commands, payload);
    }

    private void received(MqttPublishMessage message) {
        CounterReply reply;
        try {
            reply = JsonCodec.decode(message.payload().getBytes(), CounterReply.class).orThrow();
        } catch (RuntimeException e) {
            errors.computeIfAbsent("UNREADABLE_REPLY", k -> new LongAdder()).increment();
            return;
        }
        if (stopped || requestId == null || !requestId.equals(reply.requestId())) {
            return; // a late answer to a command already answered
        }
        requestId = null;
        ErrorCode error = reply.error() == null ? null : reply.error().code();
        if (error != null && error.retryable()) {
            String again = reply.requestId();
            vertx.setTimer(RETRY_MS, t -> connection.lane().runOnContext(v -> {
                if (!stopped && requestId == null) {
                    requestId = again;
                    resend();
                }
            }));
            return;
        }
        if (error != null && error != ErrorCode.NO_TICKET_WAITING) {
            errors.computeIfAbsent(step + " " + error, k -> new LongAdder()).increment();
        }
        switch (step) {
            case OPEN -> next(CommandName.CALL_NEXT);
            case CALL_NEXT -> {
                if (error == null) {
                    calls.increment();
                    later(serviceMs, CommandName.START);
                } else {
                    later(IDLE_MS, CommandName.CALL_NEXT);
                }
            }
            case START -> next(CommandName.COMPLETE);
            default -> next(CommandName.CALL_NEXT);
        }
    }

    private void later(long ms, CommandName command) {
        vertx.setTimer(Math.max(1, ms), t -> connection.lane().runOnContext(v -> next(command)));
    }

    /** The answers received with an error, by step and code, across every terminal of the run. */
    public static Map<String, LongAdder> newErrors() {
        return new ConcurrentHashMap<>();
    }
}
