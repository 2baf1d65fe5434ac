package vn.onedesk.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.simulation.TicketOutcome.End;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * The day simulator drives the real engine; these tests check the model of the hall and the
 * bookkeeping, for every routing policy registered at run time.
 */
class DaySimulatorTest {
    /** Busy enough that lines form, the BHXH queue overflows in the morning and some tickets are left at close. */
    private static final Scenario BUSY_HALL = TestScenarios.hall(260);

    static List<String> policies() {
        return RoutingPolicies.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aFixedSeedGivesTheSameDayTwice(String policy) {
        DaySimulator simulator = new DaySimulator(BUSY_HALL);
        assertEquals(simulator.runDay(policy, 7), simulator.runDay(policy, 7));
        assertEquals(new DaySimulator(TestScenarios.hall(260)).simulate(policy, 3, 11),
                simulator.simulate(policy, 3, 11));
    }

    @Test
    void differentSeedsGiveDifferentDays() {
        DaySimulator simulator = new DaySimulator(BUSY_HALL);
        String policy = RoutingPolicies.defaultName();
        assertNotEquals(simulator.runDay(policy, 7).tickets(), simulator.runDay(policy, 8).tickets());
    }

    @Test
    void severalRunsUseConsecutiveSeedsAndAverageTheDays() {
        SimulationResult result = new DaySimulator(BUSY_HALL).simulate(RoutingPolicies.defaultName(), 4, 100);
        assertEquals(List.of(100L, 101L, 102L, 103L), result.seeds());
        double meanOfDays = result.days().stream().mapToDouble(d -> d.figures().overall().p90Minutes())
                .average().orElseThrow();
        assertEquals(meanOfDays, result.figures().overall().p90Minutes(), 1e-9);
        double largest = result.days().stream().mapToDouble(d -> d.figures().overall().maxMinutes())
                .max().orElseThrow();
        assertEquals(largest, result.figures().overall().maxMinutes(), 1e-9);
        assertEquals(result.days().stream().mapToInt(d -> d.figures().overall().tickets()).sum(),
                result.figures().overall().tickets());
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyIssuedTicketIsServedAbsentOrStillWaitingAtCloseUnderEveryPolicy(long seed) {
        for (String policy : policies()) {
            Map<String, Integer> events = new HashMap<>();
            CentreQueue[] last = new CentreQueue[1];
            DayResult day = new DaySimulator(BUSY_HALL).runDay(policy, seed, (event, queue) -> {
                events.merge(event.getClass().getSimpleName(), 1, Integer::sum);
                last[0] = queue;
            });
            Counts counts = day.figures().counts();
            String where = policy + " seed " + seed + ": " + counts;
            assertEquals(counts.issued(), counts.served() + counts.noShows() + counts.waitingAtClose(), where);
            assertEquals(0, counts.refused(), where);
            assertEquals(counts.issued(), day.tickets().size(), where);
            // the engine agrees: what it issued, completed and gave up on, and what it still holds
            assertEquals(counts.issued(), (double) events.getOrDefault("TicketIssued", 0), where);
            assertEquals(counts.served(), (double) events.getOrDefault("ServiceCompleted", 0), where);
            assertEquals(counts.noShows(), (double) events.getOrDefault("TicketNoShow", 0), where);
            assertEquals(counts.transfersIn(), (double) events.getOrDefault("TicketTransferred", 0), where);
            List<Ticket> left = List.copyOf(last[0].activeTickets());
            assertEquals(counts.waitingAtClose(), left.size(), where);
            assertTrue(left.stream().allMatch(t -> t.state() == TicketState.WAITING), where);
            assertTrue(last[0].counters().stream().noneMatch(c -> c.open()), "every counter closed: " + where);
            // and per service the counts add up to the centre's
            Map<String, Figures.ServiceFigures> services = day.figures().services();
            assertEquals(counts.issued(), services.values().stream().mapToDouble(s -> s.counts().issued()).sum());
            assertEquals(counts.waitingAtClose(),
                    services.values().stream().mapToDouble(s -> s.counts().waitingAtClose()).sum());
        }
    }

    @Test
    void theBusyHallExercisesTransfersNoShowsAppointmentsPriorityAndTicketsLeftAtClose() {
        SimulationResult result = new DaySimulator(BUSY_HALL).simulate(RoutingPolicies.defaultName(), 10, 1);
        Counts counts = result.figures().counts();
        assertTrue(counts.transfersIn() > 5, counts::toString);
        assertTrue(counts.noShows() > 3, counts::toString);
        assertTrue(counts.waitingAtClose() > 0, counts::toString);
        List<TicketOutcome> tickets = result.days().stream().flatMap(d -> d.tickets().stream()).toList();
        assertTrue(tickets.stream().filter(t -> t.channel() == Channel.APPOINTMENT).count() > 100);
        assertTrue(tickets.stream().filter(t -> t.priority().isPriority()).count() > 100);
    }

    @Test
    void aCentreWithMoreCountersKeepsCitizensWaitingLess() {
        Scenario fewer = TestScenarios.hall(260);
        Scenario more = TestScenarios.hall(260, List.of("Q05", "Q06"));
        for (String policy : policies()) {
            Figures few = new DaySimulator(fewer).simulate(policy, 20, 1).figures();
            Figures many = new DaySimulator(more).simulate(policy, 20, 1).figures();
            String where = policy + ": 4 counters " + few.overall() + ", 6 counters " + many.overall();
            assertTrue(many.overall().meanMinutes() < few.overall().meanMinutes(), where);
            assertTrue(many.overall().p90Minutes() < few.overall().p90Minutes(), where);
            // the extra counters are postal: TP, which only postal counters serve, gains most
            assertTrue(many.services().get("TP").waits().meanMinutes() < few.services().get("TP").waits().meanMinutes(),
                    where);
        }
    }

    @Test
    void aTransferredTicketKeepsItsOriginalArrival() {
        Map<String, Instant> issuedAt = new HashMap<>();
        List<String> checked = new ArrayList<>();
        DayResult day = new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 3, (event, queue) -> {
            if (event instanceof Event.TicketIssued issued) {
                issuedAt.put(issued.ticket().id(), issued.ticket().originalArrival());
            } else if (event instanceof Event.TicketTransferred transferred) {
                Ticket moved = queue.ticket(transferred.ticketId()).orElseThrow();
                assertEquals(issuedAt.get(moved.id()), moved.originalArrival(), moved.id());
                assertEquals(transferred.at(), moved.waitingSince(), moved.id());
                assertEquals(transferred.toService(), moved.service());
                checked.add(moved.id());
            } else if (event instanceof Event.TicketCalled called && checked.contains(called.ticketId())) {
                assertEquals(issuedAt.get(called.ticketId()),
                        queue.ticket(called.ticketId()).orElseThrow().originalArrival());
            }
        });
        assertFalse(checked.isEmpty(), "no transfer happened");
        for (TicketOutcome t : day.tickets()) {
            if (t.legs().size() > 1) {
                TicketOutcome.Leg first = t.legs().get(0);
                TicketOutcome.Leg second = t.legs().get(1);
                assertEquals(t.arrival(), first.joined());
                assertEquals(first.left(), second.joined(), "joined the next queue when the first counter let go");
                assertEquals("KQ", second.service());
                // the wait counted for the ticket is still its first, from the original arrival
                assertEquals(Duration.between(t.arrival(), first.called()), t.waitToFirstCall().orElseThrow());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void noCounterServesAServiceItsOperatorMayNotServeExceptUnderFullyPooled(String policy) {
        if (policy.equals("fully-pooled")) {
            return; // ignores skills on purpose: the theoretical bound, for reference only
        }
        CentreDefinition centre = BUSY_HALL.centre();
        int[] calls = new int[1];
        for (long seed = 1; seed <= 5; seed++) {
            new DaySimulator(BUSY_HALL).runDay(policy, seed, (event, queue) -> {
                if (event instanceof Event.TicketCalled called) {
                    Ticket ticket = queue.ticket(called.ticketId()).orElseThrow();
                    CounterDefinition counter = centre.counter(called.counter()).orElseThrow();
                    ServiceField service = centre.service(ticket.service()).orElseThrow();
                    assertTrue(service.mayBeServedBy(counter.operator()), () -> policy + ": " + counter.id() + " ("
                            + counter.operator() + ") called " + ticket.number() + " of " + service.code()
                            + ", served by " + service.servedBy());
                    calls[0]++;
                }
            });
        }
        assertTrue(calls[0] > 500, "calls: " + calls[0]);
    }

    @Test
    void countersKeepTheirOwnSessionsAndFinishTheirCitizenBeforeClosing() {
        List<String> log = new ArrayList<>();
        DayResult day = new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 5, (event, queue) -> {
            LocalTime at = LocalTime.ofInstant(event.at(), TestScenarios.ZONE);
            if (event instanceof Event.CounterOpened opened) {
                log.add(opened.counter() + " opened " + at);
            } else if (event instanceof Event.CounterClosed closed) {
                assertTrue(queue.counter(closed.counter()).orElseThrow().current().isEmpty());
                log.add(closed.counter() + " closed " + (at.isBefore(LocalTime.of(12, 0)) ? "morning" : "evening"));
            } else if (event instanceof Event.TicketCalled called && called.counter().equals("Q04")) {
                assertFalse(at.isBefore(LocalTime.of(13, 30)), "Q04 works only in the afternoon, called at " + at);
            }
        });
        assertEquals(List.of("Q04 opened 13:30"), log.stream().filter(l -> l.startsWith("Q04 opened")).toList());
        assertEquals(List.of("Q01 opened 07:30", "Q01 opened 13:30"),
                log.stream().filter(l -> l.startsWith("Q01 opened")).toList());
        assertEquals(2, log.stream().filter(l -> l.startsWith("Q01 closed")).count());
        assertEquals(1, log.stream().filter(l -> l.startsWith("Q04 closed")).count());
        Map<String, CounterUsage> usage = new HashMap<>();
        day.counters().forEach(c -> usage.put(c.id(), c));
        // open 7.5 hours (Q04 3.5), a little more when the last citizen of a session runs over
        assertTrue(usage.get("Q01").open().compareTo(Duration.ofMinutes(450)) >= 0, usage.toString());
        assertTrue(usage.get("Q01").open().compareTo(Duration.ofMinutes(500)) < 0, usage.toString());
        assertTrue(usage.get("Q04").open().compareTo(Duration.ofMinutes(210)) >= 0, usage.toString());
        assertTrue(usage.get("Q04").open().compareTo(Duration.ofMinutes(240)) < 0, usage.toString());
        for (CounterUsage c : day.counters()) {
            assertTrue(c.utilisation() > 0 && c.utilisation() <= 1, c.toString());
        }
        day.figures().utilisationByOperator().values()
                .forEach(u -> assertTrue(u > 0 && u <= 1, day.figures().utilisationByOperator().toString()));
    }

    @Test
    void citizensArrivingBeforeOpeningOrOverLunchAreCalledOnlyInSessions() {
        List<LocalTime> calls = new ArrayList<>();
        DayResult day = new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 9, (event, queue) -> {
            if (event instanceof Event.TicketCalled called && !called.recall()) {
                calls.add(LocalTime.ofInstant(called.at(), TestScenarios.ZONE));
            }
        });
        assertTrue(calls.stream().allMatch(t -> BUSY_HALL.centre().sessions().stream().anyMatch(s -> s.contains(t))),
                calls.toString());
        assertTrue(day.tickets().stream().anyMatch(t -> LocalTime.ofInstant(t.arrival(), TestScenarios.ZONE)
                .isBefore(LocalTime.of(7, 30)) && t.waitToFirstCall().isPresent()));
    }

    @Test
    void anAbsentCitizenIsRecalledOnceAfterAMinuteThenMarkedNoShow() {
        Map<String, List<String>> story = new HashMap<>();
        Map<String, Instant> firstCall = new HashMap<>();
        new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 4, (event, queue) -> {
            if (event instanceof Event.TicketCalled called) {
                firstCall.putIfAbsent(called.ticketId(), called.at());
                story.computeIfAbsent(called.ticketId(), id -> new ArrayList<>()).add((called.recall() ? "recall +"
                        : "call +") + Duration.between(firstCall.get(called.ticketId()), called.at()).toSeconds());
            } else if (event instanceof Event.TicketNoShow noShow) {
                story.get(noShow.ticketId()).add("no-show +"
                        + Duration.between(firstCall.get(noShow.ticketId()), noShow.at()).toSeconds());
            }
        });
        List<List<String>> noShows = story.values().stream().filter(s -> s.stream().anyMatch(e -> e.startsWith("no")))
                .toList();
        assertFalse(noShows.isEmpty());
        noShows.forEach(s -> assertEquals(List.of("call +0", "recall +60", "no-show +120"), s));
        assertTrue(story.values().stream().filter(s -> s.size() == 2).allMatch(s -> s.get(1).startsWith("call")),
                "only absent citizens are recalled; a second call is after a transfer");
    }

    @Test
    void aTicketTakenWhileACounterIsIdleIsCalledAtOnce() {
        DayResult day = new DaySimulator(TestScenarios.hall(20)).runDay(RoutingPolicies.defaultName(), 2);
        long inSession = day.tickets().stream().filter(t -> TestScenarios.CENTRE_SESSIONS.stream()
                .anyMatch(s -> s.contains(LocalTime.ofInstant(t.arrival(), TestScenarios.ZONE)))).count();
        long atOnce = day.tickets().stream().filter(t -> t.waitToFirstCall().orElse(Duration.ofDays(1)).isZero())
                .count();
        // 20 visits a day at four counters: nearly everyone taking a ticket in a session walks straight up
        assertTrue(atOnce >= inSession - 2 && atOnce > 5, atOnce + " of " + inSession);
    }

    @Test
    void everyEstimatorIsScoredOnEveryCalledTicketAndOnlyObserves() {
        DayResult day = new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 6);
        assertEquals(WaitEstimators.names(), day.estimators());
        assertEquals(WaitEstimators.names(), List.copyOf(day.figures().estimators().keySet()));
        long called = day.tickets().stream().filter(t -> t.waitToFirstCall().isPresent()).count();
        for (EstimatorScore score : day.figures().estimators().values()) {
            assertEquals(called, score.tickets());
            assertTrue(score.rmseMinutes() >= score.maeMinutes(), score.toString());
            assertTrue(score.insideBandShare() >= 0 && score.insideBandShare() <= 1, score.toString());
        }
        day.tickets().forEach(t -> assertEquals(WaitEstimators.names(), List.copyOf(t.estimates().keySet())));
        // scored apart: the tickets taken while the centre is open, not before opening or over lunch
        long calledWhileOpen = day.tickets().stream()
                .filter(t -> t.waitToFirstCall().isPresent() && BUSY_HALL.centre().inSession(t.arrival())).count();
        assertTrue(calledWhileOpen > 0 && calledWhileOpen < called, calledWhileOpen + " of " + called);
        assertEquals(WaitEstimators.names(), List.copyOf(day.figures().estimatorsWhileOpen().keySet()));
        day.figures().estimatorsWhileOpen().values().forEach(s -> assertEquals(calledWhileOpen, s.tickets()));
    }

