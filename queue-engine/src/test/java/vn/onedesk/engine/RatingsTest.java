package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;
import static vn.onedesk.engine.TestCentre.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.RateService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.ServiceRated;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.rating.RatingSource;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/** Ratings: of the ticket a counter just completed, within the window, once; remembered across a restart. */
class RatingsTest {
    private static final Officer AN = new Officer("officer-Q01", "Nguyễn Văn An");
    private static final CentreDefinition CENTRE = definition(false)
            .withRules(new CounterRules(3, Duration.ofMinutes(15), Duration.ofMinutes(30), 3, Duration.ofMinutes(2)));

    private CentreQueue queue = emptyQueue(CENTRE);
    private Instant now = local("07:00");
    private int ids;

    private Decision handle(Command command) {
        now = now.plusSeconds(10);
        return queue.handle(command, now);
    }

    private String serveOne(String counter, String service) {
        String id = "t" + (++ids);
        accepted(handle(new IssueTicket(id, service, PriorityGroup.NONE, Channel.WALK_IN)));
        accepted(handle(new CallNext(counter)));
        accepted(handle(new CompleteService(counter)));
        return id;
    }

    @Test
    void thePadRatesTheTicketItsCounterJustCompletedNamingTheLegThatCompleted() {
        accepted(handle(new OpenCounter("Q01", AN)));
        String id = serveOne("Q01", TP);

        List<Event> events = accepted(handle(RateService.atPad("Q01", "A001", 2, List.of("WAITED_TOO_LONG"))));

        ServiceRated rated = assertInstanceOf(ServiceRated.class, events.get(0));
        assertEquals(id, rated.ticketId());
        assertEquals("Q01", rated.counter());
        assertEquals("A001", rated.number());
        assertEquals(TP, rated.service());
        assertEquals("officer-Q01", rated.officer());
        assertEquals(2, rated.score());
        assertEquals(List.of("WAITED_TOO_LONG"), rated.reasons());
        assertEquals(RatingSource.PAD, rated.source());
        assertTrue(queue.completions().of(id).orElseThrow().rated());
    }

    @Test
    void aSecondRatingOfTheSameTicketIsRefusedWhicheverWayItComes() {
        accepted(handle(new OpenCounter("Q01")));
        String id = serveOne("Q01", TP);
        accepted(handle(RateService.atPad("Q01", "A001", 5, List.of())));

        assertEquals(Rejection.ALREADY_RATED, rejected(handle(RateService.atPad("Q01", "A001", 4, List.of())))
                .rejection());
        assertEquals(Rejection.ALREADY_RATED, rejected(handle(RateService.byPhone(id, 4, List.of()))).rejection());
    }

    @Test
    void thePadRefusesATicketItsCounterDidNotCompleteLastOrAfterTheWindow() {
        accepted(handle(new OpenCounter("Q01")));
        accepted(handle(new OpenCounter("Q03")));
        serveOne("Q01", TP);
        serveOne("Q01", TP);

        assertEquals(Rejection.NOT_RATEABLE, rejected(handle(RateService.atPad("Q01", "A001", 5, List.of())))
                .rejection(), "not the last one");
        assertEquals(Rejection.NOT_RATEABLE, rejected(handle(RateService.atPad("Q03", "A002", 5, List.of())))
                .rejection(), "another counter's");
        assertEquals(Rejection.NOT_RATEABLE, rejected(handle(RateService.atPad("Q01", "A777", 5, List.of())))
                .rejection(), "unknown");
        assertEquals(Rejection.UNKNOWN_COUNTER, rejected(handle(RateService.atPad("Q99", "A002", 5, List.of())))
                .rejection());

        now = now.plus(Duration.ofMinutes(2));
        assertEquals(Rejection.RATING_CLOSED, rejected(handle(RateService.atPad("Q01", "A002", 5, List.of())))
                .rejection());
    }

    @Test
    void aTicketStillBeingServedOrOnlyTransferredCannotBeRated() {
        accepted(handle(new OpenCounter("Q01")));
        String id = "t" + (++ids);
        accepted(handle(new IssueTicket(id, TP, PriorityGroup.NONE, Channel.WALK_IN)));
        accepted(handle(new CallNext("Q01")));
        assertEquals(Rejection.NOT_RATEABLE, rejected(handle(RateService.byPhone(id, 5, List.of()))).rejection());
        accepted(handle(new Transfer("Q01", TestCentre.BHTN)));
        assertEquals(Rejection.NOT_RATEABLE, rejected(handle(RateService.atPad("Q01", "A001", 5, List.of())))
                .rejection());
    }

