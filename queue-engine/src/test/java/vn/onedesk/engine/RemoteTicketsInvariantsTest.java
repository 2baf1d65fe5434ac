package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * Seeded randomised days with remote tickets among walk-ins: phones taking tickets, kiosks confirming some (and
 * mistyped codes), counters opening, calling, serving, calling by number, marking no-shows, at random times. After
 * every step the rule of remote tickets must hold, whatever came before. A failure names the seed and the step.
 */
class RemoteTicketsInvariantsTest {
    private static final int STEPS = 3_000;
    private static final List<String> PHONES = List.of("p1", "p2", "p3", "p4", "p5", "p6");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 16).map(i -> i * 7_919L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCallNeverTakesAnUnconfirmedRemoteTicketAndExpiresOneOnlyAfterItsGrace(long seed) {
        Random random = new Random(seed);
        Duration grace = Duration.ofMinutes(seed % 3 == 0 ? 0 : 1 + random.nextInt(8));
        int limit = 1 + random.nextInt(3);
        CentreDefinition centre = TestCentre.definition(seed % 2 == 0)
                .withRules(CounterRules.DEFAULT.withRemote(limit, grace, 3));
        CentreQueue queue = TestCentre.emptyQueue(centre);
        Instant now = TestCentre.local("07:30");
        Map<String, Integer> tally = new TreeMap<>();
        int nextId = 0;
        Set<String> everPassed = new HashSet<>();

        for (int step = 0; step < STEPS; step++) {
            now = now.plusSeconds(random.nextInt(90));
            if (!centre.inSession(now)) { // on to the next session: the rules hold across lunch and nights too
                now = centre.nextOpening(now).orElseThrow().plusSeconds(random.nextInt(60));
            }
            Command command = randomCommand(random, queue, centre, "t" + nextId++);
            Map<String, Ticket> before = new HashMap<>();
            queue.activeTickets().forEach(t -> before.put(t.id(), t));
            Execution execution = queue.execute(command, now);
            String where = "seed " + seed + ", step " + step + " (" + command + " at " + now + ")";
            if (execution instanceof Execution.Refused refused) {
                tally.merge("refused " + refused.rejection(), 1, Integer::sum);
                continue;
            }
            Changes changes = ((Execution.Applied) execution).changes();
            for (Event e : changes.events()) {
                tally.merge(e.getClass().getSimpleName() + (e instanceof Event.TicketNoShow n && n.expired()
                        ? " expired" : ""), 1, Integer::sum);
                checkEvent(e, command, before, queue, centre, grace, changes, where);
                if (e instanceof Event.RemoteTicketPassed p) {
                    assertTrue(everPassed.add(p.ticketId()), where + ": passed twice as an event: " + p);
                }
            }
            checkQueue(queue, limit, where);
        }
        for (String kind : List.of("RemoteTicketPassed", "RemoteTicketConfirmed", "TicketNoShow expired",
                "TicketCalled", "refused REMOTE_LIMIT", "refused UNKNOWN_REMOTE_TICKET")) {
            assertTrue(tally.getOrDefault(kind, 0) > 0, () -> "seed " + seed + " never produced " + kind + ": " + tally);
        }
        // a restart (the snapshot read back) knows every hold as it was
        CentreQueue restored = TestCentre.restore(centre, queue.snapshot());
        Comparator<Ticket> byId = Comparator.comparing(Ticket::id);
        assertEquals(queue.activeTickets().stream().sorted(byId).toList(),
                restored.activeTickets().stream().sorted(byId).toList());
    }

    /** One event of an accepted command, against the state before it. */
    private static void checkEvent(Event e, Command command, Map<String, Ticket> before, CentreQueue queue,
                                   CentreDefinition centre, Duration grace, Changes changes, String where) {
        Ticket was = e.ticketId() == null ? null : before.get(e.ticketId());
        if (e instanceof Event.TicketCalled called && command instanceof Command.CallNext next && !called.recall()) {
            assertFalse(was.awaitsConfirmation(), where + ": CALL_NEXT called an unconfirmed remote ticket");
            // everything first in line before it, for this counter, was an unconfirmed remote ticket passed over
            CounterDefinition counter = centre.counter(next.counter()).orElseThrow();
            if (!was.reserved()) {
                for (Ticket t : before.values()) {
                    if (t.state() == TicketState.WAITING && !t.reserved() && counter.canServe(t.service())
                            && Ticket.QUEUE_ORDER.compare(t, was) < 0) {
                        assertTrue(t.awaitsConfirmation(), where + ": " + t.number() + " was ahead of "
                                + was.number() + " and not a remote ticket awaiting confirmation");
                    }
                }
            }
        }
        if (e instanceof Event.RemoteTicketPassed) {
            assertTrue(was.awaitsConfirmation(), where + ": passed a ticket that needs no confirmation");
            assertEquals(null, was.remote().passedAt(), where + ": a second pass recorded");
            Ticket now = queue.ticket(e.ticketId()).orElseThrow();
            assertEquals(TicketState.WAITING, now.state(), where);
            assertEquals(e.at(), now.remote().passedAt(), where);
            assertTrue(changes.ticket(e.ticketId()).isPresent(), where + ": the pass is not among the changes");
        }
        if (e instanceof Event.TicketNoShow noShow && was != null && was.state() == TicketState.WAITING) {
            assertTrue(noShow.expired(), where);
            assertTrue(was.awaitsConfirmation(), where + ": expired a ticket that was confirmed or not remote");
            assertTrue(was.remote().passedAt() != null
                    && !e.at().isBefore(was.remote().passedAt().plus(grace)), where + ": expired within its grace");
            assertTrue(changes.ticket(e.ticketId()).orElseThrow().finished(), where);
            assertTrue(queue.ticket(e.ticketId()).isEmpty(), where);
        }
        if (e instanceof Event.RemoteTicketConfirmed) {
            assertTrue(was.awaitsConfirmation(), where + ": confirmed twice");
        }
    }

    private static void checkQueue(CentreQueue queue, int limit, String where) {
        Map<String, Integer> perPhone = new HashMap<>();
        Set<String> codes = new HashSet<>();
        int waiting = 0;
        for (Ticket t : queue.activeTickets()) {
            if (t.remote() != null) {
                assertTrue(codes.add(t.remote().code()), where + ": code " + t.remote().code() + " twice");
            }
            if (t.remoteHolder() != null) {
                perPhone.merge(t.remoteHolder(), 1, Integer::sum);
                assertEquals(TicketState.WAITING, t.state(), where + ": a called ticket still counts for its phone");
            }
            if (t.state().isAtCounter() && t.remote() != null) {
                assertTrue(t.remote().confirmed(), where + ": at a counter unconfirmed: " + t);
            }
            if (t.state() == TicketState.WAITING && !t.reserved()) {
                waiting++;
            }
        }
        perPhone.forEach((phone, n) -> assertTrue(n <= limit, where + ": " + phone + " holds " + n));
        int lines = 0;
        for (String s : TestCentre.SERVICES) {
            lines += queue.waiting().count(s);
        }
        assertEquals(waiting, lines, where + ": the lines hold a ticket that left the queue, or lack one");
    }

    private static Command randomCommand(Random random, CentreQueue queue, CentreDefinition centre, String id) {
        String counter = TestCentre.COUNTERS.get(random.nextInt(TestCentre.COUNTERS.size()));
        String service = TestCentre.SERVICES.get(random.nextInt(TestCentre.SERVICES.size()));
        int roll = random.nextInt(100);
        if (roll < 12) {
            return new Command.IssueTicket(id, service, random.nextInt(10) == 0 ? PriorityGroup.ELDERLY
                    : PriorityGroup.NONE, Channel.WALK_IN);
        }
        if (roll < 22) {
            String code = random.nextInt(30) == 0 ? existingCode(random, queue, "NEWONE")
                    : "C" + Long.toString(Math.abs(random.nextLong()) % 1_000_000, 36).toUpperCase();
            return Command.IssueTicket.remote(id, service,
                    RemoteHold.taken(PHONES.get(random.nextInt(PHONES.size())), code));
        }
        if (roll < 30) {
            return new Command.ConfirmRemote(random.nextInt(6) == 0 ? "NOSUCH" : existingCode(random, queue, "NOSUCH"),
                    "kiosk-1");
        }
        if (roll < 37) {
            return random.nextInt(5) == 0 ? new Command.CloseCounter(counter) : new Command.OpenCounter(counter);
        }
        if (roll < 65) {
            return new Command.CallNext(counter);
        }
        if (roll < 90) {
            return new Command.CompleteService(counter);
        }
        if (roll < 96) {
            return new Command.MarkNoShow(counter);
        }
        List<Ticket> waiting = new ArrayList<>(queue.activeTickets().stream()
                .filter(t -> t.state() == TicketState.WAITING).sorted(Comparator.comparing(Ticket::id)).toList());
        if (waiting.isEmpty()) {
            return new Command.CallNext(counter);
        }
        return new Command.CallNumber(counter, waiting.get(random.nextInt(waiting.size())).number(), "đã đến quầy");
    }

    private static String existingCode(Random random, CentreQueue queue, String otherwise) {
        List<String> codes = queue.activeTickets().stream().filter(t -> t.remote() != null)
                .map(t -> t.remote().code()).sorted().toList();
        return codes.isEmpty() ? otherwise : codes.get(random.nextInt(codes.size()));
    }
}
