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
import vn.onedesk.engine.ticketing.Dossiers;
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
                new Command.CallNext("Q01"), new Command.CompleteService("Q01"), // the other of the first two
                // issue 14: parked, called by number with a note (out of order), called back, parked and expired
                new Command.IssueTicket("id-3", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.IssueTicket("id-4", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.IssueTicket("id-5", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.CallNext("Q01"), new Command.Park("Q01", "Đi photo giấy tờ"),
                new Command.CallNumber("Q01", "A005", "Lãnh đạo yêu cầu"), new Command.CompleteService("Q01"),
                new Command.CallParked("Q01", "A003"), new Command.Park("Q01", "Bổ sung giấy tờ"),
                new Command.ExpireParked(),
                new Command.CallNext("Q01"), new Command.Transfer("Q01", null, "Q02", null, "Thiếu bản sao CCCD"),
                // issue 17: a remote ticket passed over by a call, then confirmed at a kiosk and called
                Command.IssueTicket.remote("id-6", "TP", vn.onedesk.engine.ticketing.RemoteHold.taken("a1b2", "K7M3QX")),
                new Command.IssueTicket("id-7", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.CallNext("Q01"), new Command.CompleteService("Q01"),
                new Command.ConfirmRemote("K7M3QX", "kiosk-1"),
                new Command.CallNext("Q01"), new Command.CompleteService("Q01"),
                new Command.CloseCounter("Q01"),
                new Command.OpenCounter("Q02"), new Command.CloseCounter("Q02"),
                new Command.Reconfigure(centre.withCounters(centre.counters().subList(0, centre.counters().size() - 1))));
        List<Event> events = new ArrayList<>();
        for (Command c : commands) {
            now = now.plus(c instanceof Command.ExpireParked ? centre.rules().parkTimeout() : Duration.ofSeconds(61));
            events.addAll(assertInstanceOf(Decision.Accepted.class, queue.handle(c, now), c.toString()).events());
        }
        String completed = queue.completions().lastAt("Q01").orElseThrow().ticketId();
        now = now.plus(Duration.ofSeconds(61));
        events.addAll(assertInstanceOf(Decision.Accepted.class, queue.handle(Command.RateService.byPhone(completed, 2,
                List.of("WAITED_TOO_LONG", "OTHER")), now)).events());
        Set<Class<?>> kinds = new LinkedHashSet<>();
        for (Event e : events) {
            JsonObject stored = new JsonObject(EventRecords.payload(e).encode());
            // the log keeps a remote ticket's code, never its phone's hash
            Event expected = e instanceof Event.TicketIssued i && i.ticket().remote() != null
                    ? new Event.TicketIssued(i.ticket().withRemote(i.ticket().remote().released()), i.dossier()) : e;
            assertEquals(Optional.of(expected), EventRecords.decode(EventRecords.type(e), e.ticketId(), e.counter(), stored,
                    e.at()), EventRecords.type(e));
            kinds.add(e.getClass());
        }
        assertEquals(Set.of(Event.class.getPermittedSubclasses()), kinds, "every kind of event is covered");
        assertEquals(1, events.stream().filter(e -> e instanceof Event.TicketCalled c && c.outOfOrder()
                && "Lãnh đạo yêu cầu".equals(c.note())).count(), "the call by number, with its note");
        assertEquals(1, events.stream().filter(e -> e instanceof Event.TicketCalled c && c.resumed()).count());
        assertEquals(1, events.stream().filter(e -> e instanceof Event.TicketNoShow n && n.expired()).count());
    }

    @Test
    void dossiersAreWrittenUnderTheAgreedKeysAndReadBackAsTheSameEvents() {
        var centre = ConfigLoader.load(java.util.Map.of()).centres().get(0);
        CentreQueue queue = CentreQueue.empty(centre, RoutingPolicies.defaultPolicy(), WaitEstimators.defaultEstimator());
        Instant now = Instant.parse("2025-03-03T01:00:00.123456Z");
        Dossiers received = new Dossiers(List.of("000.00.24.H12-241203-0001", "H12-0002"), true);
        Dossiers leg = new Dossiers(List.of("BHXH-2025/000123"), false);
        List<Command> commands = List.of(
                new Command.OpenCounter("Q01", new Officer("officer-Q01", "Cán bộ quầy 1")),
                new Command.IssueTicket("id-1", "KQ", PriorityGroup.NONE, Channel.WALK_IN, null, "H12-0009"),
                new Command.IssueTicket("id-2", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.CallNext("Q01"), new Command.Transfer("Q01", "KD", leg),
                new Command.CallNext("Q01"), new Command.CompleteService("Q01", received));
        List<Event> events = new ArrayList<>();
        for (Command c : commands) {
            now = now.plus(Duration.ofSeconds(61));
            events.addAll(assertInstanceOf(Decision.Accepted.class, queue.handle(c, now), c.toString()).events());
        }
        for (Event e : events) {
            JsonObject stored = new JsonObject(EventRecords.payload(e).encode());
            // the log keeps a remote ticket's code, never its phone's hash
            Event expected = e instanceof Event.TicketIssued i && i.ticket().remote() != null
                    ? new Event.TicketIssued(i.ticket().withRemote(i.ticket().remote().released()), i.dossier()) : e;
            assertEquals(Optional.of(expected), EventRecords.decode(EventRecords.type(e), e.ticketId(), e.counter(), stored,
                    e.at()), EventRecords.type(e));
            if (e instanceof Event.TicketIssued issued) {
                assertEquals(issued.dossier(), stored.getString("dossier"));
            } else if (e instanceof Event.TicketTransferred) {
                assertEquals(new JsonObject().put("dossiers", List.of("BHXH-2025/000123")).put("returnByPost", false),
                        new JsonObject().put("dossiers", stored.getJsonArray("dossiers").getList())
                                .put("returnByPost", stored.getBoolean("returnByPost")));
            } else if (e instanceof Event.ServiceCompleted) {
                assertEquals(List.of("000.00.24.H12-241203-0001", "H12-0002"),
                        stored.getJsonArray("dossiers").getList());
                assertEquals(true, stored.getBoolean("returnByPost"));
            } else {
                assertEquals(false, stored.containsKey("dossiers") || stored.containsKey("dossier"), e.toString());
            }
        }
        assertEquals(1, events.stream().filter(e -> e instanceof Event.ServiceCompleted).count());
    }
}