    @Test
    void thePhoneRatesWithinADayOfCompletionAndNotAfter() {
        accepted(handle(new OpenCounter("Q01")));
        String first = serveOne("Q01", TP);
        String second = serveOne("Q01", TP);
        now = now.plus(Duration.ofHours(23));
        accepted(handle(RateService.byPhone(first, 3, List.of())));

        now = now.plus(Duration.ofHours(1));
        assertEquals(Rejection.RATING_CLOSED, rejected(handle(RateService.byPhone(second, 3, List.of())))
                .rejection());
    }

    @Test
    void whatWasRatedIsRememberedThroughASnapshot() {
        accepted(handle(new OpenCounter("Q01")));
        String id = serveOne("Q01", TP);
        accepted(handle(RateService.byPhone(id, 1, List.of("UNFRIENDLY"))));
        serveOne("Q01", TP);

        queue = restore(CENTRE, queue.snapshot());

        assertEquals(Rejection.ALREADY_RATED, rejected(handle(RateService.byPhone(id, 5, List.of()))).rejection());
        accepted(handle(RateService.atPad("Q01", "A002", 4, List.of())));
    }

    @Test
    void overRandomDaysEveryTicketIsRatedAtMostOnceAndOnlyAsTheRulesAllow() {
        int pads = 0;
        int phones = 0;
        for (long seed = 1; seed <= 20; seed++) {
            java.util.Random random = new java.util.Random(seed);
            queue = emptyQueue(CENTRE);
            now = local("07:00");
            java.util.Map<String, Event.ServiceCompleted> completed = new java.util.HashMap<>();
            java.util.Map<String, String> lastAt = new java.util.HashMap<>();
            java.util.Map<String, String> numbers = new java.util.HashMap<>();
            java.util.Set<String> rated = new java.util.HashSet<>();
            List<String> counters = List.of("Q01", "Q03");
            for (String c : counters) {
                accepted(handle(new OpenCounter(c)));
            }
            for (int step = 0; step < 400; step++) {
                now = now.plusSeconds(random.nextInt(90));
                String counter = counters.get(random.nextInt(counters.size()));
                Command command = switch (random.nextInt(6)) {
                    case 0 -> new IssueTicket("r" + seed + "-" + step, random.nextBoolean() ? TP : TestCentre.BHTN,
                            PriorityGroup.NONE, Channel.WALK_IN);
                    case 1 -> new CallNext(counter);
                    case 2 -> new CompleteService(counter);
                    // mostly the number the counter completed last (as a pad sends it), else any number
                    case 3 -> RateService.atPad(counter, lastAt.containsKey(counter) && random.nextInt(4) > 0
                            ? numbers.get(lastAt.get(counter)) : numbers.isEmpty() ? "A001"
                            : List.copyOf(numbers.values()).get(random.nextInt(numbers.size())), 1 + random.nextInt(5),
                            List.of());
                    default -> RateService.byPhone(numbers.isEmpty() ? "none"
                            : List.copyOf(numbers.keySet()).get(random.nextInt(numbers.size())), 1 + random.nextInt(5),
                            List.of());
                };
                Decision decision = queue.handle(command, now);
                if (!(decision instanceof Decision.Accepted accepted)) {
                    continue;
                }
                for (Event e : accepted.events()) {
                    if (e instanceof Event.TicketIssued issued) {
                        numbers.put(issued.ticketId(), issued.ticket().number());
                    } else if (e instanceof Event.ServiceCompleted done) {
                        completed.put(done.ticketId(), done);
                        lastAt.put(done.counter(), done.ticketId());
                    } else if (e instanceof ServiceRated r) {
                        assertTrue(rated.add(r.ticketId()), "seed " + seed + ": " + r.ticketId() + " rated twice");
                        if (r.source() == RatingSource.PAD) {
                            pads++;
                        } else {
                            phones++;
                        }
                        Event.ServiceCompleted done = completed.get(r.ticketId());
                        assertTrue(done != null, "seed " + seed + ": only a completed ticket is rated");
                        assertEquals(done.counter(), r.counter(), "the completing counter is recorded");
                        if (r.source() == RatingSource.PAD) {
                            assertEquals(r.ticketId(), lastAt.get(r.counter()), "a pad rates its counter's last");
                            assertTrue(!r.at().isAfter(done.at().plus(CENTRE.rules().ratingWindow())),
                                    "seed " + seed + ": within the window");
                        }
                    }
                }
            }
        }
        assertTrue(pads > 10 && phones > 10, "the days rated from pads (" + pads + ") and phones (" + phones + ")");
    }

    @Test
    void aScoreOutsideOneToFiveIsNotACommand() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RateService.atPad("Q01", "A001", 6, List.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RateService.byPhone("t1", 0, List.of()));
    }
}
