package vn.onedesk.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;

/**
 * One simulated counter officer at a terminal, working the counter the way the day simulator models
 * it: open for the session; call the next ticket when idle and the wait board shows something it may
 * serve (else look again a simulated minute later); a present citizen walks up, is served (START)
 * and done (COMPLETE) after their drawn service time, or is sent on to another service (TRANSFER);
 * an absent one is called again (RECALL) after a minute and marked NO_SHOW a minute later; close at
 * the session's end once the current citizen is done. When the traffic stops, the officer {@link #leave}s:
 * the citizen at the counter is dealt with by {@link SimulatedCounterClosing}'s rule, and the counter
 * is closed.
 *
 * <p>One command at a time, each answered by the gateway before the next. A refusal that shows the
 * counter is not as this officer believes (a ticket left at it by an earlier run, a counter closed by
 * someone else) is repaired by clearing the counter and carrying on.
 */
final class SimulatedCounter {
    private static final Logger LOG = Logger.getLogger("onedesk.demo");
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    static final Duration RECALL_AFTER = Duration.ofMinutes(1);
    static final Duration NO_SHOW_AFTER_RECALL = Duration.ofMinutes(1);
    /** Refusals in a row after which the officer pauses a simulated minute between attempts. */
    private static final int PATIENCE = 2;

    private final CounterDefinition definition;
    private final MqttDevice terminal;
    private final String commandsTopic;
    private final Hall hall;
    private boolean inSession;
    /** Unknown at start: assumed open, so that the first thing done outside a session is a (harmless) CLOSE. */
    private boolean open = true;
    private boolean busy;
    /** Completes once the command in flight is answered and its answer has been taken in. */
    private Future<Void> answered = Future.succeededFuture();
    private String ticketId;
    /** The citizen at the counter is being served: START was accepted. */
    private boolean started;
    private String service;
    private Citizen citizen;
    private Instant idleSince = Instant.MIN;
    private Instant calmUntil = Instant.MIN;
    private int refusals;
    private boolean refusalsLogged;
    /** Bumped whenever the counter's picture is reset, so that timers set for an older picture do nothing. */
    private long generation;

    SimulatedCounter(CounterDefinition definition, MqttDevice terminal, String commandsTopic, Hall hall) {
        this.definition = definition;
        this.terminal = terminal;
        this.commandsTopic = commandsTopic;
        this.hall = hall;
    }

    CounterDefinition definition() {
        return definition;
    }

    MqttDevice terminal() {
        return terminal;
    }

    Instant idleSince() {
        return idleSince;
    }

    /** Open, in session, nothing at the counter, nothing in flight, and not resting after finding nothing. */
    boolean readyToCall(Instant now) {
        return inSession && open && !busy && ticketId == null && !now.isBefore(calmUntil);
    }

    void sessionStarts() {
        inSession = true;
        drive();
    }

    void sessionEnds() {
        inSession = false;
        drive();
    }

    /** Something may be waiting for this counter, or it is time to look again. */
    void wake() {
        drive();
    }

    /** Does the next thing the counter's state calls for, if anything. */
    private void drive() {
        if (busy || ticketId != null || hall.stopped()) {
            return;
        }
        if (inSession && !open) {
            command(CommandName.OPEN, null, reply -> {
                open = true;
                idleSince = hall.now();
                drive();
            });
        } else if (!inSession && open) {
            command(CommandName.CLOSE, null, reply -> {
                open = false;
                drive();
            });
        } else if (readyToCall(hall.now()) && hall.worthCalling(definition)) {
            command(CommandName.CALL_NEXT, null, this::called);
        }
    }

    private void called(JsonNode reply) {
        JsonNode ticket = reply.path("ticket");
        ticketId = ticket.path("id").asText();
        started = false;
        service = ticket.path("service").asText();
        hall.lineChanged(service, -1);
        citizen = hall.citizen(ticketId, service);
        LOG.fine(() -> "demo traffic: " + definition.id() + " calls " + ticket.path("number").asText());
        if (citizen.absentAtCall()) {
            later(RECALL_AFTER, this::recall);
        } else {
            later(hall.walk(), this::start);
        }
    }

    private void start() {
        command(CommandName.START, null, reply -> {
            started = true;
            later(citizen.serviceTime(service).orElseGet(() -> hall.serviceTime(service)), this::finish);
        });
    }

    private void finish() {
        String next = citizen.transferAfter().orElse(null);
        if (next == null) {
            command(CommandName.COMPLETE, null, reply -> {
                hall.done(ticketId);
                release();
            });
        } else {
            command(CommandName.TRANSFER, next, reply -> {
                citizen.transferred();
                release();
                hall.lineChanged(next, +1);
            });
        }
    }

    private void recall() {
        command(CommandName.RECALL, null, reply -> later(NO_SHOW_AFTER_RECALL, this::noShow));
    }

    private void noShow() {
        command(CommandName.NO_SHOW, null, reply -> {
            hall.done(ticketId);
            release();
        });
    }

    /** The citizen has gone: the counter closes if its session is over, else it calls again. */
    private void release() {
        ticketId = null;
        started = false;
        service = null;
        citizen = null;
        idleSince = hall.now();
        drive();
    }

    // --- commands ---