    @Test
    void appointmentTicketsReachTheEngineWithTheirBookedSlot() {
        List<Ticket> booked = new ArrayList<>();
        new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 8, (event, queue) -> {
            if (event instanceof Event.TicketIssued issued && issued.ticket().channel() == Channel.APPOINTMENT) {
                booked.add(issued.ticket());
            }
        });
        assertFalse(booked.isEmpty());
        for (Ticket t : booked) {
            assertNotNull(t.appointmentAt(), t.id());
            long minutes = Duration.between(t.originalArrival(), t.appointmentAt()).toSeconds();
            assertTrue(minutes >= 120 && minutes <= 12 * 60, t.toString());
        }
    }

    @Test
    void theWaitingLinesAreSampledEveryFiveMinutesOverTheDay() {
        DayResult day = new DaySimulator(BUSY_HALL).runDay(RoutingPolicies.defaultName(), 6);
        WaitingSeries series = day.waiting();
        assertEquals(LocalTime.of(7, 0), series.at().get(0));
        assertEquals(LocalTime.of(17, 0), series.at().get(series.at().size() - 1));
        assertEquals(121, series.at().size());
        assertEquals(List.of("TP", "BHXH", "BHTN", "KQ"), List.copyOf(series.waiting().keySet()));
        int at0730 = series.at().indexOf(LocalTime.of(7, 25));
        int lunch = series.at().indexOf(LocalTime.of(12, 30));
        assertTrue(series.waiting().values().stream().mapToInt(c -> c.get(at0730)).sum() > 0, "a line before opening");
        assertTrue(series.waiting().values().stream().mapToInt(c -> c.get(lunch)).sum() > 0, "a line over lunch");
        int atClose = series.waiting().values().stream().mapToInt(c -> c.get(c.size() - 1)).sum();
        assertTrue(atClose <= day.figures().counts().waitingAtClose(), atClose + " at 17:00");
    }

    @Test
    void anUnknownPolicyIsNamedWithTheRegisteredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DaySimulator(BUSY_HALL).runDay("no-such-policy", 1));
        assertTrue(e.getMessage().contains("'no-such-policy'"), e.getMessage());
        RoutingPolicies.names().forEach(name -> assertTrue(e.getMessage().contains(name), e.getMessage()));
    }

    @Test
    void theCommuneDeskRunsAWholeDay() {
        DayResult day = new DaySimulator(TestScenarios.commune()).runDay(RoutingPolicies.defaultName(), 20231102);
        assertTrue(day.figures().counts().served() > 60, day.figures().counts().toString());
        assertEquals(List.of("POSTAL", "CONG_AN"), List.copyOf(day.figures().utilisationByOperator().keySet()));
    }
}
