package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.routing.TicketPicker;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The routing policies one rule at a time, at the {@link TestCentre}: TP (target 30 min) and BHTN
 * (30 min) at postal counters, BHXH (45 min) at agency counters; Q01 is TP with BHTN as secondary.
 */
class RoutingPoliciesTest {
    private CentreQueue queue;
    private int ids;

    private void use(String policy) {
        queue = CentreQueue.empty(definition(false), RoutingPolicies.byName(policy).orElseThrow(),
                new QueueLengthEstimator());
        for (String c : TestCentre.COUNTERS) {
            accepted(queue.handle(new OpenCounter(c), local("07:00")));
        }
    }

    private Ticket issue(String at, String service) {
        return issue(at, service, PriorityGroup.NONE);
    }

    private Ticket issue(String at, String service, PriorityGroup priority) {
        return issued(queue.handle(new IssueTicket("t" + (++ids), service, priority, Channel.WALK_IN), local(at)));
    }

    private Ticket appointment(String checkIn, String service, String booked) {
        return issued(queue.handle(new IssueTicket("t" + (++ids), service, PriorityGroup.NONE, Channel.APPOINTMENT,
                local(booked)), local(checkIn)));
    }

    private static Ticket issued(Decision decision) {
        return assertInstanceOf(Event.TicketIssued.class, accepted(decision).get(0)).ticket();
    }

    /** Calls at the counter and completes at once, so the counter is free for the next call. */
    private TicketCalled call(String at, String counter) {
        TicketCalled called = assertInstanceOf(TicketCalled.class,
                accepted(queue.handle(new CallNext(counter), local(at))).get(0));
        accepted(queue.handle(new CompleteService(counter), local(at)));
        return called;
    }

    /** The number of the ticket the counter calls. */
    private String called(String at, String counter) {
        Map<String, String> numbers = queue.activeTickets().stream().collect(Collectors.toMap(Ticket::id,
                Ticket::number));
        return numbers.get(call(at, counter).ticketId());
    }

    @Nested
    class Registry {
        @Test
        void everyPolicyIsRegisteredByItsNameAndBalancedIsTheDefault() {
            assertEquals(List.of("balanced", "dedicated", "fifo-pooled", "fully-pooled"), RoutingPolicies.names());
            for (String name : RoutingPolicies.names()) {
                RoutingPolicy policy = RoutingPolicies.byName(name).orElseThrow();
                assertEquals(name, policy.name());
                assertNotSame(policy, RoutingPolicies.byName(name).orElseThrow(), "a new instance per centre");
            }
            assertEquals("balanced", RoutingPolicies.defaultName());
            assertInstanceOf(BalancedRouting.class, RoutingPolicies.defaultPolicy());
            assertEquals(Optional.empty(), RoutingPolicies.byName("random"));
        }
    }

    @Nested
    class Dedicated {
        @Test
        void aCounterCallsOnlyItsPrimarySkillsEvenWhenASecondaryLineOverflows() {
            use("dedicated");
            issue("07:00", BHTN);
            issue("07:05", BHTN);
            Decision call = queue.handle(new CallNext("Q01"), local("09:00"));
            assertEquals(Rejection.NO_TICKET_WAITING, TestCentre.rejected(call).rejection());
            issue("08:59", TP, PriorityGroup.NONE);
            issue("08:59", TP, PriorityGroup.ELDERLY);
            TicketCalled first = call("09:00", "Q01");
            assertTrue(first.reason().contains("primary skill TP, priority group ELDERLY"), first.reason());
            assertEquals("A001", called("09:01", "Q01"));
        }
    }

    @Nested
    class FullyPooled {
        @Test
        void anyCounterCallsTheLongestWaitingTicketOfAnyServiceAndSaysItIsOnlyAReference() {
            use("fully-pooled");
            issue("08:00", TP);
            issue("08:05", BHXH);
            TicketCalled call = call("08:10", "Q04"); // Q04 is a BHXH officer with BHXH only
            assertEquals("called A001 at Q04: outside its skills TP, longest waiting (fully pooled reference, not "
                    + "legal in a real centre), waited 10 min of 30 target", call.reason());
        }
    }

    @Nested
    class BalancedWithinAService {
        @Test
        void ordinaryTicketsAreCalledFirstComeFirstServed() {
            use("balanced");
            issue("08:00", TP);
            issue("08:01", TP);
            issue("08:02", TP);
            assertEquals(List.of("A001", "A002", "A003"),
                    List.of(called("08:05", "Q01"), called("08:06", "Q01"), called("08:07", "Q01")));
        }

        @Test
        void aPriorityCitizenGoesBeforeOrdinaryCitizensWhoCameEarlier() {
            use("balanced");
            issue("08:00", TP);
            issue("08:05", TP, PriorityGroup.PREGNANT);
            TicketCalled call = call("08:10", "Q01");
            assertEquals("called A002 at Q01: primary skill TP, priority group PREGNANT, waited 5 min of 30 target",
                    call.reason());
        }

