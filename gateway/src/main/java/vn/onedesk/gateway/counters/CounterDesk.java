package vn.onedesk.gateway.counters;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.mqtt.InboundContext;
import vn.onedesk.gateway.mqtt.InboundHandler;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.Outcome;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.queue.Rejections;
import vn.onedesk.gateway.queue.ReplyRenderer;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.gateway.staff.CounterPasses;
import vn.onedesk.gateway.staff.CounterRelease;
import vn.onedesk.gateway.staff.OfficerDirectory;
import vn.onedesk.gateway.staff.OfficerPins;
import vn.onedesk.gateway.staff.OfficerVerdict;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.counters.CounterView;
import vn.onedesk.protocol.counters.OfficerView;

/**
 * Counter terminal commands: decode, run through the centre's queue, reply after the commit. An OPEN that names an
 * officer has their PIN ({@link OfficerPins}, off the event loop) or their counter pass ({@link CounterPasses})
 * checked first; only a verified officer reaches the engine, which binds them to the counter.
 *
 * <p>It also closes a counter on an officer's behalf when they log out ({@link CounterRelease}): the same CLOSE
 * through the same single writer, guarded so that it closes the counter only while that officer is still bound.
 */
public final class CounterDesk implements InboundHandler, CounterRelease {
    /** The device under which a logout's CLOSE is remembered, with the officer: {@code staff:officer-Q05}. */
    static final String LOGOUT_DEVICE_PREFIX = "staff:";

    private final Centres centres;
    private final OfficerPins officerPins;
    private final CounterPasses counterPasses;
    /** Checks the officer a TRANSFER names; null (a gateway without staff, a fuzz test) takes any name. */
    private final OfficerDirectory officers;

    public CounterDesk(Centres centres, OfficerPins officerPins, CounterPasses counterPasses) {
        this(centres, officerPins, counterPasses, null);
    }

    public CounterDesk(Centres centres, OfficerPins officerPins, CounterPasses counterPasses,
                       OfficerDirectory officers) {
        this.centres = centres;
        this.officerPins = officerPins;
        this.counterPasses = counterPasses;
        this.officers = officers;
    }

    @Override
    public Future<Optional<ErrorCode>> handle(InboundContext context) {
        Topic.CounterCommands topic = (Topic.CounterCommands) context.topic();
        Topic reply = replyTopic(context.device());
        Decoded<CounterCommand> decoded = JsonCodec.decode(context.payload(), CounterCommand.class);
        if (decoded instanceof Decoded.Failed<CounterCommand> failed) {
            context.reply(reply, JsonCodec.encode(CounterReply.refused(failed.requestId().orElse(null), null,
                    failed.error(), failed.replyLanguage())));
            return Future.succeededFuture(Optional.of(failed.error().code()));
        }
        CounterCommand command = ((Decoded.Ok<CounterCommand>) decoded).message();
        if (centres.find(topic.centre()).isEmpty()) { // removed by the administration while the terminal was connected
            context.reply(reply, JsonCodec.encode(CounterReply.refused(command.requestId(), command.command(),
                    ProtocolError.of(ErrorCode.UNKNOWN_CENTRE, "centre " + topic.centre() + " is not running"),
                    command.language())));
            return Future.succeededFuture(Optional.of(ErrorCode.UNKNOWN_CENTRE));
        }
        return submit(topic.centre(), topic.counter(), context.device().id(), command).map(payload -> {
            context.reply(reply, payload);
            return Optional.empty();
        });
    }

