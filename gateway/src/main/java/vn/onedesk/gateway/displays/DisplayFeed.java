package vn.onedesk.gateway.displays;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.gateway.queue.CommitListener;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.NowServing;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;

/**
 * What hall and counter displays see: every call on the centre's calls topic (QoS 1, in seq order),
 * and retained now-serving and wait messages that are republished only when their content changes.
 */
public final class DisplayFeed implements CommitListener {
    private final MqttBroker broker;
    private final Clock clock;
    /** Last published content per retained topic, without timestamps, to skip unchanged republishing. */
    private final Map<String, Object> lastRetained = new ConcurrentHashMap<>();

    public DisplayFeed(MqttBroker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public void loaded(CentreQueue queue) {
        lastRetained.keySet().removeIf(topic -> topic.contains("/" + queue.definition().id() + "/"));
        publishRetainedState(queue);
    }

    @Override
    public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
        String centre = queue.definition().id();
        for (Event event : events) {
            if (event instanceof Event.TicketCalled called) {
                Ticket ticket = tickets.get(called.ticketId());
                CounterDefinition counter = queue.definition().counter(called.counter()).orElseThrow();
                CallAnnouncement call = new CallAnnouncement(called.callSeq(), ticket.number(), ticket.id(),
                        ticket.service(), counter.id(), counter.number(), called.recall(), called.at());
                broker.publish(OutboundMessage.of(new Topic.Calls(centre).name(), JsonCodec.encode(call),
                        MqttQoS.AT_LEAST_ONCE, false));
            }
        }
        publishRetainedState(queue);
    }

    private void publishRetainedState(CentreQueue queue) {
        String centre = queue.definition().id();
        for (CounterDefinition counter : queue.definition().counters()) {
            CounterState state = queue.counter(counter.id()).orElseThrow();
            Ticket ticket = state.current().flatMap(queue::ticket).orElse(null);
            NowServing now = new NowServing(counter.id(), counter.number(), state.open(),
                    ticket == null ? null : ticket.number(), ticket == null ? null : ticket.id(),
                    ticket == null ? null : ticket.service(), ticket == null ? null : ticket.state().name(),
                    ticket == null ? null : (ticket.startedAt() != null ? ticket.startedAt() : ticket.calledAt()));
            publishIfChanged(new Topic.CounterNow(centre, counter.id()).name(), now, now);
        }
        for (ServiceField service : queue.definition().services()) {
            int waiting = queue.waiting().count(service.code());
            int open = queue.openCounters(service.code());
            var estimate = TicketViews.wait(queue.estimateForService(service.code()));
            WaitEstimate wait = new WaitEstimate(service.code(), service.name(), waiting, open, estimate,
                    clock.instant());
            publishIfChanged(new Topic.ServiceWait(centre, service.code()).name(),
                    Arrays.asList(waiting, open, estimate), wait);
        }
    }

    private void publishIfChanged(String topic, Object content, Object message) {
        if (content.equals(lastRetained.put(topic, content))) {
            return;
        }
        broker.publish(OutboundMessage.of(topic, JsonCodec.encode(message), MqttQoS.AT_LEAST_ONCE, true));
    }
}