        @Test
        void anOrdinaryTicketGoesBeforeAPriorityTicketThatCameTwiceTheTargetOrMoreAfterIt() {
            use("balanced");
            issue("08:00", TP);
            issue("08:59", TP, PriorityGroup.ELDERLY); // 59 min after: under 2 × 30, the priority citizen first
            assertEquals("A002", called("09:30", "Q01"));

            use("balanced");
            ids = 100;
            issue("08:00", TP);
            issue("09:00", TP, PriorityGroup.ELDERLY); // 60 min after
            TicketCalled call = call("09:01", "Q01");
            assertEquals("called A001 at Q01: primary skill TP, not starved: came 60 min before priority A002, over "
                    + "2× target, waited 61 min of 30 target", call.reason());
        }

        @Test
        void inAFloodOfPriorityCitizensAnOrdinaryCitizenIsOvertakenOnlyByThoseWhoCameWithinTwiceTheTarget() {
            use("balanced");
            issue("08:00", TP);
            // one counter serves one citizen every 10 min; two priority citizens arrive every 10 min, twice
            // what it can serve, so the priority lane grows without end
            List<Instant> overtookAt = new ArrayList<>();
            Instant ordinaryCalled = null;
            for (int minute = 0; minute < 300 && ordinaryCalled == null; minute += 10) {
                Instant t = local("08:00").plusSeconds(60L * minute);
                accepted(queue.handle(new IssueTicket("p" + minute, TP, PriorityGroup.ELDERLY, Channel.WALK_IN), t));
                accepted(queue.handle(new IssueTicket("q" + minute, TP, PriorityGroup.MERIT, Channel.WALK_IN),
                        t.plusSeconds(300)));
                Instant callAt = t.plusSeconds(599);
                Map<String, Ticket> waiting = queue.activeTickets().stream().collect(Collectors.toMap(Ticket::id,
                        x -> x));
                TicketCalled call = assertInstanceOf(TicketCalled.class,
                        accepted(queue.handle(new CallNext("Q01"), callAt)).get(0));
                accepted(queue.handle(new CompleteService("Q01"), callAt));
                if (call.ticketId().equals("t1")) {
                    ordinaryCalled = callAt;
                } else {
                    overtookAt.add(waiting.get(call.ticketId()).originalArrival());
                }
            }
            assertTrue(ordinaryCalled != null, "the ordinary citizen was never called");
            // the twelve who came 08:00–08:55 went first; the one who came at 09:00 did not
            assertEquals(12, overtookAt.size(), overtookAt::toString);
            assertTrue(overtookAt.stream().allMatch(t -> t.isBefore(local("09:00"))), overtookAt::toString);
            assertEquals(local("10:09:59"), ordinaryCalled);
        }

        @Test
        void aDueAppointmentGoesBeforeWalkInsWhoCameEarlierFromFiveMinutesBeforeItsTime() {
            use("balanced");
            issue("09:00", TP);
            issue("09:01", TP);
            appointment("09:10", TP, "09:30");
            assertEquals("A001", called("09:24", "Q01"), "not yet due at 09:24");
            TicketCalled call = call("09:25", "Q01");
            assertEquals("called A003 at Q01: primary skill TP, appointment at 09:30, due before walk-ins, waited 15 "
                    + "min of 30 target", call.reason());
            assertEquals("A002", called("09:26", "Q01"));
        }

        @Test
        void anAppointmentCheckedInMoreThanFifteenMinutesLateIsServedAsAWalkIn() {
            use("balanced");
            issue("09:10", TP);
            appointment("09:16", TP, "09:00");
            assertEquals("A001", called("09:20", "Q01"));

            use("balanced");
            issue("09:10", TP);
            appointment("09:15", TP, "09:00"); // exactly 15 min late still holds the appointment
            assertEquals("A002", called("09:20", "Q01"));
        }

        @Test
        void anEarlyAppointmentHolderKeepsHisPlaceInTheOrdinaryLine() {
            use("balanced");
            appointment("08:00", TP, "10:00");
            issue("08:05", TP);
            assertEquals("A001", called("08:10", "Q01"));
        }

        @Test
        void legalPriorityGoesBeforeADueAppointment() {
            use("balanced");
            appointment("09:00", TP, "09:05");
            issue("09:10", TP, PriorityGroup.CHILD_UNDER_6);
            assertEquals("A002", called("09:10", "Q01"));
            assertEquals("A001", called("09:11", "Q01"));
        }
    }

    @Nested
    class BalancedAcrossSkills {
        @Test
        void aCounterKeepsToItsPrimaryLineWhenTheSecondaryIsNotClearlyMoreUrgent() {
            use("balanced");
            issue("07:58", BHTN); // waited 12 of 30 at 08:10: urgency 0.4, under the 0.5 floor
            issue("08:00", TP); //  waited 10 of 30: urgency 0.33
            assertEquals("A001", called("08:10", "Q01"));

            use("fifo-pooled");
            issue("07:58", BHTN);
            issue("08:00", TP);
            assertEquals("H001", called("08:10", "Q01"), "fifo-pooled takes the longest wait across skills");
        }

