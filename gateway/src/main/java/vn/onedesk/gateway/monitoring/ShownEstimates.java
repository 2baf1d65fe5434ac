package vn.onedesk.gateway.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import vn.onedesk.gateway.ticketing.TicketReplyObserver;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * The wait each waiting ticket was shown at issue, as rendered in the very reply its kiosk received
 * (so the error measured is the error of what the citizen saw), kept until the ticket's first call.
 * In memory only: tickets issued before a restart are not judged.
 */
public final class ShownEstimates implements TicketReplyObserver {
    private final Map<String, Map<String, Duration>> byCentre = new ConcurrentHashMap<>();

    @Override
    public void replied(String centre, TicketView ticket) {
        if (ticket.estimatedWait() != null) {
            // A retried request gets its stored reply again: the first reply is what was shown.
            tickets(centre).putIfAbsent(ticket.id(), Duration.ofSeconds(ticket.estimatedWait().seconds()));
        }
    }

    /** The wait shown for this ticket, forgotten as it is taken: only the first call is judged. */
    public Optional<Duration> take(String centre, String ticketId) {
        return Optional.ofNullable(tickets(centre).remove(ticketId));
    }

    /**
     * Forgets tickets no longer in the queue (a reply replayed after its ticket was called). Asks the queue about
     * each kept ticket rather than taking a set of every active one: on the centre's writer at each scrape, that
     * copy was 0.34 of the 0.59 ms a scrape left there (demo centre, 5,000 waiting over 10 services, a throwaway
     * loop of 200 warmed scrapes).
     */
    public void retain(String centre, Predicate<String> active) {
        tickets(centre).keySet().removeIf(active.negate());
    }

    int size(String centre) {
        return tickets(centre).size();
    }

    private Map<String, Duration> tickets(String centre) {
        return byCentre.computeIfAbsent(centre, c -> new ConcurrentHashMap<>());
    }
}
