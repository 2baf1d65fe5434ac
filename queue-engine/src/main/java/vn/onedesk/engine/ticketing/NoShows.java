package vn.onedesk.engine.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The centre's recent no-shows, by number, so that REQUEUE can put one back in line: the queue forgets finished
 * tickets, but a citizen who missed the call may come back within the centre's requeue grace.
 *
 * <p>A no-show is remembered for {@link #MEMORY} (the longest grace a centre may set), whatever the grace now is,
 * so that one whose grace has passed is told apart from a number that never was a no-show. Numbers restart each
 * service day: of two no-shows with the same number the later one is kept.
 */
public final class NoShows {
    /** How long a no-show is remembered: the longest requeue grace a centre may configure. */
    public static final Duration MEMORY = vn.onedesk.engine.centre.CounterRules.MAX_REQUEUE_GRACE;

    /** A ticket marked NO_SHOW, as it was at that moment, and when. */
    public record NoShow(Ticket ticket, Instant at) {
    }

    private final Map<String, NoShow> byNumber = new HashMap<>();

    /** Remembers a ticket marked NO_SHOW at {@code at}, and forgets those older than {@link #MEMORY}. */
    public void add(Ticket ticket, Instant at) {
        NoShow known = byNumber.get(ticket.number());
        if (known == null || !known.at().isAfter(at)) {
            byNumber.put(ticket.number(), new NoShow(ticket.finished(TicketState.NO_SHOW), at));
        }
        Instant horizon = at.minus(MEMORY);
        byNumber.values().removeIf(n -> n.at().isBefore(horizon));
    }

    /**
     * The no-show with this number, if marked within {@link #MEMORY} before {@code now}: older ones are forgotten
     * whether or not a later no-show has pruned them yet, as a queue restored from the database has them.
     */
    public Optional<NoShow> find(String number, Instant now) {
        return Optional.ofNullable(byNumber.get(number)).filter(n -> !n.at().isBefore(now.minus(MEMORY)));
    }

    /** The remembered no-show of this ticket id, if any. */
    public Optional<NoShow> byId(String ticketId) {
        return byNumber.values().stream().filter(n -> n.ticket().id().equals(ticketId)).findFirst();
    }

    /** Forgets a ticket put back in line (or otherwise active again). */
    public void remove(String ticketId) {
        byNumber.values().removeIf(n -> n.ticket().id().equals(ticketId));
    }

    /** Every remembered no-show, the earliest first: what a snapshot keeps. */
    public List<NoShow> all() {
        return byNumber.values().stream().sorted(Comparator.comparing(NoShow::at)
                .thenComparingLong(n -> n.ticket().ordinal())).toList();
    }

    public void addAll(Collection<NoShow> noShows) {
        noShows.forEach(n -> add(n.ticket(), n.at()));
    }
}