    /**
     * Runs a terminal's command at a counter through the centre's single writer, as one that came over
     * MQTT does: the same engine decision, the same commit of its events and reply, the same publication.
     * Completes with the reply payload (an accepted reply or a refusal) once it is durable.
     *
     * @param device the terminal's device id, under which the requestId is remembered
     */
    public Future<byte[]> submit(String centreId, String counter, String device, CounterCommand command) {
        CentreRuntime centre = centres.find(centreId).orElseThrow();
        Replies replies = new Replies(command, counter);
        String fingerprint = counter + "|" + command.command() + "|" + command.service()
                + (command.officer() == null ? "" : "|" + command.officer())
                + (command.dossiers() == null ? "" : "|" + command.dossiers() + "|post=" + command.returnByPost())
                + (command.reason() == null ? "" : "|reason=" + command.reason())
                + CounterOperations.fingerprint(command);
        if (command.command() == CommandName.TRANSFER && command.toOfficer() != null && officers != null) {
            return officers.worksAt(command.toOfficer(), centreId).compose(known -> known
                    ? centre.submit(new QueueRequest(device, command.requestId(), fingerprint,
                            toEngine(counter, command, null), replies))
                    : Future.succeededFuture(replies.failed(ProtocolError.of(ErrorCode.UNKNOWN_OFFICER,
                            "no officer " + command.toOfficer() + " works at centre " + centreId))),
                    e -> Future.succeededFuture(replies.failed(ProtocolError.of(ErrorCode.UNAVAILABLE,
                            "the staff store cannot be read now; retry with the same requestId"))));
        }
        if (command.officer() == null) {
            return centre.submit(new QueueRequest(device, command.requestId(), fingerprint,
                    toEngine(counter, command, null), replies));
        }
        Optional<CounterDefinition> definition = centre.definition().counter(counter);
        if (definition.isEmpty()) { // the engine refuses it as it refuses any command at an unknown counter
            return centre.submit(new QueueRequest(device, command.requestId(), fingerprint,
                    toEngine(counter, command, null), replies));
        }
        String operator = definition.get().operator().code();
        Future<OfficerVerdict> checked = command.pass() != null
                ? counterPasses.redeem(command.officer(), command.pass(), centreId, counter, operator, device,
                        command.requestId())
                : officerPins.check(command.officer(), command.pin(), centreId, counter, operator, device);
        return checked.compose(verdict -> {
                    if (verdict instanceof OfficerVerdict.Verified ok) {
                        return centre.submit(new QueueRequest(device, command.requestId(), fingerprint,
                                toEngine(counter, command, new Officer(ok.username(), ok.fullName())), replies));
                    }
                    return Future.succeededFuture(replies.failed(verdict instanceof OfficerVerdict.WrongOperator wrong
                            ? ProtocolError.of(ErrorCode.WRONG_OPERATOR, wrong.detail())
                            : ProtocolError.of(ErrorCode.NOT_AUTHORISED, ((OfficerVerdict.Refused) verdict).detail())));
                }, e -> Future.succeededFuture(replies.failed(ProtocolError.of(ErrorCode.UNAVAILABLE,
                        e instanceof PasswordChecks.Busy
                                ? "too many passwords are being checked at this moment; retry with the same requestId"
                                : "the staff store cannot be read now; retry with the same requestId"))));
    }

    // ---------------------------------------------------------------- logout

    @Override
    public Future<List<Released>> release(String officer) {
        List<Future<Optional<Released>>> each = centres.all().stream().map(centre -> release(centre, officer))
                .toList();
        return Future.all(each).map(done -> each.stream().map(Future::result).flatMap(Optional::stream).toList());
    }

    /**
     * Finds the counter the officer is bound to at this centre and closes it on their behalf, through the writer.
     * The engine closes it only if they are still bound when the CLOSE is decided (someone may have closed and
     * reopened it between the look and the CLOSE), and refuses while it holds a ticket; what the counter is then
     * is read back from the queue.
     */
    private Future<Optional<Released>> release(CentreRuntime centre, String officer) {
        return centre.read(queue -> queue.counters().stream().filter(c -> officer.equals(c.officerId()))
                        .map(CounterState::id).findFirst())
                .compose(bound -> {
                    if (bound.isEmpty()) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    String counter = bound.get();
                    CounterCommand close = new CounterCommand("logout-" + UUID.randomUUID(), CommandName.CLOSE, null);
                    return centre.submit(new QueueRequest(LOGOUT_DEVICE_PREFIX + officer, close.requestId(),
                                    counter + "|CLOSE|" + officer, new Command.CloseCounter(counter, officer),
                                    new Replies(close, counter)))
                            .compose(reply -> {
                                ErrorCode refused = refusal(reply);
                                if (refused != null && refused.retryable()) {
                                    return Future.failedFuture(new IllegalStateException("centre " + centre.centreId()
                                            + " could not close counter " + counter + " for " + officer + ": "
                                            + refused));
                                }
                                return centre.read(queue -> Optional.of(released(centre.centreId(), queue, counter,
                                        officer)));
                            });
                });
    }

