package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.BHXH_OFFICER;
import static vn.onedesk.engine.TestCentre.POSTAL;
import static vn.onedesk.engine.TestCentre.TP;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Seeded randomised runs in which the centre's definition changes while it runs (counters added and removed,
 * skills and operators changed, a service removed and brought back) among ordinary commands. After every step:
 * nothing points at a counter or service the definition no longer has, no counter holding a citizen was removed,
 * and the log alone (replayed from the first definition, its CentreReconfigured events included) rebuilds the same
 * queue, as a restart does.
 */
class ReconfigureInvariantsTest {
    private static final int STEPS = 1_500;
    private static final List<String> ALL_COUNTERS = List.of("Q01", "Q02", "Q03", "Q04", "Q05");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12).map(i -> i * 7_000_001L);
    }

    private static CentreDefinition base() {
        return TestCentre.definition(false);
    }

    /** The definitions the runs switch between. */
    private static List<CentreDefinition> variants() {
        CentreDefinition base = base();
        List<CounterDefinition> withQ05 = new ArrayList<>(base.counters());
        withQ05.add(new CounterDefinition("Q05", 5, POSTAL, List.of(TP), List.of(BHTN)));
        List<CounterDefinition> withoutQ03 = base.counters().stream().filter(c -> !c.id().equals("Q03")).toList();
        List<CounterDefinition> swapped = base.counters().stream().map(c -> c.id().equals("Q01")
                ? new CounterDefinition("Q01", 1, POSTAL, List.of(BHTN), List.of(TP)) : c).toList();
        List<CounterDefinition> q02Postal = base.counters().stream().map(c -> c.id().equals("Q02")
                ? new CounterDefinition("Q02", 2, POSTAL, List.of(TP), List.of()) : c).toList();
        List<ServiceField> noBhtn = base.services().stream().filter(s -> !s.code().equals(BHTN)).toList();
        List<CounterDefinition> noBhtnCounters = List.of(
                new CounterDefinition("Q01", 1, POSTAL, List.of(TP), List.of()),
                new CounterDefinition("Q02", 2, BHXH_OFFICER, List.of(BHXH), List.of()),
                new CounterDefinition("Q03", 3, POSTAL, List.of(TP), List.of()),
                new CounterDefinition("Q04", 4, BHXH_OFFICER, List.of(BHXH), List.of()));
        List<ServiceField> slowerTp = base.services().stream().map(s -> s.code().equals(TP)
                ? new ServiceField(TP, s.name(), s.prefix(), Set.copyOf(s.servedBy()), s.targetWait(),
                Duration.ofMinutes(15)) : s).toList();
        return List.of(base, base.withCounters(withQ05), base.withCounters(withoutQ03), base.withCounters(swapped),
                base.withCounters(q02Postal), new CentreDefinition(base.id(), base.name(), base.timezone(),
                        base.sessions(), noBhtn, noBhtnCounters, false), base.withServices(slowerTp));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCentreChangedWhileItRunsNeverStrandsACitizenAndItsLogRebuildsIt(long seed) {
        Random random = new Random(seed);
        List<CentreDefinition> variants = variants();
        CentreQueue queue = TestCentre.emptyQueue(base());
        List<Event> log = new ArrayList<>();
        Map<String, Integer> tally = new TreeMap<>();
        Instant now = TestCentre.local("07:45");
        int ids = 0;
        for (int step = 1; step <= STEPS; step++) {
            now = now.plusSeconds(1 + random.nextInt(90));
            String counter = ALL_COUNTERS.get(random.nextInt(ALL_COUNTERS.size()));
            int pick = random.nextInt(100);
            Command command;
            if (pick < 30) {
                String service = List.of(TP, BHXH, BHTN).get(random.nextInt(3));
                command = new Command.IssueTicket("t" + (++ids), service, PriorityGroup.NONE, Channel.WALK_IN);
            } else if (pick < 38) {
                command = new Command.OpenCounter(counter);
            } else if (pick < 42) {
                command = new Command.CloseCounter(counter);
            } else if (pick < 62) {
                command = new Command.CallNext(counter);
            } else if (pick < 80) {
                command = new Command.CompleteService(counter);
            } else if (pick < 86) {
                command = new Command.MarkNoShow(counter);
            } else if (pick < 89) {
                command = new Command.Transfer(counter, List.of(TP, BHXH, BHTN).get(random.nextInt(3)));
            } else {
                command = new Command.Reconfigure(variants.get(random.nextInt(variants.size())));
            }
            CentreDefinition before = queue.definition();
            Map<String, CounterState> countersBefore = new TreeMap<>();
            queue.counters().forEach(c -> countersBefore.put(c.id(), c));
            ChangesOracle oracle = new ChangesOracle(queue);
            Execution execution = queue.execute(command, now);
            Decision decision = execution.decision();
            String wrong = oracle.violation(queue, execution, now);
            if (wrong != null) {
                fail("seed " + seed + " step " + step + ", " + command + ": " + wrong);
            }
            String kind = command.getClass().getSimpleName() + (decision instanceof Decision.Rejected r
                    ? " rejected " + r.rejection() : "");
            tally.merge(kind, 1, Integer::sum);
            if (decision instanceof Decision.Accepted accepted) {
                log.addAll(accepted.events());
            }
            if (command instanceof Command.Reconfigure && decision instanceof Decision.Accepted) {
                for (CounterState c : countersBefore.values()) {
                    if (queue.definition().counter(c.id()).isEmpty()
                            || !queue.definition().counter(c.id()).get().operator()
                            .equals(before.counter(c.id()).get().operator())) {
                        assertTrue(c.current().isEmpty(), "seed " + seed + " step " + step + ": counter " + c.id()
                                + " was removed or re-operated while it held " + c.current());
                    }
                }
            }
            checkNothingDangles(queue, "seed " + seed + " step " + step);
            if (step % 300 == 0) {
                CentreQueue replayed = TestCentre.emptyQueue(base());
                log.forEach(replayed::apply);
                assertEquals(queue.snapshot(), replayed.snapshot(), "seed " + seed + " step " + step);
                assertEquals(queue.definition(), replayed.definition(), "seed " + seed + " step " + step);
                CentreQueue restored = TestCentre.restore(queue.definition(), queue.snapshot());
                assertEquals(queue.snapshot(), restored.snapshot(), "seed " + seed + " step " + step);
            }
        }
        System.out.println("seed " + seed + ": " + tally);
        for (String kind : List.of("Reconfigure", "Reconfigure rejected COUNTER_BUSY",
                "Reconfigure rejected SERVICE_IN_USE", "CallNext", "CompleteService")) {
            assertTrue(tally.getOrDefault(kind, 0) > 0, () -> "seed " + seed + " never produced " + kind + ": "
                    + tally);
        }
    }

    private static void checkNothingDangles(CentreQueue queue, String where) {
        CentreDefinition centre = queue.definition();
        for (Ticket t : queue.activeTickets()) {
            assertTrue(centre.service(t.service()).isPresent(), where + ": " + t.number() + " is in service "
                    + t.service() + ", which the centre no longer has");
            if (t.state().isAtCounter()) {
                assertTrue(centre.counter(t.counter()).isPresent(), where + ": " + t.number() + " is at counter "
                        + t.counter() + ", which the centre no longer has");
                assertEquals(t.id(), queue.counter(t.counter()).orElseThrow().currentTicket(), where);
            }
        }
        for (CounterState c : queue.counters()) {
            assertTrue(centre.counter(c.id()).isPresent(), where + ": counter state of removed " + c.id());
        }
        assertEquals(centre.counters().size(), queue.counters().size(), where);
    }
}
