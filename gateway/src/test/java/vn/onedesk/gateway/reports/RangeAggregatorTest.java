package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.reports.DayAggregatorTest.CENTRE;
import static vn.onedesk.gateway.reports.DayAggregatorTest.DAY;
import static vn.onedesk.gateway.reports.DayAggregatorTest.ZONE;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.gateway.reports.DailyReport.Figures;
import vn.onedesk.gateway.reports.DayAggregatorTest.Hall;
import vn.onedesk.gateway.reports.RangeReport.Line;

/**
 * Reports over a period from events made by the real queue engine (the daily report's test centre and hall):
 * over one day they say what the daily report says, line for line; over several days each ticket counts on
 * the day it was numbered; by officer, each officer's line holds what they did, and what counters did with
 * nobody bound has a line of its own.
 */
class RangeAggregatorTest {
    static final Officer AN = new Officer("can-bo-an", "Nguyễn Văn An");
    static final Officer BINH = new Officer("can-bo-binh", "Trần Thị Bình");

    @Test
    void overOneDayEachDimensionHasTheDailyReportsFiguresLineForLine() {
        Set<String> officersSeen = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            Hall hall = randomDay(seed);
            DailyReport daily = hall.report();
            String where = "seed " + seed;

            RangeReport byDay = report(hall.events, Period.day(DAY), Dimension.DAY, hall.now);
            assertEquals(daily.totals(), byDay.totals(), where + ": the totals");
            assertEquals(List.of(new Line(new Subject.Day(DAY), daily.totals())), byDay.lines(), where);

            RangeReport byService = report(hall.events, Period.day(DAY), Dimension.SERVICE, hall.now);
            assertEquals(daily.services().stream().map(s -> new Line(new Subject.Service(s.code(), s.name(),
                    s.target()), s.figures())).toList(), byService.lines(), where + ": by service");

            RangeReport byCounter = report(hall.events, Period.day(DAY), Dimension.COUNTER, hall.now);
            assertEquals(daily.counters().stream().map(c -> new Line(new Subject.Counter(c.counter(), c.number(),
                    c.operator()), c.figures())).toList(), byCounter.lines(), where + ": by counter");

            RangeReport byOperator = report(hall.events, Period.day(DAY), Dimension.OPERATOR, hall.now);
            assertEquals(daily.operators().stream().map(o -> new Line(new Subject.OperatorOf(o.operator(),
                    o.counters()), o.figures())).toList(), byOperator.lines(), where + ": by operator");

            RangeReport byOfficer = report(hall.events, Period.day(DAY), Dimension.OFFICER, hall.now);
            assertEquals(daily.totals(), byOfficer.totals(), where);
            assertSameCounts(daily.totals(), byOfficer.lines(), where + ": the officers' lines add up to the totals");
            byOfficer.lines().forEach(l -> officersSeen.add(String.valueOf(l.subject().code())));
        }
        assertEquals(Set.of("can-bo-an", "can-bo-binh", "null"), officersSeen,
                "the random days have calls by each officer and by counters with nobody bound");
    }

    @Test
    void aTicketCountsOnTheDayItWasNumberedAndOnlyTheDaysOfThePeriodCount() {
        Hall hall = new Hall();
        hall.now = DAY.minusDays(1).atTime(16, 50).atZone(ZONE).toInstant();
        hall.issue("TP"); // the day before the period
        hall.now = DAY.atTime(8, 0).atZone(ZONE).toInstant();
        hall.call("Q01").complete("Q01"); // yesterday's ticket, served on the period's first day
        hall.issue("TP");
        hall.now = DAY.atTime(8, 12).atZone(ZONE).toInstant();
        hall.call("Q01");
        hall.now = DAY.plusDays(2).atTime(9, 0).atZone(ZONE).toInstant();
        hall.complete("Q01"); // served two days later: still the first day's ticket
        hall.issue("GT");
        hall.now = DAY.plusDays(3).atTime(9, 0).atZone(ZONE).toInstant();
        hall.issue("GT"); // the day after the period

        RangeReport report = report(hall.events, new Period(DAY, DAY.plusDays(2)), Dimension.DAY, hall.now);
        assertEquals(List.of("2025-03-03", "2025-03-04", "2025-03-05"),
                report.lines().stream().map(l -> l.subject().code()).toList(), "every day, busy or not");
        assertEquals(List.of("Thứ Hai", "Thứ Ba", "Thứ Tư"), report.lines().stream().map(l -> l.subject().name())
                .toList());
        Figures first = report.lines().get(0).figures();
        assertEquals(Optional.of(1), first.issued());
        assertEquals(1, first.served());
        assertEquals(Optional.of(Duration.ofMinutes(12)), first.meanWait());
        assertEquals(Optional.of(0), report.lines().get(1).figures().issued());
        assertEquals(Optional.of(1), report.lines().get(2).figures().unfinished());
        assertEquals(Optional.of(2), report.totals().issued());
        assertEquals(1, report.totals().calls(), "the day before's ticket is the day before's");
        assertTrue(report.periodOver());
        assertFalse(report(hall.events, new Period(DAY, DAY.plusDays(3)), Dimension.DAY, hall.now).periodOver());
    }

    /**
     * <pre>
     *   08:00 TP t1, 08:01 TP t2, 08:02 GT t3 issued; An is bound to Q01, nobody to Q02
     *   08:10 Q01 (An) calls t1: wait 10; 08:12 START, 08:20 COMPLETE: service 8
     *   08:21 Q01 (An) calls t2: wait 20; 08:22 NO_SHOW
     *   08:25 Q02 (nobody) calls t3: wait 23, over GT's 10; 08:30 COMPLETE: service 5
     *   08:31 Q01 closes and Bình opens it; 08:32 TP t4 issued, Q01 (Bình) calls it at 08:40: wait 8
     * </pre>
     */
    @Test
    void anOfficersLineHoldsTheWaitsOfTheTicketsTheyCalledAndTheServicesTheyCompleted() {
        Hall hall = new Hall();
        hall.run(new Command.OpenCounter("Q01", AN));
        hall.at(0).issue("TP");
        hall.at(1).issue("TP");
        hall.at(2).issue("GT");
        hall.at(10).call("Q01").at(12).start("Q01").at(20).complete("Q01");
        hall.at(21).call("Q01").at(22).noShow("Q01");
        hall.at(25).call("Q02").at(30).complete("Q02");
        hall.at(31).run(new Command.CloseCounter("Q01"));
        hall.run(new Command.OpenCounter("Q01", BINH));
        hall.at(32).issue("TP");
        hall.at(40).call("Q01");

        RangeReport report = report(hall.events, Period.day(DAY), Dimension.OFFICER, hall.now,
                Map.of(AN.id(), AN.name()));
        assertEquals(List.of(new Subject.Officer("can-bo-an", "Nguyễn Văn An"),
                        new Subject.Officer("can-bo-binh", null), Subject.Officer.nobody()),
                report.lines().stream().map(Line::subject).toList(),
                "by username, nobody bound last; Bình's account is not found, so no name");
        Figures an = report.lines().get(0).figures();
        assertEquals(List.of(2, 1, 1, 2, 0), List.of(an.calls(), an.served(), an.noShows(), an.waits(),
                an.overTarget()), "calls, served, no-shows, waits, over target");
        assertEquals(Optional.of(Duration.ofMinutes(15)), an.meanWait(), "(10 + 20) / 2");
        assertEquals(Optional.of(Duration.ofMinutes(20)), an.p90Wait());
        assertEquals(Optional.of(Duration.ofMinutes(8)), an.meanService());
        assertEquals(Optional.empty(), an.issued(), "an officer issues nothing: no queue flows on their line");
        Figures binh = report.lines().get(1).figures();
        assertEquals(Optional.of(Duration.ofMinutes(8)), binh.meanWait(), "08:32 → 08:40");
        assertEquals(0, binh.served());
        Figures nobody = report.lines().get(2).figures();
        assertEquals(List.of(1, 1, 1), List.of(nobody.calls(), nobody.served(), nobody.overTarget()));
        assertEquals(Optional.of(Duration.ofMinutes(23)), nobody.meanWait());
        assertEquals(Optional.of(Duration.ofMinutes(5)), nobody.meanService());
        assertSameCounts(report.totals(), report.lines(), "the officers' lines add up to the totals");
    }

    @Test
    void withoutCallsThereIsNoOfficerLineAtAll() {
        Hall hall = new Hall();
        hall.at(0).issue("TP");
        RangeReport report = report(hall.events, Period.day(DAY), Dimension.OFFICER, hall.now);
        assertEquals(List.of(), report.lines());
        assertEquals(Optional.of(1), report.totals().unfinished());
        assertNull(Subject.Officer.nobody().code());
    }

    static RangeReport report(List<Event> events, Period period, Dimension by, Instant now) {
        return report(events, period, by, now, Map.of());
    }

    static RangeReport report(List<Event> events, Period period, Dimension by, Instant now,
                              Map<String, String> officerNames) {
        RangeAggregator aggregator = new RangeAggregator(CENTRE, period, by);
        events.forEach(aggregator::read);
        return aggregator.report(now, officerNames);
    }

    /** A day of random commands at the test centre, officers opening and closing counters among them. */
    private static Hall randomDay(long seed) {
        Random random = new Random(seed);
        Hall hall = new Hall();
        List<String> services = List.of("TP", "GT", "BHTN");
        List<String> counters = List.of("Q01", "Q02", "Q03", "Q04");
        List<Officer> officers = List.of(AN, BINH);
        for (int step = 0; step < 300; step++) {
            hall.at(step * 0.5 + random.nextDouble() * 0.4);
            String counter = counters.get(random.nextInt(counters.size()));
            Command command = switch (random.nextInt(11)) {
                case 0, 1, 2 -> new Command.IssueTicket("s" + step, services.get(random.nextInt(3)),
                        PriorityGroup.NONE, Channel.WALK_IN);
                case 3 -> new Command.CallNext(counter);
                case 4 -> new Command.Recall(counter);
                case 5 -> new Command.StartService(counter);
                case 6 -> new Command.MarkNoShow(counter);
                case 7 -> new Command.Transfer(counter, services.get(random.nextInt(3)));
                case 8 -> new Command.OpenCounter(counter, officers.get(random.nextInt(2)));
                case 9 -> new Command.CloseCounter(counter);
                default -> new Command.CompleteService(counter);
            };
            if (hall.queue.handle(command, hall.now) instanceof Decision.Accepted a) {
                hall.events.addAll(a.events());
                if (command instanceof Command.CloseCounter) {
                    hall.run(new Command.OpenCounter(counter)); // open again, with nobody bound
                }
            }
        }
        return hall;
    }

    /** The counts of the lines add up to the totals' (a p90 does not add up, nor do means). */
    private static void assertSameCounts(Figures totals, List<Line> lines, String what) {
        int[] sum = new int[7];
        for (Line l : lines) {
            Figures f = l.figures();
            int[] counts = {f.calls(), f.recalls(), f.served(), f.noShows(), f.transferredOut(), f.waits(),
                    f.overTarget()};
            for (int i = 0; i < counts.length; i++) {
                sum[i] += counts[i];
            }
        }
        assertEquals(List.of(totals.calls(), totals.recalls(), totals.served(), totals.noShows(),
                totals.transferredOut(), totals.waits(), totals.overTarget()),
                Arrays.stream(sum).boxed().toList(), what);
    }
}
