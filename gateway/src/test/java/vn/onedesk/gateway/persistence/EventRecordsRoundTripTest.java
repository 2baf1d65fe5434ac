package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.gateway.config.ConfigLoader;

/**
 * The reports read the {@code events} table back with their own decoder; every kind of event the
 * engine makes, written as {@link EventRecords} writes it (through JSON text, as jsonb returns it),
 * must read back as the very same event.
 */
class EventRecordsRoundTripTest {
    @Test
    void everyKindOfEventWrittenToTheEventsTableReadsBackAsTheSameEventWithOrWithoutItsOfficer() {
        var centre = ConfigLoader.load(java.util.Map.of()).centres().get(0);
        CentreQueue queue = CentreQueue.empty(centre, RoutingPolicies.defaultPolicy(), WaitEstimators.defaultEstimator());
        Instant now = Instant.parse("2025-03-03T01:00:00.123456Z");
        List<Command> commands = List.of(
                new Command.OpenCounter("Q01", new Officer("officer-Q01", "Cán bộ quầy 1")),
                new Command.IssueTicket("id-1", "TP", PriorityGroup.ELDERLY, Channel.REMOTE),
                new Command.IssueTicket("id-2", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.CallNext("Q01"), new Command.Recall("Q01"), new Command.StartService("Q01"),
                new Command.Transfer("Q01", "KD"),
                new Command.CallNext("Q01"), new Command.MarkNoShow("Q01"),
                new Command.Requeue("A001", "Q01"),
                new Command.CallNext("Q01"), new Command.CompleteService("Q01"),
                new Command.CallNext("Q01"), new Command.Transfer("Q01", null, "Q02", null, "Thiếu bản sao CCCD"),
                new Command.CloseCounter("Q01"),
                new Command.OpenCounter("Q02"), new Command.CloseCounter("Q02"),
                new Command.Reconfigure(centre.withCounters(centre.counters().subList(0, centre.counters().size() - 1))));
        List<Event> events = new ArrayList<>();
        for (Command c : commands) {
            now = now.plus(Duration.ofSeconds(61));
            events.addAll(assertInstanceOf(Decision.Accepted.class, queue.handle(c, now), c.toString()).events());
        }
        Set<Class<?>> kinds = new LinkedHashSet<>();
        for (Event e : events) {
            JsonObject stored = new JsonObject(EventRecords.payload(e).encode());
            assertEquals(Optional.of(e), EventRecords.decode(EventRecords.type(e), e.ticketId(), e.counter(), stored,
                    e.at()), EventRecords.type(e));
            kinds.add(e.getClass());
        }
        assertEquals(Set.of(Event.class.getPermittedSubclasses()), kinds, "every kind of event is covered");
    }
}