    /**
     * Sends the command and takes its answer in: an accepted one updates what the officer knows of the
     * counter even once the traffic has stopped (nothing new is scheduled then), so that {@link #leave}
     * starts from the truth; a refusal is repaired only while the traffic runs.
     */
    private void command(CommandName name, String toService, Consumer<JsonNode> accepted) {
        busy = true;
        Promise<Void> taken = Promise.promise();
        answered = taken.future();
        send(name, toService).onComplete(ar -> {
            busy = false;
            try {
                if (ar.failed()) {
                    return; // only when the traffic stops
                }
                JsonNode reply = ar.result();
                String code = errorCode(reply);
                if (code == null) {
                    refusals = 0;
                    accepted.accept(reply);
                } else if (!hall.stopped()) {
                    refused(name, code, reply.path("error").path("detail").asText(""));
                }
            } finally {
                taken.complete();
            }
        });
    }

    private Future<JsonNode> send(CommandName name, String toService) {
        String requestId = SimulatedCounterClosing.requestId();
        return terminal.request(commandsTopic, requestId,
                JsonCodec.encode(new CounterCommand(requestId, name, toService)));
    }

    private static String errorCode(JsonNode reply) {
        return reply.path("error").path("code").asText(null);
    }

    private void refused(CommandName name, String code, String detail) {
        if (name == CommandName.CALL_NEXT && code.equals(ErrorCode.NO_TICKET_WAITING.name())) {
            // Nothing this counter may take (the routing policy may still decline a secondary skill):
            // look again in a simulated minute, or sooner if the wait board changes.
            calmUntil = hall.now().plus(RETRY_AFTER);
            hall.after(RETRY_AFTER, this::drive);
            return;
        }
        refusals++;
        if (refusals > PATIENCE && !refusalsLogged) {
            refusalsLogged = true;
            LOG.warning("demo traffic: " + terminal.id() + " keeps being refused (" + code + ": " + detail
                    + "); it keeps trying once a simulated minute");
        } else {
            LOG.fine(() -> "demo traffic: " + terminal.id() + " " + name + " refused: " + code + " " + detail);
        }
        if (code.equals(ErrorCode.COUNTER_CLOSED.name())) {
            open = false; // closed by someone else: open it again if the session is on
        }
        // Whatever the counter holds is not what this officer thinks: clear it, then carry on.
        forget();
        busy = true;
        Duration pause = refusals > PATIENCE ? RETRY_AFTER : Duration.ZERO;
        hall.after(pause, this::clearCounter);
    }

    private void forget() {
        generation++;
        if (ticketId != null) {
            hall.done(ticketId);
        }
        ticketId = null;
        started = false;
        service = null;
        citizen = null;
    }

    /** COMPLETE whatever ticket the counter holds; a refusal here just means there was none. */
    private void clearCounter() {
        if (hall.stopped()) {
            return;
        }
        Promise<Void> taken = Promise.promise();
        answered = taken.future();
        send(CommandName.COMPLETE, null).onComplete(ar -> {
            busy = false;
            try {
                if (ar.failed()) {
                    return;
                }
                String code = errorCode(ar.result());
                if (code == null || code.equals(ErrorCode.INVALID_STATE.name())) {
                    open = true; // a closed counter answers COUNTER_CLOSED before anything else
                } else if (code.equals(ErrorCode.COUNTER_CLOSED.name())) {
                    open = false;
                }
                idleSince = hall.now();
                drive();
            } finally {
                taken.complete();
            }
        });
    }

    // --- leaving ---

    /** What the officer did on leaving: whether the counter was closed, and the command that freed it first. */
    record Left(String counter, boolean closed, Optional<CommandName> settled) {
    }

    /**
     * The traffic has stopped ({@link Hall#stopped()}): once the command in flight is answered, the
     * officer frees the counter by {@link SimulatedCounterClosing#settling}'s rule if a citizen is at it,
     * then closes it with CLOSE. Should CLOSE be refused because the counter holds a ticket the officer
     * did not know of (a refusal left unrepaired when the traffic stopped), that ticket is completed, as
     * the running simulation repairs it, and CLOSE is sent again. Fails if the counter cannot be closed.
     */
    Future<Left> leave() {
        return answered.compose(v -> {
            if (ticketId == null) {
                return open ? closeCounter(Optional.empty(), true)
                        : Future.succeededFuture(new Left(definition.id(), false, Optional.empty()));
            }
            CommandName settle = SimulatedCounterClosing.settling(started);
            return send(settle, null).compose(reply -> {
                boolean freed = errorCode(reply) == null;
                if (freed) {
                    hall.done(ticketId);
                    ticketId = null;
                    started = false;
                }
                return closeCounter(freed ? Optional.of(settle) : Optional.empty(), true);
            });
        });
    }

    private Future<Left> closeCounter(Optional<CommandName> settled, boolean mayRepair) {
        return send(CommandName.CLOSE, null).compose(reply -> {
            String code = errorCode(reply);
            if (code == null) {
                open = false;
                return Future.succeededFuture(new Left(definition.id(), true, settled));
            }
            if (mayRepair && code.equals(ErrorCode.INVALID_STATE.name())) {
                return send(CommandName.COMPLETE, null).compose(completed -> closeCounter(
                        errorCode(completed) == null ? Optional.of(CommandName.COMPLETE) : settled, false));
            }
            return Future.failedFuture(terminal.id() + " could not close " + definition.id() + ": " + code + " "
                    + reply.path("error").path("message").asText(""));
        });
    }

    /** Runs the step after a simulated delay, unless the counter's picture was reset meanwhile. */
    private void later(Duration delay, Runnable step) {
        long at = generation;
        hall.after(delay, () -> {
            if (at == generation && !hall.stopped()) {
                step.run();
            }
        });
    }
}