    private static Released released(String centre, CentreQueue queue, String counter, String officer) {
        CounterState state = queue.counter(counter).orElseThrow();
        int number = queue.definition().counter(counter).map(CounterDefinition::number).orElse(0);
        boolean stillTheirs = state.open() && officer.equals(state.officerId());
        Optional<Ticket> ticket = stillTheirs ? state.current().flatMap(queue::ticket) : Optional.empty();
        return new Released(centre, counter, number, stillTheirs, ticket.map(Ticket::number),
                ticket.map(t -> t.state().name()));
    }

    /** The error code of a refused reply; null for an accepted one. */
    private static ErrorCode refusal(byte[] reply) {
        JsonNode code = JsonCodec.tree(reply).path("error").path("code");
        return code.isTextual() ? ErrorCode.valueOf(code.asText()) : null;
    }

    static Command toEngine(String counter, CounterCommand command, Officer officer) {
        return switch (command.command()) {
            case OPEN -> new Command.OpenCounter(counter, officer);
            case CLOSE -> new Command.CloseCounter(counter);
            case CALL_NEXT -> new Command.CallNext(counter);
            case RECALL -> new Command.Recall(counter);
            case NO_SHOW -> new Command.MarkNoShow(counter);
            case START -> new Command.StartService(counter);
            case COMPLETE -> new Command.CompleteService(counter, dossiers(command));
            case TRANSFER -> CounterOperations.transfer(counter, command, dossiers(command));
            case PARK -> new Command.Park(counter, command.reason());
            case CALL_PARKED -> new Command.CallParked(counter, command.ticket());
            case CALL_NUMBER -> new Command.CallNumber(counter, command.ticket(), command.reason());
            case REQUEUE -> new Command.Requeue(command.ticket(), counter);
        };
    }

    private static Dossiers dossiers(CounterCommand command) {
        return Dossiers.of(command.dossiers(), Boolean.TRUE.equals(command.returnByPost()));
    }

    @Override
    public boolean repliesTo(Device device) {
        return device.role() == DeviceRole.COUNTER;
    }

    @Override
    public void refuse(InboundContext context, ProtocolError error) {
        Decoded<CounterCommand> decoded = JsonCodec.decode(context.payload(), CounterCommand.class);
        String requestId = decoded.fold(CounterCommand::requestId, f -> f.requestId().orElse(null));
        CommandName name = decoded.fold(CounterCommand::command, f -> null);
        Language language = decoded.fold(CounterCommand::language, Decoded.Failed::replyLanguage);
        context.reply(replyTopic(context.device()),
                JsonCodec.encode(CounterReply.refused(requestId, name, error, language)));
    }

    /** Who is at the counter, as replies and the {@code now} message name them. */
    public static OfficerView officerView(CounterState state) {
        return state.boundOfficer().map(o -> new OfficerView(o.id(), o.name())).orElse(null);
    }

    private static Topic replyTopic(Device terminal) {
        return new Topic.CounterReplies(terminal.centre(), terminal.counter());
    }

    private record Replies(CounterCommand command, String counter) implements ReplyRenderer {
        @Override
        public byte[] accepted(Outcome outcome) {
            CounterDefinition definition = outcome.queue().definition().counter(counter).orElseThrow();
            CounterState state = outcome.queue().counter(counter).orElseThrow();
            CounterView view = new CounterView(counter, definition.number(), definition.operator().code(), state.open(),
                    officerView(state));
            return JsonCodec.encode(CounterReply.done(command.requestId(), command.command(), view,
                    outcome.ticket().map(t -> CounterOperations.withNote(TicketViews.of(t, outcome.queue()), t))
                            .orElse(null),
                    outcome.reason().orElse(null)));
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return failed(Rejections.error(rejection, detail));
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return JsonCodec.encode(CounterReply.refused(command.requestId(), command.command(), error,
                    command.language()));
        }
    }
}
