package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.onedesk.engine.Command.AtCounter;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.Requeue;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.CounterClosed;
import vn.onedesk.engine.Event.CounterOpened;
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.ServiceStarted;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketRequeued;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.NoShows;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * Checks a {@link Simulation} step by step against an independent model of what must hold. It
 * keeps its own books (issued tickets, finished tickets, calls per stint, numbers per service and
 * day, the call sequence) from the events, and replays every accepted event on a shadow queue.
 */
final class InvariantChecker implements Simulation.Probe {
    /**
     * Line order written independently of {@link Ticket#QUEUE_ORDER}: priority, first arrival then issue order (or,
     * for a requeued ticket, the time and sequence of the place the REQUEUE gave), issue order.
     */
    static final Comparator<Ticket> LINE = Comparator
            .comparingInt((Ticket t) -> t.priority().isPriority() ? 0 : 1)
            .thenComparing(t -> t.placedAt() != null ? t.placedAt().at() : t.originalArrival())
            .thenComparingLong(t -> t.placedAt() != null ? t.placedAt().seq()
                    : t.ordinal() * vn.onedesk.engine.ticketing.QueuePlace.SPACING)
            .thenComparingLong(Ticket::ordinal);

    /** A no-show as the model remembers it: the ticket when it was called, and when it was marked. */
    private record Missed(Ticket ticket, Instant at) {
    }

    private final CentreDefinition definition;
    private final CentreQueue shadow;

    private final Map<String, Ticket> issued = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> calledThisStint = new HashSet<>();
    private final Set<String> numbersIssued = new HashSet<>();
    /** The latest no-show of each number, and the tickets ever requeued (once each at most). */
    private final Map<String, Missed> noShows = new HashMap<>();
    private final Set<String> requeued = new HashSet<>();
    private final Map<String, Integer> lastSequence = new HashMap<>();
    /** The model's parked tickets: the counter that parked each and since when. */
    private final Map<String, Event.TicketParked> parkedBooks = new HashMap<>();
    private final Set<String> expired = new HashSet<>();
    private int outOfOrderCalls;
    private long lastCallSeq;
    private long lastOrdinal;
    private int step;

    // the state just before the command
    private Map<String, Ticket> ticketsBefore;
    private Map<String, CounterState> countersBefore;
    private QueueSnapshot snapshotBefore;
    private ChangesOracle changesBefore;
    private Decision decided;

    /**
     * What a call must satisfy beyond the policy-independent invariants, given the state just before it.
     * Returns a failure message, or null when the call is right.
     */
    interface RoutingRule {
        String violation(CounterDefinition counter, Ticket chosen, Map<String, Ticket> ticketsBefore, Instant at);
    }

    private final RoutingRule routingRule;

    /** Checks calls against fifo-pooled's rule: priority, then first come, first served across the counter's skills. */
    InvariantChecker(CentreDefinition definition) {
        this(definition, null);
    }

    /** Checks calls against the given rule (null: fifo-pooled's) besides the policy-independent invariants. */
    InvariantChecker(CentreDefinition definition, RoutingRule routingRule) {
        this.definition = definition;
        this.shadow = TestCentre.emptyQueue(definition);
        this.routingRule = routingRule;
    }

    @Override
    public void before(CentreQueue queue, Command command, Instant at) {
        step++;
        ticketsBefore = queue.activeTickets().stream().collect(Collectors.toMap(Ticket::id, t -> t));
        countersBefore = queue.counters().stream().collect(Collectors.toMap(CounterState::id, c -> c));
        snapshotBefore = queue.snapshot();
        changesBefore = new ChangesOracle(queue);
        decided = queue.decide(command, at);
        check(snapshotBefore.equals(queue.snapshot()), () -> "deciding " + command + " changed the queue");
    }

