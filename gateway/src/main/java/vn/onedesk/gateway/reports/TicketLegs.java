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
 * after its end), so reading three months of events holds the open tickets, not all of them; except that a ticket
 * served or absent is kept {@link #AFTER_THE_END} after its end, for what may still follow it (issue 14): a rating
 * of its completion, counted for the service, counter and officer that completed it, or its re-queue after a
 * no-show, which brings it back into the hall.
 *
 * <p>What issue 14 added is read from the stored rows ({@link #read(StoredRow)}): the rating rows, the dossiers of
 * a COMPLETE or TRANSFER, a ticket issued to collect a dossier's results, a call out of the line's order, a park
 * and a re-queue. {@link #read(Event)} reads engine events alone, which carry none of it.
 */
final class TicketLegs {
    private final CentreDefinition centre;
    private final LocalDate from;
    private final LocalDate to;
    private final Lines lines;
    /** In issue order, so that the end's count of unfinished tickets comes out the same at every read. */
    private final Map<String, Ticket> open = new LinkedHashMap<>();
    private final Set<LocalDate> summarised = new HashSet<>();
    /**
     * How long a ticket is remembered after its end, for a rating or a re-queue that may follow: a phone may rate a
     * completion within 24 h of it, a pad within minutes; a no-show is re-queued within a grace of minutes.
     */
    static final Duration AFTER_THE_END = Duration.ofHours(25);
    /** Tickets that ended served or absent, in the order they ended, for {@link #AFTER_THE_END}. */
    private final Map<String, Ended> ended = new LinkedHashMap<>();

    /** A ticket's end: the ticket, and the completion's service, counter and officer (none for a no-show). */
    private record Ended(Ticket ticket, boolean served, String service, String counter, String officer, Instant at) {
    }

    /** A ticket of the period as the events tell it, with its current leg. */
    private static final class Ticket {
        final LocalDate day;
        final Instant issuedAt;
        final String issuedFor;
        boolean everCalled;
        /** Issued to collect a dossier's results ({@code TicketIssued} payload {@code dossier}). */
        boolean collecting;
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
     * The next stored row of the centre: its engine event, and what the reports read from its payload alone. Rows
     * of tickets numbered on other days, and counter rows, are passed over, as by {@link #read(Event)}.
     */
    void read(StoredRow row) {
        forgetEndedBefore(row.at().minus(AFTER_THE_END));
        switch (row.type()) {
            case StoredRow.SERVICE_RATED -> rated(row);
            case StoredRow.TICKET_REQUEUED -> requeued(row);
            case StoredRow.TICKET_PARKED -> {
                Ticket t = openTicket(row);
                if (t != null && (row.counter() != null || t.counter != null)) {
                    lines.counter(t.day, t.service, row.counter() != null ? row.counter() : t.counter,
                            row.text("officer"), Step.of(Step.Kind.PARKED));
                }
            }
            case "TicketIssued" -> {
                row.event().ifPresent(this::read);
                Ticket t = openTicket(row);
                if (t != null && row.text("dossier") != null) {
                    t.collecting = true;
                }
            }
            case "TicketCalled" -> {
                Ticket t = openTicket(row);
                if (t != null && row.flag("outOfOrder") && row.counter() != null) {
                    lines.counter(t.day, t.service, row.counter(), row.text("officer"),
                            Step.of(Step.Kind.CALLED_OUT_OF_ORDER));
                }
                row.event().ifPresent(this::read);
            }
            case "ServiceCompleted", "TicketTransferred" -> {
                // Before the event: a completion ends the ticket, a transfer changes its service.
                Ticket t = openTicket(row);
                if (t != null && row.counter() != null) {
                    String officer = row.text("officer");
                    for (String ignored : row.texts("dossiers")) {
                        lines.counter(t.day, t.service, row.counter(), officer, Step.of(Step.Kind.DOSSIER_RECEIVED));
                        if (row.flag("returnByPost")) {
                            lines.counter(t.day, t.service, row.counter(), officer,
                                    Step.of(Step.Kind.RETURNED_BY_POST));
                        }
                    }
                    if (t.collecting && row.type().equals("ServiceCompleted")) {
                        lines.counter(t.day, t.service, row.counter(), officer, Step.of(Step.Kind.RESULT_COLLECTED));
                    }
                }
                row.event().ifPresent(this::read);
            }
            default -> row.event().ifPresent(this::read);
        }
    }

    private Ticket openTicket(StoredRow row) {
        return row.ticketId() == null ? null : open.get(row.ticketId());
    }

    /**
     * A rating of a completion this report followed, counted where the completion was: the row's counter, service and
     * officer, or the completion's where the row lacks them. One per ticket; a score outside 1..5 is passed over.
     */
    private void rated(StoredRow row) {
        Ended end = row.ticketId() == null ? null : ended.get(row.ticketId());
        Optional<Integer> score = row.integer("score");
        if (end == null || !end.served() || score.isEmpty() || score.get() < 1 || score.get() > 5) {
            return;
        }
        ended.remove(row.ticketId());
        String service = row.text("service") != null ? row.text("service") : end.service();
        String counter = row.counter() != null ? row.counter() : end.counter();
        String officer = row.text("officer") != null ? row.text("officer") : end.officer();
        lines.counter(end.ticket().day, service, counter, officer, Step.rated(score.get()));
        if ("PHONE".equals(row.text("source"))) {
            lines.counter(end.ticket().day, service, counter, officer, Step.of(Step.Kind.RATED_BY_PHONE));
        }
    }

    /** A no-show put back in the queue: it is in the hall again, in the service it left, to be called anew. */
    private void requeued(StoredRow row) {
        Ended end = row.ticketId() == null ? null : ended.get(row.ticketId());
        if (end == null || end.served()) {
            return;
        }
        ended.remove(row.ticketId());
        Ticket t = end.ticket();
        t.counter = null;
        t.calledAt = null;
        t.startedAt = null;
        open.put(row.ticketId(), t);
        if (row.counter() != null) {
            lines.counter(t.day, t.service, row.counter(), row.text("officer"), Step.of(Step.Kind.REQUEUED));
        } else {
            lines.queue(t.day, t.service, Step.of(Step.Kind.REQUEUED_AT_KIOSK));
        }
    }

    private void forgetEndedBefore(Instant limit) {
        var oldest = ended.values().iterator();
        while (oldest.hasNext() && oldest.next().at().isBefore(limit)) {
            oldest.remove();
        }
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
            ended.put(completed.ticketId(), new Ended(t, true, t.service, completed.counter(), completed.officer(),
                    completed.at()));
        } else if (event instanceof TicketNoShow noShow) {
            // A parked ticket that expired (issue 14) may name no counter: it counts where it was called and parked.
            String counter = noShow.counter() != null ? noShow.counter() : t.counter;
            lines.counter(t.day, t.service, counter, noShow.officer(), Step.of(Step.Kind.NO_SHOW));
            open.remove(noShow.ticketId());
            ended.put(noShow.ticketId(), new Ended(t, false, t.service, counter, noShow.officer(), noShow.at()));
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
        ended.clear();
    }

    /** A service the definition no longer has has no target: its waits are never over it. */
    private Optional<Duration> target(String service) {
        return centre.service(service).map(ServiceField::targetWait);
    }
}
