package vn.onedesk.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * OneDesk's routing policy: legal priority first, booked appointments on time, nobody starved, and
 * counters that help across skills when another line is clearly more urgent than their own.
 *
 * <p>Definitions. A ticket's <em>wait</em> is {@code now − originalArrival} (kept across transfers).
 * Its <em>urgency</em> is wait ÷ its service's target wait. A ticket is <em>due</em> when it
 * {@linkplain Ticket#keptAppointment() kept an appointment} (an APPOINTMENT ticket with a booked time
 * that checked in no later than 15 min after it) and {@code now ≥ appointmentAt − 5 min}.
 *
 * <p><b>1. Within one service</b> the waiting line has three lanes: the <em>priority lane</em> (legal
 * priority groups, by original arrival), the <em>appointment lane</em> (due tickets, earliest booking
 * first) and the <em>ordinary lane</em> (everyone else: walk-ins, remote tickets, appointments not yet
 * due or checked in too late, by original arrival, then issue order). The service's candidate is:
 * <ul>
 *   <li>the head of the priority lane, P, if there is one, unless the anti-starvation rule applies;</li>
 *   <li>otherwise N: the head of the appointment lane if a ticket is due, else the head of the ordinary lane.</li>
 * </ul>
 * <b>Anti-starvation rule:</b> N goes before P when N has waited at least {@value #STARVATION_FACTOR}×
 * the service's target longer than P, that is, when N checked in that much earlier than P. Put the
 * other way: a priority citizen overtakes the ordinary citizens who came less than twice the target
 * before him (at a 20 min target, everybody who came in the last 40 min), which in any ordinary hour
 * is everybody. In a flood of priority citizens an ordinary citizen is overtaken only by those who
 * came within that window after him, a finite number, so nobody waits unboundedly; and as the rule
 * compares check-in times only, the priority lane cannot be starved by it either. (A rule on wait
 * ratios alone, "N has waited k× as long as P", fails exactly in a flood: P's wait grows too, and
 * with priority arrivals over k× capacity N is never called.)
 * A due appointment goes before every ordinary-lane ticket (booked slots are a promise; how many there
 * are is bounded by the booking calendar). An early appointment holder also keeps his place in the
 * ordinary lane, and is called by whichever comes first.
 *
 * <p><b>2. Across the counter's skills.</b> Each skill gives at most one candidate. Candidates that
 * jump a line (priority, due appointment, or starved ordinary) form the first class, plain ordinary
 * candidates the second; the counter takes from the first class if it has any. Within the class:
 * <ul>
 *   <li>the best primary candidate is the one with the highest urgency (ties: queue order), likewise the
 *       best secondary candidate;</li>
 *   <li>the counter calls the best primary candidate, unless the best secondary candidate's urgency is
 *       over {@value #SECONDARY_RATIO}× the primary's <em>and</em> at least {@value #SECONDARY_FLOOR}
 *       (half its target); with no primary candidate it calls the best secondary one (a counter does not
 *       sit idle while it may serve someone).</li>
 * </ul>
 * This is what lets an idle or lightly loaded postal counter absorb an overflowing shared queue (BHTN),
 * and an agency counter help where the law allows, without abandoning its own line.
 *
 * <p>Every decision says why in words. Only the heads of the lanes are read (three O(log n) look-ups
 * per skill), so a call costs the same with 5 or 5,000 citizens waiting. Deterministic: time is passed in.
 */
public final class BalancedRouting implements RoutingPolicy, TicketPicker {
    public static final String NAME = "balanced";
    /**
     * The head of the priority lane goes before the ordinary candidate unless the ordinary candidate checked
     * in at least this many times the service's target wait before it.
     */
    public static final double STARVATION_FACTOR = 2.0;
    /** An appointment ticket is due this long before its booked time. */
    public static final Duration APPOINTMENT_DUE_BEFORE = Duration.ofMinutes(5);
    /** A secondary candidate goes first only with an urgency over this many times the primary's... */
    public static final double SECONDARY_RATIO = 1.5;
    /** ...and an urgency of at least this (share of its target already waited). */
    public static final double SECONDARY_FLOOR = 0.5;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** Why a service's candidate is at the front of its line. */
    enum Kind {
        PRIORITY, APPOINTMENT, STARVED, ORDINARY;

        boolean jumps() {
            return this != ORDINARY;
        }
    }

    /** A service's candidate for the counter, with what the decision and its reason need. */
    record Candidate(Ticket ticket, Kind kind, double urgency, boolean primary, Ticket overtaken) {
    }

    /** The decision: the chosen candidate, and the best primary one it was preferred to, if any. */
    record Choice(Candidate chosen, Candidate bestPrimary) {
    }

    private volatile Targets targets;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                 Instant now) {
        Choice choice = decide(targets(centre), counter, waiting, now);
        return choice == null ? Optional.empty() : Optional.of(choice.chosen().ticket());
    }

    @Override
    public Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                            Instant now) {
        Targets t = targets(centre);
        Choice choice = decide(t, counter, waiting, now);
        return choice == null ? Optional.empty()
                : Optional.of(new RoutingDecision(choice.chosen().ticket(), reason(t, centre, counter, choice, now)));
    }

    private Targets targets(CentreDefinition centre) {
        Targets t = Targets.of(targets, centre);
        targets = t;
        return t;
    }

    Choice decide(Targets targets, CounterDefinition counter, WaitingTickets waiting, Instant now) {
        Candidate bestPrimary = null;
        Candidate bestSecondary = null;
        for (String service : counter.primary()) {
            bestPrimary = better(candidate(targets, service, true, waiting, now), bestPrimary);
        }
        for (String service : counter.secondary()) {
            bestSecondary = better(candidate(targets, service, false, waiting, now), bestSecondary);
        }
        if (bestPrimary == null) {
            return bestSecondary == null ? null : new Choice(bestSecondary, null);
        }
        if (bestSecondary == null) {
            return new Choice(bestPrimary, null);
        }
        if (bestPrimary.kind().jumps() != bestSecondary.kind().jumps()) {
            // the first class goes first, whichever tier it is in
            return new Choice(bestPrimary.kind().jumps() ? bestPrimary : bestSecondary, bestPrimary);
        }
        boolean secondaryClearlyMoreUrgent = bestSecondary.urgency() > SECONDARY_RATIO * bestPrimary.urgency()
                && bestSecondary.urgency() >= SECONDARY_FLOOR;
        return new Choice(secondaryClearlyMoreUrgent ? bestSecondary : bestPrimary, bestPrimary);
    }

    /** The better of two candidates of the same tier: the first class first, then urgency, then queue order. */
    private static Candidate better(Candidate a, Candidate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.kind().jumps() != b.kind().jumps()) {
            return a.kind().jumps() ? a : b;
        }
        int byUrgency = Double.compare(a.urgency(), b.urgency());
        if (byUrgency != 0) {
            return byUrgency > 0 ? a : b;
        }
        return Ticket.QUEUE_ORDER.compare(a.ticket(), b.ticket()) <= 0 ? a : b;
    }

    /** The one ticket this service offers the counter now (rule 1), or null when its line is empty. */
    private static Candidate candidate(Targets targets, String service, boolean primary, WaitingTickets waiting,
                                       Instant now) {
        Ticket head = waiting.head(service).orElse(null);
        if (head == null) {
            return null;
        }
        double target = targets.seconds(service);
        Ticket priority = head.priority().isPriority() ? head : null;
        Ticket appointment = waiting.firstAppointment(service).filter(t -> isDue(t, now)).orElse(null);
        Ticket ordinary = appointment != null ? appointment
                : priority == null ? head : waiting.headOrdinary(service).orElse(null);
        Kind ordinaryKind = appointment != null ? Kind.APPOINTMENT : Kind.ORDINARY;
        if (priority == null) {
            return new Candidate(ordinary, ordinaryKind, Targets.waitedSeconds(ordinary, now) / target, primary, null);
        }
        if (ordinary != null && cameEarlierBy(ordinary, priority) >= STARVATION_FACTOR * target) {
            return new Candidate(ordinary, Kind.STARVED, Targets.waitedSeconds(ordinary, now) / target, primary,
                    priority);
        }
        return new Candidate(priority, Kind.PRIORITY, Targets.waitedSeconds(priority, now) / target, primary, null);
    }

    /**
     * How many seconds before the other ticket this one checked in; for a ticket a REQUEUE put back in line, from the
     * place it was given, since it missed its call and waits where the rule put it, not where it first came.
     */
    private static long cameEarlierBy(Ticket ticket, Ticket other) {
        return other.place().getEpochSecond() - ticket.place().getEpochSecond();
    }

    /** Whether an appointment-lane ticket's booked time is close enough to call it before walk-ins. */
    static boolean isDue(Ticket ticket, Instant now) {
        return ticket.keptAppointment() && !now.isBefore(ticket.appointmentAt().minus(APPOINTMENT_DUE_BEFORE));
    }

    private static String reason(Targets targets, CentreDefinition centre, CounterDefinition counter, Choice choice,
                                 Instant now) {
        Candidate c = choice.chosen();
        Ticket t = c.ticket();
        String why = switch (c.kind()) {
            case PRIORITY -> "priority group " + t.priority();
            case APPOINTMENT -> "appointment at " + CLOCK.format(t.appointmentAt().atZone(centre.timezone()))
                    + ", due before walk-ins";
            case STARVED -> "not starved: came " + cameEarlierBy(t, c.overtaken()) / 60 + " min before priority "
                    + c.overtaken().number() + ", over " + fmt(STARVATION_FACTOR) + "× target";
            case ORDINARY -> "longest waiting";
        };
        String reason = targets.reason(counter, t, c.primary() ? "primary skill" : "secondary skill", why, now);
        if (c.primary()) {
            return reason;
        }
        Candidate p = choice.bestPrimary();
        if (p == null) {
            return reason + " (nothing waiting for its primary skills)";
        }
        if (c.kind().jumps() && !p.kind().jumps()) {
            return reason + " (" + c.kind().name().toLowerCase(Locale.ROOT)
                    + " goes before ordinary tickets of its primary skills)";
        }
        return reason + " (urgency " + fmt(c.urgency()) + " vs primary " + fmt(p.urgency()) + ")";
    }

    /** Two decimals at most, without trailing zeros: 1.55, 0.4, 2. */
    static String fmt(double value) {
        long hundredths = Math.round(value * 100);
        String whole = Long.toString(hundredths / 100);
        long cents = Math.abs(hundredths % 100);
        if (cents == 0) {
            return whole;
        }
        return whole + "." + (cents % 10 == 0 ? Long.toString(cents / 10) : (cents < 10 ? "0" : "") + cents);
    }
}