    /** The engine reports exactly the tickets and counters whose state differs before and after the command. */
    @Override
    public void executed(CentreQueue queue, Command command, Instant at, Execution execution) {
        String wrong = changesBefore.violation(queue, execution, at);
        check(wrong == null, () -> command + ": " + wrong);
    }

    @Override
    public void after(CentreQueue queue, Command command, Instant at, Decision decision) {
        check(decided.equals(decision), () -> "handle(" + command + ") gave " + decision + " but decide gave "
                + decided);
        Optional<Rejection> expected = expectedRejection(command, at);
        if (decision instanceof Decision.Rejected rejected) {
            check(expected.equals(Optional.of(rejected.rejection())), () -> command + " was refused with "
                    + rejected + " but the model expected " + expected.map(Enum::name).orElse("acceptance"));
            check(queue.snapshot().equals(snapshotBefore), () -> "a refused " + command + " changed the queue");
        } else {
            List<Event> events = ((Decision.Accepted) decision).events();
            check(expected.isEmpty(), () -> command + " was accepted with " + events + " but the model expected "
                    + expected.get());
            check(events.size() <= 1 || command instanceof Command.ExpireParked,
                    () -> "one command, one event at most: " + events);
            if (command instanceof Command.ExpireParked) {
                checkExpiry(events, at);
            }
            for (Event e : events) {
                check(e.at().equals(at), () -> e + " is not stamped with the command time " + at);
                checkEvent(queue, command, e);
                shadow.apply(e);
            }
        }
        checkState(queue);
        check(shadow.snapshot().equals(queue.snapshot()),
                () -> "replaying the accepted events gives another queue than handling the commands");
    }

    /** What the command must be refused with, from the state before it, or empty if it must be accepted. */
    private Optional<Rejection> expectedRejection(Command command, Instant at) {
        if (command instanceof IssueTicket issue) {
            if (definition.service(issue.service()).isEmpty()) {
                return Optional.of(Rejection.UNKNOWN_SERVICE);
            }
            if (definition.ticketsOnlyInSessions() && !definition.inSession(at)) {
                return Optional.of(Rejection.SERVICE_CLOSED);
            }
            return ticketsBefore.containsKey(issue.ticketId()) ? Optional.of(Rejection.INVALID_STATE)
                    : Optional.empty();
        }
        if (command instanceof Command.ExpireParked) {
            return Optional.empty();
        }
        if (command instanceof Requeue requeue) {
            return expectedRequeueRejection(requeue, at);
        }
        AtCounter atCounter = (AtCounter) command;
        Optional<CounterDefinition> counterDefinition = definition.counter(atCounter.counter());
        if (counterDefinition.isEmpty()) {
            return Optional.of(Rejection.UNKNOWN_COUNTER);
        }
        CounterState counter = countersBefore.get(atCounter.counter());
        Ticket current = counter.currentTicket() == null ? null : ticketsBefore.get(counter.currentTicket());
        if (command instanceof OpenCounter) {
            return Optional.empty();
        }
        if (command instanceof CloseCounter) {
            return current != null ? Optional.of(Rejection.INVALID_STATE) : Optional.empty();
        }
        if (!counter.open()) {
            return Optional.of(Rejection.COUNTER_CLOSED);
        }
        if (command instanceof Command.Park) {
            return current == null ? Optional.of(Rejection.INVALID_STATE) : Optional.empty();
        }
        if (command instanceof Command.CallParked call) {
            return expectedCallByNumber(current, counterDefinition.get(), call.ticketNumber(), TicketState.PARKED);
        }
        if (command instanceof Command.CallNumber call) {
            return expectedCallByNumber(current, counterDefinition.get(), call.ticketNumber(), TicketState.WAITING);
        }
        if (command instanceof CallNext) {
            if (current != null) {
                return Optional.of(Rejection.INVALID_STATE);
            }
            boolean anyWaiting = ticketsBefore.values().stream().anyMatch(t -> t.state() == TicketState.WAITING
                    && counterDefinition.get().canServe(t.service())
                    && (!reserved(t) || reservedFor(t, counter) || lapsed(t, at)));
            return anyWaiting ? Optional.empty() : Optional.of(Rejection.NO_TICKET_WAITING);
        }
        if (current == null) {
            return Optional.of(Rejection.INVALID_STATE);
        }
        if (command instanceof Recall && current.state() == TicketState.CALLED
                && current.calls() - 1 >= definition.rules().recallLimit()) {
            return Optional.of(Rejection.RECALL_LIMIT);
        }
        if (command instanceof Recall || command instanceof MarkNoShow || command instanceof StartService) {
            return current.state() == TicketState.CALLED ? Optional.empty() : Optional.of(Rejection.INVALID_STATE);
        }
        if (command instanceof CompleteService) {
            return Optional.empty();
        }
        Transfer transfer = (Transfer) command;
        String toService = transfer.toService() != null ? transfer.toService() : current.service();
        if (definition.service(toService).isEmpty()) {
            return Optional.of(Rejection.UNKNOWN_SERVICE);
        }
        if (transfer.toCounter() != null) {
            Optional<CounterDefinition> target = definition.counter(transfer.toCounter());
            if (target.isEmpty()) {
                return Optional.of(Rejection.UNKNOWN_COUNTER);
            }
            if (target.get().id().equals(counter.id())) {
                return Optional.of(Rejection.INVALID_STATE);
            }
            return target.get().canServe(toService) ? Optional.empty()
                    : Optional.of(Rejection.COUNTER_CANNOT_SERVE);
        }
        if (transfer.toOfficer() != null) {
            return transfer.toOfficer().equals(counter.officerId()) ? Optional.of(Rejection.INVALID_STATE)
                    : Optional.empty();
        }
        return toService.equals(current.service()) ? Optional.of(Rejection.INVALID_STATE) : Optional.empty();
    }

