package vn.onedesk.gateway.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
            if (!day.isBefore(from) && !day.isAfter(to)) {
                Ticket t = new Ticket(day, issued.at(), issued.ticket().service());
                open.put(issued.ticketId(), t);
                lines.queue(day, t.service, x -> x.issued++);
            }
            return;
        }
        Ticket t = event.ticketId() == null ? null : open.get(event.ticketId());
        if (t == null) {
            return;
        }
        if (event instanceof TicketCalled called) {
            if (called.recall()) {
                lines.counter(t.day, t.service, called.counter(), called.officer(), x -> x.recalls++);
                return;
            }
            t.counter = called.counter();
            t.calledAt = called.at();
            t.startedAt = null;
            lines.counter(t.day, t.service, t.counter, called.officer(), x -> x.calls++);
            if (!t.everCalled) {
                t.everCalled = true;
                Duration wait = Duration.between(t.issuedAt, called.at());
                boolean over = target(t.issuedFor).map(target -> wait.compareTo(target) > 0).orElse(false);
                lines.counter(t.day, t.issuedFor, t.counter, called.officer(), x -> x.waited(wait, over));
            }
        } else if (event instanceof ServiceStarted started) {
            t.startedAt = started.at();
        } else if (event instanceof ServiceCompleted completed) {
            Instant since = t.startedAt != null ? t.startedAt : t.calledAt;
            Duration serviceTime = since == null ? null : Duration.between(since, completed.at());
            lines.counter(t.day, t.service, completed.counter(), completed.officer(), x -> x.served(serviceTime));
            open.remove(completed.ticketId());
        } else if (event instanceof TicketNoShow noShow) {
            lines.counter(t.day, t.service, noShow.counter(), noShow.officer(), x -> x.noShows++);
            open.remove(noShow.ticketId());
        } else if (event instanceof TicketTransferred transferred) {
            lines.counter(t.day, t.service, transferred.counter(), transferred.officer(), x -> x.transferredOut++);
            t.service = transferred.toService();
            t.counter = null;
            t.calledAt = null;
            t.startedAt = null;
            lines.queue(t.day, t.service, x -> x.transferredIn++);
        }
    }

    /** After the last event: every ticket still in the hall is an unfinished leg of its current service. */
    void end() {
        for (Ticket t : open.values()) {
            lines.queue(t.day, t.service, x -> x.unfinished++);
        }
        open.clear();
    }

    /** A service the definition no longer has has no target: its waits are never over it. */
    private Optional<Duration> target(String service) {
        return centre.service(service).map(ServiceField::targetWait);
    }
}