        @Test
        void aCounterHelpsASecondaryLineWhoseUrgencyIsOverOneAndAHalfTimesItsOwn() {
            use("balanced");
            issue("07:30", BHTN);
            issue("08:00", TP);
            TicketCalled call = call("08:10", "Q01");
            assertEquals("called H001 at Q01: secondary skill BHTN, longest waiting, waited 40 min of 30 target "
                    + "(urgency 1.33 vs primary 0.33)", call.reason());
        }

        @Test
        void atEqualishUrgencyThePrimaryLineKeepsItsCounter() {
            use("balanced");
            issue("07:20", BHTN); // 60 min at 08:20: urgency 2
            issue("07:40", TP); //   40 min: urgency 1.33, and 2 < 1.5 × 1.33
            assertEquals("A001", called("08:20", "Q01"));
        }

        @Test
        void anIdleCounterServesItsSecondarySkillWhenNothingOfItsPrimaryWaits() {
            use("balanced");
            issue("08:00", BHTN);
            TicketCalled call = call("08:01", "Q01");
            assertEquals("called H001 at Q01: secondary skill BHTN, longest waiting, waited 1 min of 30 target "
                    + "(nothing waiting for its primary skills)", call.reason());
        }

        @Test
        void aPriorityCitizenOfASecondarySkillGoesBeforeOrdinaryCitizensOfThePrimarySkill() {
            use("balanced");
            issue("08:00", TP);
            issue("08:05", BHTN, PriorityGroup.MERIT);
            TicketCalled call = call("08:06", "Q01");
            assertEquals("called H001 at Q01: secondary skill BHTN, priority group MERIT, waited 1 min of 30 target "
                    + "(priority goes before ordinary tickets of its primary skills)", call.reason());
        }

        @Test
        void aCounterNeverCallsOutsideItsSkills() {
            use("balanced");
            issue("07:00", BHXH);
            assertEquals(Rejection.NO_TICKET_WAITING,
                    TestCentre.rejected(queue.handle(new CallNext("Q01"), local("09:00"))).rejection());
        }
    }

    @Nested
    class BalancedMechanics {
        /** A view of the waiting lines that fails on any whole-line read: a policy may look at heads only. */
        private WaitingTickets headsOnly(WaitingTickets lines) {
            return new WaitingTickets() {
                @Override
                public Optional<Ticket> head(String service) {
                    return lines.head(service);
                }

                @Override
                public int count(String service) {
                    throw new AssertionError("counted the line of " + service);
                }

                @Override
                public Stream<Ticket> inOrder(String service) {
                    throw new AssertionError("walked the whole line of " + service);
                }

                @Override
                public Optional<Ticket> headOrdinary(String service) {
                    return lines.headOrdinary(service);
                }

                @Override
                public Optional<Ticket> firstAppointment(String service) {
                    return lines.firstAppointment(service);
                }
            };
        }

        @Test
        void everyPolicyDecidesFromTheHeadsOfTheLinesAloneAndPickAgreesWithChoose() {
            for (String name : RoutingPolicies.names()) {
                use(name);
                Instant t = local("07:00");
                for (int i = 0; i < 3_000; i++) {
                    t = t.plusSeconds(7);
                    String service = TestCentre.SERVICES.get(i % 3);
                    PriorityGroup p = i % 11 == 0 ? PriorityGroup.ELDERLY : PriorityGroup.NONE;
                    Channel channel = i % 7 == 0 ? Channel.APPOINTMENT : Channel.WALK_IN;
                    Instant booked = channel == Channel.APPOINTMENT ? t.plusSeconds(60L * (i % 90 - 30)) : null;
                    accepted(queue.handle(new IssueTicket("x" + i, service, p, channel, booked), t));
                }
                RoutingPolicy policy = queue.routing();
                for (String counter : TestCentre.COUNTERS) {
                    var definition = queue.definition().counter(counter).orElseThrow();
                    for (Instant at : List.of(t, t.plusSeconds(3_600), t.plusSeconds(4 * 3_600))) {
                        var decision = policy.choose(queue.definition(), definition, headsOnly(queue.waiting()), at);
                        var picked = TicketPicker.of(policy).pick(queue.definition(), definition,
                                headsOnly(queue.waiting()), at);
                        assertTrue(decision.isPresent(), name);
                        assertEquals(decision.get().ticket(), picked.orElseThrow(), name + " at " + counter);
                        assertEquals(decision, policy.choose(queue.definition(), definition, queue.waiting(), at),
                                "deterministic: " + name);
                    }
                }
            }
        }
    }
}