    /** REQUEUE, from the model's own books of no-shows (remembered 4 h) and of requeued tickets. */
    private Optional<Rejection> expectedRequeueRejection(Requeue requeue, Instant at) {
        if (requeue.counter() != null) {
            if (definition.counter(requeue.counter()).isEmpty()) {
                return Optional.of(Rejection.UNKNOWN_COUNTER);
            }
            if (!countersBefore.get(requeue.counter()).open()) {
                return Optional.of(Rejection.COUNTER_CLOSED);
            }
        }
        if (ticketsBefore.values().stream().anyMatch(t -> t.number().equals(requeue.ticketNumber()))) {
            return Optional.of(Rejection.NOT_A_NO_SHOW);
        }
        Missed missed = noShows.get(requeue.ticketNumber());
        if (missed == null || missed.at().plus(NoShows.MEMORY).isBefore(at)) {
            return Optional.of(Rejection.NOT_A_NO_SHOW);
        }
        if (missed.at().plus(definition.rules().requeueGrace()).isBefore(at)) {
            return Optional.of(Rejection.REQUEUE_EXPIRED);
        }
        if (requeued.contains(missed.ticket().id())) {
            return Optional.of(Rejection.REQUEUE_LIMIT);
        }
        return definition.closedAt(at) ? Optional.of(Rejection.SERVICE_CLOSED) : Optional.empty();
    }

    private static boolean reserved(Ticket t) {
        return t.state() == TicketState.WAITING && t.handover() != null
                && (t.handover().counter() != null || t.handover().officer() != null);
    }

    /** Reserved for this counter, or for the officer bound to it. */
    private static boolean reservedFor(Ticket t, CounterState counter) {
        return counter.id().equals(t.handover().counter())
                || (t.handover().officer() != null && t.handover().officer().equals(counter.officerId()));
    }

    /** A reservation nobody took up within the service's target wait since the transfer: any counter may call it. */
    private boolean lapsed(Ticket t, Instant at) {
        return !at.isBefore(t.handover().at().plus(definition.service(t.service()).orElseThrow().targetWait()));
    }

