package vn.onedesk.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.counters.CounterDesk;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;

/**
 * The demo leaves no ghosts: the simulated counters (the demo cast's, Q03–Q24; never Q01 and Q02, which
 * are left to people) are closed through the normal CLOSE command when the simulation is not there to
 * work them.
 *
 * <p>The engine refuses CLOSE while a ticket is at the counter ("complete, transfer or mark it no-show
 * before closing"). The simulated officer therefore first deals with the citizen at the counter as a real
 * officer leaving would ({@link #settling}): a citizen being served is served to the end (COMPLETE); a
 * citizen called who has not come up is marked no-show (NO_SHOW). The ticket's fate is then the engine's:
 * DONE or NO_SHOW, and the counter closes.
 *
 * <p>Two moments apply it. When the demo traffic stops, each {@link SimulatedCounter} does it itself over
 * MQTT before its terminal disconnects. A gateway killed with SIGKILL cannot, so at every start of the demo
 * {@link #closeLeftOpen} does it for the simulated counters that the restored queue still has open, through
 * the same command path as a terminal's ({@link CounterDesk#submit}), before MQTT listens: no device can
 * act between what it reads and what it commands, and the events are stored and published like any
 * counter's.
 *
 * <p>A counter is the simulation's to close only if the last command its terminal gave was the
 * simulation's ({@link #requestId()}: "demo-" and a UUID). People may work Q03–Q24 by hand while the
 * traffic is off, with their own request ids; a restart leaves their counters as they were, as it leaves
 * the whole queue.
 */
public final class SimulatedCounterClosing {
    private static final Logger LOG = Logger.getLogger("onedesk.demo");

    /** The simulation's request ids as a PostgreSQL regular expression: {@link #requestId()}'s shape. */
    static final String REQUEST_ID_PATTERN =
            "^demo-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private SimulatedCounterClosing() {
    }

    /** A fresh request id for a command of the simulation; no person's request id looks like it. */
    static String requestId() {
        return "demo-" + UUID.randomUUID();
    }

    /** The command that frees a counter before CLOSE: COMPLETE for a citizen being served, else NO_SHOW. */
    static CommandName settling(boolean inService) {
        return inService ? CommandName.COMPLETE : CommandName.NO_SHOW;
    }

    /** A simulated counter that the restored queue has open, and the state of the ticket at it, if any. */
    private record LeftOpen(String counter, String terminal, Optional<TicketState> ticket) {
    }

    /** What closing one counter came to: the command that freed it first, if any, and a refusal, if any. */
    private record Closed(String counter, Optional<CommandName> settled, Optional<String> refusal) {
    }

    /**
     * In demo mode, closes the simulated counters that an earlier run's simulation left open (it was
     * killed, or its traffic could not close them in time), and logs one line saying how many and why.
     * Does nothing outside the demo. Never fails: what cannot be closed is logged and left as it is.
     */
    public static Future<Void> closeLeftOpen(GatewayConfig config, Centres centres, CounterDesk desk, Pool pool) {
        if (!config.demo() || config.centres().isEmpty()) {
            return Future.succeededFuture();
        }
        CentreDefinition centre = config.centres().get(0);
        Optional<CentreRuntime> runtime = centres.find(centre.id());
        if (runtime.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, String> terminals = DemoCast.of(centre, config.devices()).terminals().stream()
                .collect(Collectors.toMap(t -> t.counter().id(), t -> t.login().device()));
        Future<Set<String>> simulationsLast = pool.preparedQuery("SELECT DISTINCT ON (device_id) device_id,"
                        + " request_id ~ $3 FROM requests WHERE centre_id = $1 AND device_id = ANY($2)"
                        + " ORDER BY device_id, created_at DESC")
                .execute(Tuple.of(centre.id(), terminals.values().toArray(new String[0]), REQUEST_ID_PATTERN))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).filter(r -> r.getBoolean(1))
                        .map(r -> r.getString(0)).collect(Collectors.toSet()));
        return simulationsLast.compose(devices -> runtime.get().read(queue -> queue.counters().stream()
                        .filter(CounterState::open)
                        .filter(c -> terminals.containsKey(c.id()) && devices.contains(terminals.get(c.id())))
                        .map(c -> new LeftOpen(c.id(), terminals.get(c.id()),
                                c.current().flatMap(queue::ticket).map(Ticket::state)))
                        .toList()))
                .compose(leftOpen -> {
                    List<Future<Closed>> closing = leftOpen.stream().map(c -> close(centre.id(), c, desk)).toList();
                    return Future.all(closing).map(done -> {
                        report(closing.stream().map(Future::result).toList(), config.demoTraffic().enabled());
                        return (Void) null;
                    });
                })
                .otherwise(e -> {
                    LOG.warning("demo: could not look for simulated counters left open by the last run: " + e);
                    return null;
                });
    }

    /** Frees the counter by the rule, if a ticket is at it, then closes it; a refusal ends the attempt. */
    private static Future<Closed> close(String centre, LeftOpen counter, CounterDesk desk) {
        Function<CommandName, Future<Optional<String>>> command = name -> {
            CounterCommand c = new CounterCommand(requestId(), name, null);
            return desk.submit(centre, counter.counter(), counter.terminal(), c)
                    .map(reply -> refusal(reply).map(why -> name + " refused: " + why));
        };
        Optional<CommandName> settle = counter.ticket().map(state -> settling(state == TicketState.SERVING));
        Future<Optional<String>> freed = settle.isEmpty() ? Future.succeededFuture(Optional.empty())
                : command.apply(settle.get());
        return freed
                .compose(refused -> refused.isPresent() ? Future.succeededFuture(refused)
                        : command.apply(CommandName.CLOSE))
                .map(refused -> new Closed(counter.counter(), settle, refused))
                .otherwise(e -> new Closed(counter.counter(), settle, Optional.of(String.valueOf(e))));
    }

    /** The error code and message of a refused reply; empty when the command was accepted. */
    private static Optional<String> refusal(byte[] reply) {
        JsonNode error = JsonCodec.tree(reply).path("error");
        return error.isObject()
                ? Optional.of(error.path("code").asText() + " " + error.path("message").asText())
                : Optional.empty();
    }

    private static void report(List<Closed> results, boolean trafficOn) {
        List<Closed> closed = results.stream().filter(r -> r.refusal().isEmpty()).toList();
        if (!closed.isEmpty()) {
            long completed = closed.stream().filter(r -> r.settled().equals(Optional.of(CommandName.COMPLETE))).count();
            long noShows = closed.stream().filter(r -> r.settled().equals(Optional.of(CommandName.NO_SHOW))).count();
            LOG.info("demo: closed " + closed.size() + " simulated counter" + (closed.size() == 1 ? "" : "s")
                    + " left open by the last run (" + closed.stream().map(Closed::counter)
                    .collect(Collectors.joining(", ")) + "): "
                    + (trafficOn ? "the demo traffic opens them again in their sessions"
                            : "demo traffic is off, so no one would work them")
                    + (completed + noShows == 0 ? "" : "; before closing, " + completed + " ticket(s) in service"
                            + " were completed and " + noShows + " called ticket(s) marked no-show"));
        }
        List<String> failed = results.stream().filter(r -> r.refusal().isPresent())
                .map(r -> r.counter() + " (" + r.refusal().get() + ")").toList();
        if (!failed.isEmpty()) {
            LOG.warning("demo: could not close simulated counters left open by the last run: "
                    + String.join(", ", failed));
        }
    }
}
