package vn.onedesk.gateway.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.ServiceStarted;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;

/**
 * Follows a centre's tickets numbered on the days of a period through its stored events, read in the order they
 * happened, and counts each step on the report's {@link Lines}. Every report reads tickets through this one
 * class, so that a wait, a service time or a no-show means the same in the daily report and in every other.
 *
 * <p>A ticket goes through one or more <em>legs</em>: its issue opens a leg in the service chosen at the kiosk,
 * and each transfer ends the current leg and opens one in the new service. A leg ends served (completed),
 * no-show or transferred out, or is still open (unfinished). The wait of a ticket is counted once, at its first
 * call: from issue to the first call that is not a recall, for the service it was issued for and the counter
 * (and officer) that called it. Recalls do not change it; time spent queueing again after a transfer is not a
 * wait (the citizen already reached a counter). Service time runs from START to COMPLETE, or from the leg's
 * call when the terminal skipped START, and is counted for the service, counter and officer that completed it.
 *
 * <p>Only tickets still in the hall are remembered: a ticket served or absent is forgotten (nothing counts
 * after its end), so reading three months of events holds the open tickets, not all of them.
 */
final class TicketLegs {
    private final CentreDefinition centre;
    private final LocalDate from;
    private final LocalDate to;
    private final Lines lines;
    /** In issue order, so that the end's count of unfinished tickets comes out the same at every read. */
    private final Map<String, Ticket> open = new LinkedHashMap<>();
    private final Set<LocalDate> summarised = new HashSet<>();

    /** A ticket of the period as the events tell it, with its current leg. */
    private static final class Ticket {
        final LocalDate day;
        final Instant issuedAt;
        final String issuedFor;
        boolean everCalled;
        String service;
        String counter;
        Instant calledAt;
        Instant startedAt;

        Ticket(LocalDate day, Instant issuedAt, String service) {
            this.day = day;
            this.issuedAt = issuedAt;
            this.issuedFor = service;
            this.service = service;
        }
    }

    /** Counts the tickets numbered from {@code from} to {@code to}, both included, in the centre's local days. */
    TicketLegs(CentreDefinition centre, LocalDate from, LocalDate to, Lines lines) {
        this.centre = centre;
        this.from = from;
        this.to = to;
        this.lines = lines;
    }

    /**
     * The next event of the centre. Events of tickets numbered on other days, and counter events, are passed
     * over, so the caller may read more than the period's own.
     */
    void read(Event event) {
        if (event instanceof TicketIssued issued) {
            LocalDate day = issued.ticket().serviceDay();
            if (inPeriod(day) && !summarised.contains(day)) {
                Ticket t = new Ticket(day, issued.at(), issued.ticket().service());
                open.put(issued.ticketId(), t);
                lines.queue(day, t.service, Step.of(Step.Kind.ISSUED));
            }
            return;
        }
        Ticket t = event.ticketId() == null ? null : open.get(event.ticketId());
        if (t == null) {
            return;
        }
        if (event instanceof TicketCalled called) {
            if (called.recall()) {
                lines.counter(t.day, t.service, called.counter(), called.officer(), Step.of(Step.Kind.RECALLED));
                return;
            }
            if (called.resumed()) {
                // a parked ticket called back: the same leg goes on at this counter; not a new call, not a wait
                t.counter = called.counter();
                t.calledAt = called.at();
                t.startedAt = null;
                return;
            }
            t.counter = called.counter();
            t.calledAt = called.at();
            t.startedAt = null;
            lines.counter(t.day, t.service, t.counter, called.officer(), Step.of(Step.Kind.CALLED));
            if (!t.everCalled) {
                t.everCalled = true;
                Duration wait = Duration.between(t.issuedAt, called.at());
                boolean over = target(t.issuedFor).map(target -> wait.compareTo(target) > 0).orElse(false);
                lines.counter(t.day, t.issuedFor, t.counter, called.officer(), Step.waited(wait, over));
            }
        } else if (event instanceof ServiceStarted started) {
            t.startedAt = started.at();
        } else if (event instanceof ServiceCompleted completed) {
            Instant since = t.startedAt != null ? t.startedAt : t.calledAt;
            Duration serviceTime = since == null ? null : Duration.between(since, completed.at());
            lines.counter(t.day, t.service, completed.counter(), completed.officer(), Step.served(serviceTime));
            open.remove(completed.ticketId());
        } else if (event instanceof TicketNoShow noShow) {
            lines.counter(t.day, t.service, noShow.counter(), noShow.officer(), Step.of(Step.Kind.NO_SHOW));
            open.remove(noShow.ticketId());
        } else if (event instanceof TicketTransferred transferred) {
            lines.counter(t.day, t.service, transferred.counter(), transferred.officer(), Step.of(Step.Kind.TRANSFERRED_OUT));
            t.service = transferred.toService();
            t.counter = null;
            t.calledAt = null;
            t.startedAt = null;
            lines.queue(t.day, t.service, Step.of(Step.Kind.TRANSFERRED_IN));
        }
    }

    /**
     * Days whose figures come from their summary ({@link #replay}), not from events: their tickets' events, some of
     * which may still be stored, are passed over. Call before the first event.
     */
    void summarised(Set<LocalDate> days) {
        summarised.addAll(days);
    }

    /**
     * Counts a kept group of steps of a summarised day on the lines, as its events once were. A wait is judged
     * against its service's target as the definition has it now, as a report from the events would.
     */
    void replay(LocalDate day, DaySummaries.Group group) {
        if (!inPeriod(day)) {
            return;
        }
        Step.Kind kind = group.kind();
        if (kind == Step.Kind.WAITED) {
            for (long nanos : group.durations()) {
                Duration wait = Duration.ofNanos(nanos);
                boolean over = target(group.service()).map(target -> wait.compareTo(target) > 0).orElse(false);
                lines.counter(day, group.service(), group.counter(), group.officer(), Step.waited(wait, over));
            }
        } else if (kind == Step.Kind.SERVED) {
            for (long nanos : group.durations()) {
                lines.counter(day, group.service(), group.counter(), group.officer(),
                        Step.served(Duration.ofNanos(nanos)));
            }
            for (int i = group.durations().length; i < group.count(); i++) {
                lines.counter(day, group.service(), group.counter(), group.officer(), Step.served(null));
            }
        } else {
            Step step = Step.of(kind);
            for (int i = 0; i < group.count(); i++) {
                if (kind.queue) {
                    lines.queue(day, group.service(), step);
                } else {
                    lines.counter(day, group.service(), group.counter(), group.officer(), step);
                }
            }
        }
    }

    private boolean inPeriod(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** After the last event: every ticket still in the hall is an unfinished leg of its current service. */
    void end() {
        for (Ticket t : open.values()) {
            lines.queue(t.day, t.service, Step.of(Step.Kind.UNFINISHED));
        }
        open.clear();
    }

    /** A service the definition no longer has has no target: its waits are never over it. */
    private Optional<Duration> target(String service) {
        return centre.service(service).map(ServiceField::targetWait);
    }
}
