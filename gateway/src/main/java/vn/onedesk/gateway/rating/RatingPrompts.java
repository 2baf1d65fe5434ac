package vn.onedesk.gateway.rating;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.rating.Completion;
import vn.onedesk.engine.rating.Completions;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.gateway.queue.CommitListener;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.rating.RatingPrompt;

/**
 * Each counter's retained {@code rating/prompt}: published when a COMPLETE is committed (so a pad that reconnects
 * sees it), and cleared with an empty retained message once the ticket is rated (from the pad or the phone) or the
 * centre's rating window ends. After a (re)load, a counter whose last completion may still be rated is prompted
 * again. Runs on each centre's context, where the writer tells it what it committed; the window's end is a timer
 * on that context too.
 */
public final class RatingPrompts implements CommitListener {
    private static final byte[] CLEARED = new byte[0];

    private record Shown(String ticketId, long timer) {
    }

    private final Vertx vertx;
    private final MqttBroker broker;
    private final Clock clock;
    /** Per centre, per counter: the ticket its pad is prompted for now. Each centre's map is used on its context. */
    private final Map<String, Map<String, Shown>> shown = new ConcurrentHashMap<>();

    public RatingPrompts(Vertx vertx, MqttBroker broker, Clock clock) {
        this.vertx = vertx;
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public void loaded(CentreQueue queue) {
        String centre = queue.definition().id();
        Map<String, Shown> prompts = prompts(centre);
        Instant now = clock.instant();
        for (String counter : List.copyOf(prompts.keySet())) {
            if (queue.definition().counter(counter).isEmpty()) {
                clear(centre, counter);
            }
        }
        for (CounterDefinition counter : queue.definition().counters()) {
            Optional<Completion> last = queue.completions().lastAt(counter.id())
                    .filter(c -> !c.rated() && now.isBefore(Completions.padClosesAt(c, queue.definition())));
            if (last.isPresent()) {
                prompt(queue, last.get());
            } else if (prompts.containsKey(counter.id())) {
                clear(centre, counter.id());
            }
        }
    }

    @Override
    public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
        for (Event event : events) {
            if (event instanceof Event.ServiceCompleted completed) {
                queue.completions().of(completed.ticketId()).filter(c -> !c.rated())
                        .ifPresent(c -> prompt(queue, c));
            } else if (event instanceof Event.ServiceRated rated) {
                Shown now = prompts(queue.definition().id()).get(rated.counter());
                if (now != null && now.ticketId().equals(rated.ticketId())) {
                    clear(queue.definition().id(), rated.counter());
                }
            }
        }
    }

    private void prompt(CentreQueue queue, Completion completion) {
        String centre = queue.definition().id();
        Instant expiresAt = Completions.padClosesAt(completion, queue.definition());
        Shown before = prompts(centre).remove(completion.counter());
        if (before != null) {
            vertx.cancelTimer(before.timer());
        }
        RatingPrompt prompt = new RatingPrompt(completion.number(),
                completion.service(), officerName(queue, completion), expiresAt);
        broker.publish(OutboundMessage.of(topic(centre, completion.counter()), JsonCodec.encode(prompt),
                MqttQoS.AT_LEAST_ONCE, true));
        long delay = Math.max(1, Duration.between(clock.instant(), expiresAt).toMillis());
        long timer = vertx.setTimer(delay, t -> {
            Shown current = prompts(centre).get(completion.counter());
            if (current != null && current.timer() == t) {
                clear(centre, completion.counter());
            }
        });
        prompts(centre).put(completion.counter(), new Shown(completion.ticketId(), timer));
    }

    /**
     * The officer's name as a name badge at the counter shows it: only when the centre shows officers' names, and
     * only while the officer who completed it is still the one bound (the engine keeps their id, not their name).
     */
    private static String officerName(CentreQueue queue, Completion completion) {
        if (!queue.definition().showOfficerName() || completion.officer() == null) {
            return null;
        }
        return queue.counter(completion.counter()).flatMap(CounterState::boundOfficer)
                .filter(o -> o.id().equals(completion.officer())).map(Officer::name).orElse(null);
    }

    private void clear(String centre, String counter) {
        Shown before = prompts(centre).remove(counter);
        if (before != null) {
            vertx.cancelTimer(before.timer());
        }
        broker.publish(OutboundMessage.of(topic(centre, counter), CLEARED, MqttQoS.AT_LEAST_ONCE, true));
    }

    private Map<String, Shown> prompts(String centre) {
        return shown.computeIfAbsent(centre, c -> new HashMap<>());
    }

    private static String topic(String centre, String counter) {
        return new Topic.RatingPrompt(centre, counter).name();
    }
}
