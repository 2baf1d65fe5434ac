package vn.onedesk.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import vn.onedesk.engine.Command.ConfirmRemote;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The rules of remote tickets (channel REMOTE with a {@link RemoteHold}), which {@link CentreQueue} applies: when one
 * may be taken, how it is confirmed, and what a call does with one whose citizen was not seen.
 */
final class RemoteTickets {
    private RemoteTickets() {
    }

    /**
     * Why a remote ticket may not be issued now, if it may not: outside the centre's sessions, or while no open counter
     * serves the service (a phone must not put a citizen in a line nobody works), SERVICE_CLOSED; a centre that takes
     * none, or a holder with the centre's limit of remote tickets not yet called, REMOTE_LIMIT; a code in use,
     * INVALID_STATE (the caller draws another).
     */
    static Optional<Decision> refuseIssue(IssueTicket issue, CentreDefinition centre, ServiceStatus status,
                                          Collection<Ticket> active, Instant now) {
        if (!centre.sessions().isEmpty() && !centre.inSession(now)) {
            return Optional.of(Decision.reject(Rejection.SERVICE_CLOSED, "remote tickets are taken only within the"
                    + " centre's opening hours"));
        }
        if (status.state() != ServiceStatus.State.OPEN) {
            return Optional.of(Decision.reject(Rejection.SERVICE_CLOSED, "no open counter serves " + issue.service()
                    + " now; remote tickets are taken only while one does"));
        }
        int limit = centre.rules().remotePerPhone();
        if (limit == 0) {
            return Optional.of(Decision.reject(Rejection.REMOTE_LIMIT, "centre " + centre.id()
                    + " takes no remote tickets"));
        }
        RemoteHold hold = issue.remote();
        long held = 0;
        for (Ticket t : active) {
            if (t.remote() != null && t.remote().code().equals(hold.code())) {
                return Optional.of(Decision.reject(Rejection.INVALID_STATE, "remote code " + hold.code()
                        + " is already in use"));
            }
            if (hold.holder() != null && hold.holder().equals(t.remoteHolder())) {
                held++;
            }
        }
        if (held >= limit) {
            return Optional.of(Decision.reject(Rejection.REMOTE_LIMIT, "this phone holds " + held
                    + " remote ticket(s) not yet called at centre " + centre.id() + ", the centre's limit"));
        }
        return Optional.empty();
    }

    /** A kiosk took the code: the ticket is confirmed, once; one at a counter already needs nothing. */
    static Decision confirm(ConfirmRemote confirm, Optional<Ticket> found, Instant now) {
        if (found.isEmpty()) {
            return Decision.reject(Rejection.UNKNOWN_REMOTE_TICKET, "no remote ticket in the queue has code "
                    + confirm.code() + " (taken at another centre, mistyped, or expired)");
        }
        Ticket t = found.get();
        if (!t.awaitsConfirmation()) {
            return Decision.accept();
        }
        return Decision.accept(new Event.RemoteTicketConfirmed(t.id(), confirm.by(), now));
    }

    /**
     * What a call does with an unconfirmed remote ticket it reached: the first pass is an event, a pass within the
     * grace after it is none, and after the grace the ticket expires to NO_SHOW.
     */
    static Optional<Event> pass(Ticket ticket, Duration grace, String counter, String officer, Instant now) {
        Instant passedAt = ticket.remote().passedAt();
        if (passedAt == null) {
            return Optional.of(new Event.RemoteTicketPassed(ticket.id(), counter, officer, now));
        }
        if (now.isBefore(passedAt.plus(grace))) {
            return Optional.empty();
        }
        return Optional.of(new Event.TicketNoShow(ticket.id(), counter, officer, now, true));
    }

    /**
     * The waiting lines without the tickets one call has passed over. Until the first is passed over it answers
     * from the queue's own view (O(log n) heads); after, by scanning past the few it leaves out.
     */
    static final class Passing implements WaitingTickets {
        private final WaitingTickets lines;
        private final Set<String> skipped = new HashSet<>();
        private final java.util.Map<String, Integer> skippedPerService = new java.util.HashMap<>();

        Passing(WaitingTickets lines) {
            this.lines = lines;
        }

        void skip(Ticket ticket) {
            skipped.add(ticket.id());
            skippedPerService.merge(ticket.service(), 1, Integer::sum);
        }

        boolean isEmpty() {
            return skipped.isEmpty();
        }

        private boolean kept(Ticket t) {
            return !skipped.contains(t.id());
        }

        @Override
        public Optional<Ticket> head(String service) {
            return skipped.isEmpty() ? lines.head(service) : inOrder(service).findFirst();
        }

        @Override
        public int count(String service) {
            return lines.count(service) - skippedPerService.getOrDefault(service, 0);
        }

        @Override
        public Stream<Ticket> inOrder(String service) {
            return skipped.isEmpty() ? lines.inOrder(service) : lines.inOrder(service).filter(this::kept);
        }

        @Override
        public Optional<Ticket> headOrdinary(String service) {
            return skipped.isEmpty() ? lines.headOrdinary(service)
                    : inOrder(service).filter(t -> !t.priority().isPriority()).findFirst();
        }

        @Override
        public Optional<Ticket> firstAppointment(String service) {
            Optional<Ticket> first = lines.firstAppointment(service);
            if (first.isEmpty() || kept(first.get())) {
                return first;
            }
            return inOrder(service).filter(t -> !t.priority().isPriority() && t.keptAppointment())
                    .min(Ticket.APPOINTMENT_ORDER);
        }
    }
}