    /**
     * CALL_PARKED (wanted PARKED) and CALL_NUMBER (wanted WAITING): the counter idle, then a ticket with the number,
     * in the wanted state, that this counter may take (parked here, or of a service it serves).
     */
    private Optional<Rejection> expectedCallByNumber(Ticket current, CounterDefinition counter, String number,
                                                     TicketState wanted) {
        if (current != null) {
            return Optional.of(Rejection.INVALID_STATE);
        }
        List<Ticket> numbered = ticketsBefore.values().stream().filter(t -> t.number().equals(number)).toList();
        if (numbered.isEmpty()) {
            return Optional.of(Rejection.UNKNOWN_TICKET);
        }
        List<Ticket> inState = numbered.stream().filter(t -> t.state() == wanted).toList();
        if (inState.isEmpty()) {
            return Optional.of(wanted == TicketState.PARKED ? Rejection.NOT_PARKED : Rejection.NOT_WAITING);
        }
        Ticket chosen = inState.stream().max(Comparator.comparingLong(Ticket::ordinal)).orElseThrow();
        boolean parkedHere = wanted == TicketState.PARKED
                && parkedBooks.get(chosen.id()).counter().equals(counter.id());
        return parkedHere || counter.canServe(chosen.service()) ? Optional.empty()
                : Optional.of(Rejection.NOT_SERVED_HERE);
    }

    /** EXPIRE_PARKED expired exactly the parked tickets whose time was up, each once, and no other. */
    private void checkExpiry(List<Event> events, Instant at) {
        Set<String> due = new HashSet<>();
        parkedBooks.values().forEach(p -> {
            if (!p.at().plus(definition.rules().parkTimeout()).isAfter(at)) {
                due.add(p.ticketId());
            }
        });
        Set<String> got = new HashSet<>();
        for (Event e : events) {
            check(e instanceof TicketNoShow n && n.expired(), () -> "expiry produced " + e);
            got.add(e.ticketId());
        }
        check(got.equals(due), () -> "expired " + got + " but due were " + due);
    }

    int expiredCount() {
        return expired.size();
    }

    int outOfOrderCalls() {
        return outOfOrderCalls;
    }

