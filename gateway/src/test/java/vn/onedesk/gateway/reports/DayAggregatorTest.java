package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.gateway.reports.DailyReport.CounterLine;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.DailyReport.OperatorLine;
import vn.onedesk.gateway.reports.DailyReport.ServiceLine;

/**
 * The day's figures from events made by the real queue engine, driven command by command at chosen
 * minutes, so every expected wait and service time is known exactly.
 */
class DayAggregatorTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    static final Operator BHXH = new Operator("BHXH");

    /**
     * TP (target 20 min) and GT (target 10) are POSTAL's; BHTN (target 15) may be served by POSTAL or
     * BHXH. Q01 serves TP, Q02 GT, Q03 (BHXH) and Q04 (POSTAL) BHTN.
     */
    static final CentreDefinition CENTRE = new CentreDefinition("hcc-test", "Trung tâm thử nghiệm", ZONE,
            List.of(new Session(LocalTime.of(7, 30), LocalTime.of(17, 0))),
            List.of(new ServiceField("TP", "Tư pháp – Hộ tịch", "A", Set.of(Operator.POSTAL), Duration.ofMinutes(20),
                            Duration.ofMinutes(7)),
                    new ServiceField("GT", "Giao thông vận tải", "F", Set.of(Operator.POSTAL), Duration.ofMinutes(10),
                            Duration.ofMinutes(6)),
                    new ServiceField("BHTN", "Thu BHXH tự nguyện, BHYT hộ gia đình", "H",
                            Set.of(Operator.POSTAL, BHXH), Duration.ofMinutes(15), Duration.ofMinutes(5))),
            List.of(new CounterDefinition("Q01", 1, Operator.POSTAL, List.of("TP"), List.of()),
                    new CounterDefinition("Q02", 2, Operator.POSTAL, List.of("GT"), List.of()),
                    new CounterDefinition("Q03", 3, BHXH, List.of("BHTN"), List.of()),
                    new CounterDefinition("Q04", 4, Operator.POSTAL, List.of("BHTN"), List.of())),
            false);

    /** The engine's queue at the test centre, with a clock the test moves. */
    static final class Hall {
        final CentreQueue queue = CentreQueue.empty(CENTRE, RoutingPolicies.defaultPolicy(),
                WaitEstimators.defaultEstimator());
        final List<Event> events = new ArrayList<>();
        Instant now = DAY.atTime(8, 0).atZone(ZONE).toInstant();
        int ids;

        Hall() {
            for (CounterDefinition c : CENTRE.counters()) {
                run(new Command.OpenCounter(c.id()));
            }
        }

        /** Minutes after 08:00 local on the day. */
        Hall at(double minutes) {
            Instant next = DAY.atTime(8, 0).atZone(ZONE).toInstant().plusMillis(Math.round(minutes * 60_000));
            if (next.isBefore(now)) {
                throw new IllegalArgumentException("time runs forward: " + next + " is before " + now);
            }
            now = next;
            return this;
        }

        String issue(String service) {
            String id = "t" + (++ids);
            run(new Command.IssueTicket(id, service, PriorityGroup.NONE, Channel.WALK_IN));
            return id;
        }

        void run(Command command) {
            Decision d = queue.handle(command, now);
            events.addAll(assertInstanceOf(Decision.Accepted.class, d, command + " → " + d).events());
        }

        Hall call(String counter) {
            run(new Command.CallNext(counter));
            return this;
        }

        Hall recall(String counter) {
            run(new Command.Recall(counter));
            return this;
        }

        Hall start(String counter) {
            run(new Command.StartService(counter));
            return this;
        }

        Hall complete(String counter) {
            run(new Command.CompleteService(counter));
            return this;
        }

        Hall noShow(String counter) {
            run(new Command.MarkNoShow(counter));
            return this;
        }

        Hall transfer(String counter, String service) {
            run(new Command.Transfer(counter, service));
            return this;
        }

        DailyReport report() {
            return DayAggregator.aggregate(CENTRE, DAY, events, now);
        }
    }

    @Test
    void aWaitRunsFromIssueToTheFirstCallARecallDoesNotChangeItAndServiceTimeRunsFromStartToComplete() {
        Hall hall = new Hall();
        hall.at(0).issue("TP");
        hall.at(12).call("Q01").at(14).recall("Q01").at(15).start("Q01").at(25).complete("Q01");

        Figures tp = service(hall.report(), "TP").figures();
        assertEquals(Optional.of(1), tp.issued());
        assertEquals(1, tp.calls());
        assertEquals(1, tp.recalls());
        assertEquals(1, tp.served());
        assertEquals(1, tp.waits());
        assertEquals(Optional.of(Duration.ofMinutes(12)), tp.meanWait(), "issue 08:00 → first call 08:12");
        assertEquals(Optional.of(Duration.ofMinutes(12)), tp.p90Wait());
        assertEquals(Optional.of(Duration.ofMinutes(10)), tp.meanService(), "START 08:15 → COMPLETE 08:25");
        assertEquals(0, tp.overTarget());
        assertSameCounterFigures(tp, counter(hall.report(), "Q01").figures(), "Q01 did all of it");
    }

    @Test
    void aCompletionWithoutStartCountsServiceFromTheCall() {
        Hall hall = new Hall();
        hall.at(0).issue("GT");
        hall.at(5).call("Q02").at(11).complete("Q02");

        assertEquals(Optional.of(Duration.ofMinutes(6)), service(hall.report(), "GT").figures().meanService());
    }

    @Test
    void aTransferredTicketsWaitCountsOnceForTheServiceItWasIssuedForAndItsServiceWhereItWasCompleted() {
        Hall hall = new Hall();
        hall.at(0).issue("TP");
        hall.at(30).call("Q01").at(31).start("Q01").at(35).transfer("Q01", "GT");
        hall.at(40).call("Q02").at(44).complete("Q02");
        DailyReport report = hall.report();

        Figures tp = service(report, "TP").figures();
        assertEquals(Optional.of(1), tp.issued());
        assertEquals(1, tp.transferredOut());
        assertEquals(0, tp.served());
        assertEquals(1, tp.waits());
        assertEquals(Optional.of(Duration.ofMinutes(30)), tp.meanWait());
        assertEquals(1, tp.overTarget(), "30 minutes is over TP's 20");
        assertEquals(Optional.empty(), tp.meanService(), "time at Q01 before the transfer is not service time");

        Figures gt = service(report, "GT").figures();
        assertEquals(Optional.of(0), gt.issued());
        assertEquals(Optional.of(1), gt.transferredIn());
        assertEquals(1, gt.calls());
        assertEquals(1, gt.served());
        assertEquals(0, gt.waits(), "the second call is not a second wait");
        assertEquals(Optional.of(Duration.ofMinutes(4)), gt.meanService());

        Figures total = report.totals();
        assertEquals(Optional.of(1), total.issued());
        assertEquals(Optional.of(1), total.transferredIn());
        assertEquals(1, total.transferredOut());
        assertEquals(2, total.calls());
        assertEquals(1, total.served());
        assertEquals(1, total.waits());
        assertEquals(Optional.of(0), total.unfinished());

        assertEquals(1, counter(report, "Q01").figures().transferredOut());
        assertEquals(1, counter(report, "Q01").figures().waits());
        assertEquals(1, counter(report, "Q02").figures().served());
        assertEquals(0, counter(report, "Q02").figures().waits());
    }

    @Test
    void noShowsAndTicketsStillInTheHallAreCountedApartAndEveryCalledTicketHasAWait() {
        Hall hall = new Hall();
        hall.at(0).issue("GT");
        hall.at(1).issue("GT");
        hall.at(2).issue("GT");
        hall.at(4).call("Q02").at(5).recall("Q02").at(7).noShow("Q02");
        hall.at(9).call("Q02");
        DailyReport report = hall.report();

        Figures gt = service(report, "GT").figures();
        assertEquals(Optional.of(3), gt.issued());
        assertEquals(1, gt.noShows());
        assertEquals(0, gt.served());
        assertEquals(Optional.of(2), gt.unfinished(), "one at Q02 now, one still waiting");
        assertEquals(2, gt.waits());
        assertEquals(Optional.of(Duration.ofMinutes(6)), gt.meanWait(), "(4 + 8) / 2");
        assertEquals(1, counter(report, "Q02").figures().noShows());
        assertEquals(Optional.empty(), counter(report, "Q02").figures().unfinished(), "flows belong to queues");
    }

    @Test
    void aWaitOfExactlyTheTargetIsNotOverItAndOneMillisecondMoreIs() {
        Hall hall = new Hall();
        hall.at(0).issue("TP");
        hall.at(20).call("Q01").at(21).complete("Q01");
        hall.at(21).issue("TP");
        hall.at(41 + 1 / 60_000.0).call("Q01");

        Figures tp = service(hall.report(), "TP").figures();
        assertEquals(2, tp.waits());
        assertEquals(1, tp.overTarget());
        assertEquals(Optional.of(0.5), tp.overTargetShare());
    }

    @Test
    void theP90IsTheNearestRankWaitAndTheMeanIsExact() {
        Hall hall = new Hall();
        for (int i = 1; i <= 10; i++) {
            hall.at(10 * i).issue("TP");
            hall.at(10 * i + i).call("Q01").complete("Q01");
        }
        Figures tp = service(hall.report(), "TP").figures();
        assertEquals(10, tp.waits());
        assertEquals(Optional.of(Duration.ofSeconds(330)), tp.meanWait(), "waits 1..10 minutes: mean 5.5");
        assertEquals(Optional.of(Duration.ofMinutes(9)), tp.p90Wait(), "the 9th of 10 sorted waits");
        assertEquals(Optional.of(Duration.ZERO), tp.meanService());
    }

    @Test
    void aServiceTwoOperatorsMayServeIsSplitByOperatorAndOperatorsAreTheSumsOfTheirCounters() {
        Hall hall = new Hall();
        hall.at(0).issue("BHTN");
        hall.at(1).issue("BHTN");
        hall.at(2).issue("BHTN");
        hall.at(3).call("Q03");
        hall.at(6).call("Q04");
        hall.at(8).complete("Q03");
        hall.at(9).complete("Q04").call("Q03");
        hall.at(10).noShow("Q03").issue("TP");
        DailyReport report = hall.report();

        ServiceLine bhtn = service(report, "BHTN");
        assertEquals(List.of("POSTAL", "BHXH"), bhtn.byOperator().stream().map(o -> o.operator().code()).toList(),
                "POSTAL first, then the agencies");
        assertEquals(List.of(1, 1), bhtn.byOperator().stream().map(OperatorLine::counters).toList(),
                "Q04 is the POSTAL counter able to serve BHTN, Q03 the BHXH one");
        Figures byBhxh = bhtn.byOperator().get(1).figures();
        assertEquals(1, byBhxh.served());
        assertEquals(1, byBhxh.noShows());
        assertEquals(2, byBhxh.waits());
        assertEquals(Optional.of(Duration.ofMinutes(5)), byBhxh.meanWait(), "(3 + 7) / 2");
        Figures byPostal = bhtn.byOperator().get(0).figures();
        assertEquals(1, byPostal.served());
        assertEquals(Optional.of(Duration.ofMinutes(5)), byPostal.meanWait());
        assertEquals(Optional.of(Duration.ofMinutes(3)), byPostal.meanService());

        assertEquals(List.of("POSTAL", "BHXH"), report.operators().stream().map(o -> o.operator().code()).toList());
        OperatorLine postal = report.operators().get(0);
        assertEquals(3, postal.counters());
        assertEquals(1, postal.figures().served());
        assertEquals(1, report.operators().get(1).counters());
        assertSameCounterFigures(byBhxh, report.operators().get(1).figures(), "BHXH only ever served BHTN here");
        assertEquals(Optional.of(1), service(report, "TP").figures().unfinished());
    }

    @Test
    void onlyTicketsNumberedOnTheCentresLocalDayCountWhateverTheirUtcDate() {
        Hall hall = new Hall();
        hall.now = DAY.minusDays(1).atTime(23, 50).atZone(ZONE).toInstant(); // 16:50 UTC on the 2nd
        hall.issue("TP");
        hall.now = DAY.atTime(0, 10).atZone(ZONE).toInstant(); // 17:10 UTC, still the 2nd in UTC
        hall.issue("TP");
        hall.now = DAY.atTime(8, 0).atZone(ZONE).toInstant();
        hall.call("Q01").complete("Q01"); // yesterday's ticket, served today
        hall.call("Q01");

        DailyReport today = hall.report();
        assertEquals(Optional.of(1), today.totals().issued());
        assertEquals(1, today.totals().calls(), "yesterday's ticket is yesterday's report's");
        assertEquals(0, today.totals().served());
        assertEquals(Optional.of(Duration.ofMinutes(470)), today.totals().meanWait(), "00:10 → 08:00");

        DailyReport yesterday = DayAggregator.aggregate(CENTRE, DAY.minusDays(1), hall.events, hall.now);
        assertEquals(Optional.of(1), yesterday.totals().issued());
        assertEquals(1, yesterday.totals().served());
        assertTrue(yesterday.dayOver());
        assertFalse(today.dayOver());
    }

    @Test
    void everyLineIsConsistentWithTheOthersOnSeededRandomDays() {
        int[] seen = new int[4]; // served, no-shows, transfers, unfinished over all days
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            Hall hall = new Hall();
            List<String> services = List.of("TP", "GT", "BHTN");
            List<String> counters = List.of("Q01", "Q02", "Q03", "Q04");
            for (int step = 0; step < 400; step++) {
                hall.at(step * 0.5 + random.nextDouble() * 0.4);
                String counter = counters.get(random.nextInt(counters.size()));
                Command command = switch (random.nextInt(9)) {
                    case 0, 1, 2 -> new Command.IssueTicket("s" + step, services.get(random.nextInt(3)),
                            PriorityGroup.NONE, Channel.WALK_IN);
                    case 3 -> new Command.CallNext(counter);
                    case 4 -> new Command.Recall(counter);
                    case 5 -> new Command.StartService(counter);
                    case 6 -> new Command.MarkNoShow(counter);
                    case 7 -> new Command.Transfer(counter, services.get(random.nextInt(3)));
                    default -> new Command.CompleteService(counter);
                };
                if (hall.queue.handle(command, hall.now) instanceof Decision.Accepted a) {
                    hall.events.addAll(a.events());
                }
            }
            DailyReport report = hall.report();
            String where = "seed " + seed;
            int issued = 0;
            int unfinished = 0;
            for (ServiceLine s : report.services()) {
                Figures f = s.figures();
                assertEquals(f.issued().orElseThrow() + f.transferredIn().orElseThrow(),
                        f.served() + f.noShows() + f.transferredOut() + f.unfinished().orElseThrow(),
                        where + ": every ticket that joined " + s.code() + "'s queue is served, absent, moved on or still there");
                assertSameCounterFigures(f, sum(s.byOperator().stream().map(OperatorLine::figures).toList()),
                        where + ": " + s.code() + " is the sum of its operators' parts");
                issued += f.issued().orElseThrow();
                unfinished += f.unfinished().orElseThrow();
            }
            assertEquals(report.totals().issued().orElseThrow(), issued, where);
            assertEquals(report.totals().unfinished().orElseThrow(), unfinished, where);
            assertEquals(hall.queue.activeTickets().size(), unfinished, where + ": unfinished = the engine's active tickets");
            long called = hall.events.stream().filter(e -> e instanceof Event.TicketCalled c && !c.recall())
                    .map(Event::ticketId).distinct().count();
            assertEquals(called, report.totals().waits(), where + ": one wait per ticket ever called");
            Figures countersSum = sum(report.counters().stream().map(CounterLine::figures).toList());
            assertSameCounterFigures(report.totals(), countersSum, where + ": the centre is its counters' sum");
            Figures operatorsSum = sum(report.operators().stream().map(OperatorLine::figures).toList());
            assertSameCounterFigures(countersSum, operatorsSum, where + ": operators are their counters' sums");
            seen[0] += report.totals().served();
            seen[1] += report.totals().noShows();
            seen[2] += report.totals().transferredOut();
            seen[3] += unfinished;
        }
        for (int n : seen) {
            assertTrue(n > 10, "the random days exercise every way a ticket goes: " + java.util.Arrays.toString(seen));
        }
    }

    /**
     * The figures a counter line has (not the queue flows, nor the p90, which does not add up) are
     * equal; means within a microsecond, as a mean re-derived from a sum of rounded means may be off
     * by a few nanoseconds.
     */
    private static void assertSameCounterFigures(Figures expected, Figures actual, String what) {
        assertEquals(List.of(expected.calls(), expected.recalls(), expected.served(), expected.noShows(),
                        expected.transferredOut(), expected.waits(), expected.overTarget()),
                List.of(actual.calls(), actual.recalls(), actual.served(), actual.noShows(), actual.transferredOut(),
                        actual.waits(), actual.overTarget()),
                what + " (calls, recalls, served, no-shows, transferred out, waits, over target)");
        assertClose(expected.meanWait(), actual.meanWait(), what + ": mean wait");
        assertClose(expected.meanService(), actual.meanService(), what + ": mean service time");
    }

    private static void assertClose(Optional<Duration> expected, Optional<Duration> actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what);
        expected.ifPresent(e -> assertTrue(Math.abs(e.toNanos() - actual.get().toNanos()) < 1_000,
                what + ": " + e + " vs " + actual.get()));
    }

    /** Adds up lines' counts; waits and service times are re-derived where a mean cannot be added. */
    private static Figures sum(List<Figures> lines) {
        int calls = 0, recalls = 0, served = 0, noShows = 0, out = 0, waits = 0, over = 0;
        long waitNanos = 0;
        long serviceNanos = 0;
        for (Figures f : lines) {
            calls += f.calls();
            recalls += f.recalls();
            served += f.served();
            noShows += f.noShows();
            out += f.transferredOut();
            waits += f.waits();
            over += f.overTarget();
            waitNanos += f.meanWait().map(d -> d.toNanos() * f.waits()).orElse(0L);
            serviceNanos += f.meanService().map(d -> d.toNanos() * f.served()).orElse(0L);
        }
        return new Figures(Optional.empty(), Optional.empty(), calls, recalls, served, noShows, out, Optional.empty(),
                waits, waits == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round((double) waitNanos / waits))),
                Optional.empty(), over,
                served == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round((double) serviceNanos / served))));
    }

    static ServiceLine service(DailyReport report, String code) {
        return report.services().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    static CounterLine counter(DailyReport report, String id) {
        return report.counters().stream().filter(c -> c.counter().equals(id)).findFirst().orElseThrow();
    }
}