    private void checkEvent(CentreQueue queue, Command command, Event event) {
        if (event instanceof TicketIssued e) {
            Ticket t = e.ticket();
            check(!issued.containsKey(t.id()), () -> "ticket id " + t.id() + " issued twice");
            check(t.state() == TicketState.WAITING && t.counter() == null && t.calls() == 0,
                    () -> "a new ticket waits: " + t);
            check(t.originalArrival().equals(t.waitingSince()), () -> "a new ticket arrives when it waits: " + t);
            check(t.serviceDay().equals(definition.serviceDay(t.originalArrival())),
                    () -> t.number() + " belongs to local day " + definition.serviceDay(t.originalArrival()) + ": " + t);
            String prefix = definition.service(t.service()).orElseThrow().prefix();
            check(t.number().equals(prefix + String.format("%03d", t.sequence())), () -> "badly formed number " + t);
            String dayKey = t.service() + "|" + t.serviceDay();
            int expectedSequence = lastSequence.getOrDefault(dayKey, 0) + 1;
            check(t.sequence() == expectedSequence, () -> t.number() + " follows number " + (expectedSequence - 1)
                    + " of " + dayKey);
            check(numbersIssued.add(dayKey + "|" + t.number()), () -> t.number() + " issued twice on " + dayKey);
            lastSequence.put(dayKey, t.sequence());
            check(t.ordinal() == lastOrdinal + 1, () -> "ordinals increase by one: " + t);
            lastOrdinal = t.ordinal();
            issued.put(t.id(), t);
        } else if (event instanceof TicketCalled e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null, () -> "called a ticket that is not active: " + e);
            check(e.callSeq() == lastCallSeq + 1, () -> "call sequence jumped from " + lastCallSeq + ": " + e);
            lastCallSeq = e.callSeq();
            if (e.recall()) {
                check(before.state() == TicketState.CALLED && e.counter().equals(before.counter()),
                        () -> "recalled a ticket that is not called at " + e.counter() + ": " + before);
                check(calledThisStint.contains(e.ticketId()), () -> "recall without a call: " + e);
                check(before.calls() - 1 < definition.rules().recallLimit(),
                        () -> "recalled past the limit of " + definition.rules().recallLimit() + ": " + before);
            } else if (e.resumed()) {
                check(command instanceof Command.CallParked, () -> "a resumed call without CALL_PARKED: " + e);
                check(before.state() == TicketState.PARKED && parkedBooks.remove(e.ticketId()) != null,
                        () -> "resumed a ticket that is not parked: " + before);
                check(calledThisStint.contains(e.ticketId()), () -> "a parked ticket that was never called: " + e);
                CounterState counterBefore = countersBefore.get(e.counter());
                check(counterBefore.open() && counterBefore.currentTicket() == null,
                        () -> "resumed at a closed or busy counter: " + counterBefore);
            } else if (e.outOfOrder()) {
                // the audited exception to FIFO: a call by number, with its reason recorded
                check(command instanceof Command.CallNumber n && n.reason().equals(e.note()) && e.note() != null,
                        () -> "a call by number without its reason: " + e);
                check(calledThisStint.add(e.ticketId()),
                        () -> before.number() + " called a second time without recall or transfer: " + e);
                CounterDefinition counter = definition.counter(e.counter()).orElseThrow();
                CounterState counterBefore = countersBefore.get(e.counter());
                check(counterBefore.open() && counterBefore.currentTicket() == null,
                        () -> "called by number at a closed or busy counter: " + counterBefore);
                check(before.state() == TicketState.WAITING && counter.canServe(before.service()),
                        () -> "called by number a ticket not waiting or outside the skills: " + before);
                outOfOrderCalls++;
            } else {
                check(e.note() == null, () -> "a call in order carries a note: " + e);
                check(calledThisStint.add(e.ticketId()),
                        () -> before.number() + " called a second time without recall or transfer: " + e);
                boolean reservation = checkRouting(e, before);
                if (routingRule != null && !reservation) {
                    Map<String, Ticket> unreserved = ticketsBefore.values().stream().filter(t -> !reserved(t))
                            .collect(Collectors.toMap(Ticket::id, t -> t));
                    String violation = routingRule.violation(definition.counter(e.counter()).orElseThrow(), before,
                            unreserved, e.at());
                    check(violation == null, () -> violation + " (reason given: " + e.reason() + ")");
                }
            }
        } else if (event instanceof TicketTransferred e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null && before.state().isAtCounter() && e.counter().equals(before.counter()),
                    () -> "transferred a ticket that is not at " + e.counter() + ": " + before);
            check(e.fromService().equals(before.service()), () -> "transfer from the wrong service: " + e);
            calledThisStint.remove(e.ticketId());
            Ticket after = queue.ticket(e.ticketId()).orElseThrow();
            check(after.state() == TicketState.WAITING && after.service().equals(e.toService()),
                    () -> "a transferred ticket waits in its new service: " + after);
            check(after.originalArrival().equals(before.originalArrival()),
                    () -> "a transfer changed the original arrival: " + before + " → " + after);
            check(after.waitingSince().equals(e.at()), () -> "it waits in the new service since the transfer");
            check(reserved(after) == (e.toCounter() != null || e.toOfficer() != null),
                    () -> "a transfer to a counter or an officer, and only one, reserves the ticket: " + after);
            check(java.util.Objects.equals(after.handover() == null ? null : after.handover().note(), e.note()),
                    () -> "the note goes with the ticket: " + after);
            check(LINE.compare(after, before) == 0 || after.place().equals(before.place()),
                    () -> "a transfer keeps the ticket's place: " + before + " → " + after);
        } else if (event instanceof TicketNoShow e && e.expired()) {
            Ticket before = ticketsBefore.get(e.ticketId());
            Event.TicketParked parking = parkedBooks.remove(e.ticketId());
            check(before != null && before.state() == TicketState.PARKED && parking != null
                            && e.counter().equals(parking.counter()),
                    () -> "expired a ticket that is not parked at " + e.counter() + ": " + before);
            check(!parking.at().plus(definition.rules().parkTimeout()).isAfter(e.at()),
                    () -> "expired before its time: parked " + parking.at() + ", " + e);
            check(expired.add(e.ticketId()), () -> "expired twice: " + e);
            check(finished.add(e.ticketId()), () -> "finished twice: " + e);
            noShows.put(before.number(), new Missed(before, e.at())); // an expired park may be requeued too
        } else if (event instanceof Event.TicketParked e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null && before.state().isAtCounter() && e.counter().equals(before.counter()),
                    () -> "parked a ticket that is not at " + e.counter() + ": " + before);
            check(command instanceof Command.Park p && p.reason().equals(e.reason()), () -> "park without reason: " + e);
            parkedBooks.put(e.ticketId(), e);
            Ticket after = queue.ticket(e.ticketId()).orElseThrow();
            check(after.state() == TicketState.PARKED, () -> "a parked ticket is PARKED: " + after);
            check(queue.counter(e.counter()).orElseThrow().currentTicket() == null, () -> "parking frees the counter");
        } else if (event instanceof TicketNoShow e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null && before.state() == TicketState.CALLED && e.counter().equals(before.counter()),
                    () -> "no-show of a ticket that is not called at " + e.counter() + ": " + before);
            check(finished.add(e.ticketId()), () -> "finished twice: " + e);
            noShows.put(before.number(), new Missed(before, e.at()));
        } else if (event instanceof TicketRequeued e) {
            Missed missed = noShows.values().stream().filter(m -> m.ticket().id().equals(e.ticketId())).findFirst()
                    .orElse(null);
            check(missed != null, () -> "requeued a ticket that is no no-show: " + e);
            check(finished.remove(e.ticketId()), () -> "requeued a ticket that had not finished: " + e);
            check(requeued.add(e.ticketId()), () -> "requeued twice: " + e);
            expired.remove(e.ticketId()); // an expired park requeued starts a new stint, and may be parked again
            noShows.remove(missed.ticket().number()); // back in line: no longer a no-show
            calledThisStint.remove(e.ticketId());
            Ticket after = queue.ticket(e.ticketId()).orElseThrow();
            check(after.state() == TicketState.WAITING && after.counter() == null && after.calls() == 0
                            && after.number().equals(missed.ticket().number())
                            && after.priority() == missed.ticket().priority()
                            && after.service().equals(missed.ticket().service())
                            && e.placedAt().equals(after.placedAt()) && after.waitingSince().equals(e.at()),
                    () -> "a requeued ticket waits again with its number, service and priority: " + after);
            checkPlacement(after);
        } else if (event instanceof ServiceCompleted e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null && before.state().isAtCounter() && e.counter().equals(before.counter()),
                    () -> "completed a ticket that is not at " + e.counter() + ": " + before);
            check(finished.add(e.ticketId()), () -> "finished twice: " + e);
        } else if (event instanceof ServiceStarted e) {
            Ticket before = ticketsBefore.get(e.ticketId());
            check(before != null && before.state() == TicketState.CALLED && e.counter().equals(before.counter()),
                    () -> "started a ticket that is not called at " + e.counter() + ": " + before);
        } else if (event instanceof CounterOpened e) {
            check(!countersBefore.get(e.counter()).open(), () -> "opened an open counter: " + e);
        } else if (event instanceof CounterClosed e) {
            CounterState before = countersBefore.get(e.counter());
            check(before.open() && before.currentTicket() == null, () -> "closed a busy or closed counter " + before);
        } else {
            fail("unexpected event " + event);
        }
    }

    /**
     * Any call: at an open idle counter, of a waiting ticket, within the counter's skills. Without a
     * routing rule also fifo-pooled's order: FIFO within service and priority class, and pooled
     * first-come-first-served across the counter's skills.
     */
    private boolean checkRouting(TicketCalled call, Ticket chosen) {
        CounterDefinition counter = definition.counter(call.counter()).orElseThrow();
        CounterState counterBefore = countersBefore.get(call.counter());
        check(counterBefore.open() && counterBefore.currentTicket() == null,
                () -> "called at a closed or busy counter: " + counterBefore);
        check(chosen.state() == TicketState.WAITING, () -> "called a ticket that was not waiting: " + chosen);
        check(counter.canServe(chosen.service()),
                () -> call.counter() + " called " + chosen.number() + " of " + chosen.service() + " outside its skills");
        // reserved tickets first: the counter's own (for it or its officer), else one whose reservation lapsed
        List<Ticket> reservedHere = ticketsBefore.values().stream()
                .filter(t -> reserved(t) && counter.canServe(t.service())).toList();
        Optional<Ticket> own = reservedHere.stream().filter(t -> reservedFor(t, counterBefore)).min(LINE);
        Optional<Ticket> lapsed = reservedHere.stream().filter(t -> lapsed(t, call.at())).min(LINE);
        Optional<Ticket> reservation = own.or(() -> lapsed);
        if (reservation.isPresent()) {
            check(reservation.get().id().equals(chosen.id()), () -> call.counter() + " called " + chosen.number()
                    + " but its reserved " + reservation.get().number() + " goes first");
            return true;
        }
        check(!reserved(chosen), () -> call.counter() + " called " + chosen.number() + ", reserved for "
                + chosen.handover());
        if (routingRule != null) {
            return false;
        }
        for (Ticket other : ticketsBefore.values()) {
            if (other.state() != TicketState.WAITING || other.id().equals(chosen.id()) || reserved(other)) {
                continue;
            }
            boolean sameLine = other.service().equals(chosen.service())
                    && other.priority().isPriority() == chosen.priority().isPriority();
            if (sameLine) {
                check(LINE.compare(other, chosen) > 0, () -> "FIFO broken in " + chosen.service() + ": "
                        + chosen.number() + " called before " + other.number() + " who was ahead");
            }
            if (counter.canServe(other.service())) {
                check(LINE.compare(other, chosen) > 0, () -> call.counter() + " called " + chosen.number()
                        + " but " + other.number() + " of " + other.service() + " came first");
            }
        }
        return false;
    }

    /**
     * The documented place of a requeued ticket: behind the first {@code requeueAfter} tickets waiting in its lane
     * (same service, same priority class, not reserved), or behind all of them when fewer wait: exactly, even among
     * tickets of one instant (the simulation issues several at the same time now and then).
     */
    private void checkPlacement(Ticket after) {
        List<Ticket> lane = new ArrayList<>(ticketsBefore.values().stream()
                .filter(t -> t.state() == TicketState.WAITING && !reserved(t) && t.service().equals(after.service())
                        && t.priority().isPriority() == after.priority().isPriority())
                .toList());
        lane.sort(LINE);
        int k = Math.min(definition.rules().requeueAfter(), lane.size());
        long ahead = lane.stream().filter(t -> LINE.compare(t, after) < 0).count();
        check(ahead == k, () -> after.number() + " requeued with " + ahead + " ahead, not right behind " + k + " of "
                + numbers(lane));
    }

    private void checkState(CentreQueue queue) {
        Map<String, Ticket> active = queue.activeTickets().stream().collect(Collectors.toMap(Ticket::id, t -> t));

        // counters: one ticket at most, and a ticket at a counter is called or served there
        Set<String> held = new HashSet<>();
        for (CounterState c : queue.counters()) {
            if (c.currentTicket() == null) {
                continue;
            }
            check(c.open(), () -> "a closed counter holds a ticket: " + c);
            check(held.add(c.currentTicket()), () -> "two counters hold " + c.currentTicket());
            Ticket t = active.get(c.currentTicket());
            check(t != null && t.state().isAtCounter() && c.id().equals(t.counter()),
                    () -> c.id() + " holds " + c.currentTicket() + " which is " + t);
        }
        for (Ticket t : active.values()) {
            check(t.state().isActive(), () -> "an inactive ticket is listed as active: " + t);
            if (t.state().isAtCounter()) {
                check(held.contains(t.id()), () -> t.number() + " is " + t.state() + " at " + t.counter()
                        + " but the counter does not hold it");
                assertNotNull(t.calledAt(), t::toString);
            } else if (t.state() == TicketState.PARKED) {
                check(!held.contains(t.id()) && parkedBooks.containsKey(t.id())
                                && parkedBooks.get(t.id()).counter().equals(t.counter()),
                        () -> "a parked ticket is held by a counter or unknown to the books: " + t);
            } else {
                assertNull(t.counter(), t::toString);
            }
            Ticket first = issued.get(t.id());
            check(first != null, () -> "an active ticket was never issued: " + t);
            check(first.ordinal() == t.ordinal() && first.number().equals(t.number())
                            && first.serviceDay().equals(t.serviceDay()) && first.priority() == t.priority()
                            && first.channel() == t.channel() && first.originalArrival().equals(t.originalArrival()),
                    () -> "a ticket's identity or original arrival changed: " + first + " → " + t);
            check(!finished.contains(t.id()), () -> "a finished ticket is active again: " + t);
        }
        // no ticket lost: every issued ticket is active or finished
        check(active.size() + finished.size() == issued.size(), () -> "tickets lost: issued " + issued.size()
                + ", active " + active.size() + ", finished " + finished.size());

        // the waiting lines are exactly the waiting tickets, in line order
        for (String service : TestCentre.SERVICES) {
            List<Ticket> expected = new ArrayList<>(active.values().stream()
                    .filter(t -> t.state() == TicketState.WAITING && !reserved(t) && t.service().equals(service))
                    .toList());
            expected.sort(LINE);
            List<Ticket> line = queue.waiting().inOrder(service).toList();
            check(expected.equals(line), () -> "the waiting line of " + service + " is " + numbers(line)
                    + " but should be " + numbers(expected));
            assertEquals(expected.size(), queue.waiting().count(service));
            assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected.get(0)),
                    queue.waiting().head(service));
        }
        Set<String> reservedIds = active.values().stream().filter(InvariantChecker::reserved).map(Ticket::id)
                .collect(Collectors.toSet());
        Set<String> reservations = queue.reservedTickets().stream().map(Ticket::id).collect(Collectors.toSet());
        check(reservedIds.equals(reservations), () -> "reserved tickets " + reservations + " should be "
                + reservedIds);
        assertEquals(lastCallSeq, queue.lastCallSeq());
        // the engine's parked tickets are exactly the model's, each with its reason and counter
        check(queue.parked().stream().map(p -> p.ticketId()).collect(Collectors.toSet()).equals(parkedBooks.keySet()),
                () -> "parked " + queue.parked() + " but the books say " + parkedBooks.keySet());
        queue.parked().forEach(p -> check(p.reason().equals(parkedBooks.get(p.ticketId()).reason())
                && p.since().equals(parkedBooks.get(p.ticketId()).at()), () -> "parking books differ: " + p));
    }

    int issuedCount() {
        return issued.size();
    }

    int finishedCount() {
        return finished.size();
    }

    private static List<String> numbers(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::number).toList();
    }

    private void check(boolean ok, Supplier<String> message) {
        if (!ok) {
            fail("step " + step + ": " + message.get());
        }
    }
}
