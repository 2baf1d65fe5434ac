package vn.onedesk.engine.rating;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.engine.Command.RateService;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event.ServiceRated;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;

/**
 * The queue's memory of recent completions, for ratings: every ticket completed in the last
 * {@link #PHONE_WINDOW} (the queue itself forgets a ticket once it is finished), and which one each counter
 * completed last. It decides a {@link RateService}:
 * <ul>
 *   <li>from the counter's pad ({@link RatingSource#PAD}): only for the ticket that counter completed last, within
 *       the centre's {@code ratingWindow} after COMPLETE;</li>
 *   <li>from the citizen's phone ({@link RatingSource#PHONE}): for the ticket they hold (by its token), within
 *       {@link #PHONE_WINDOW} after COMPLETE;</li>
 *   <li>once per ticket, whichever way: the leg that completed is the one rated.</li>
 * </ul>
 * A ticket not in memory (never completed, completed elsewhere, or forgotten) is NOT_RATEABLE.
 */
public final class Completions {
    /** How long after COMPLETE a citizen may rate from their phone, and so how long completions are remembered. */
    public static final Duration PHONE_WINDOW = Duration.ofHours(24);

    /** By ticket id, in the order they completed. */
    private final LinkedHashMap<String, Completion> byTicket = new LinkedHashMap<>();
    private final Map<String, String> lastByCounter = new HashMap<>();

    /** A ticket completed: it may now be rated, and it is what its counter's pad rates. */
    public void completed(Completion completion) {
        byTicket.remove(completion.ticketId());
        byTicket.put(completion.ticketId(), completion);
        lastByCounter.put(completion.counter(), completion.ticketId());
        forgetBefore(completion.completedAt().minus(PHONE_WINDOW));
    }

    /** The ticket was rated: no second rating. */
    public void rated(String ticketId) {
        byTicket.computeIfPresent(ticketId, (id, c) -> c.asRated());
    }

    /** Rebuilds the memory from a snapshot, oldest completion first, so each counter's last is its latest. */
    public void restore(List<Completion> completions) {
        completions.stream().sorted(Comparator.comparing(Completion::completedAt)).forEach(c -> {
            byTicket.remove(c.ticketId());
            byTicket.put(c.ticketId(), c);
            lastByCounter.put(c.counter(), c.ticketId());
        });
    }

    public Optional<Completion> of(String ticketId) {
        return Optional.ofNullable(byTicket.get(ticketId));
    }

    /** What the counter completed last, if it is still remembered. */
    public Optional<Completion> lastAt(String counter) {
        return Optional.ofNullable(lastByCounter.get(counter)).map(byTicket::get);
    }

    /** Every remembered completion, oldest first: what a snapshot keeps. */
    public List<Completion> all() {
        return new ArrayList<>(byTicket.values());
    }

    /** When the counter's pad stops taking a rating for this completion. */
    public static Instant padClosesAt(Completion completion, CentreDefinition centre) {
        return completion.completedAt().plus(centre.rules().ratingWindow());
    }

    /** When the citizen's phone stops taking a rating for this completion. */
    public static Instant phoneClosesAt(Completion completion) {
        return completion.completedAt().plus(PHONE_WINDOW);
    }

    public Decision decide(RateService rate, CentreDefinition centre, Instant now) {
        Optional<Completion> found;
        if (rate.source() == RatingSource.PAD) {
            if (centre.counter(rate.counter()).isEmpty()) {
                return Decision.reject(Rejection.UNKNOWN_COUNTER, "centre " + centre.id() + " has no counter "
                        + rate.counter());
            }
            found = lastAt(rate.counter()).filter(c -> c.number().equals(rate.ticketNumber()));
            if (found.isEmpty()) {
                return Decision.reject(Rejection.NOT_RATEABLE, "counter " + rate.counter() + " did not just complete "
                        + rate.ticketNumber() + lastAt(rate.counter()).map(c -> "; its last completed ticket is "
                        + c.number()).orElse("; it has completed no ticket lately"));
            }
        } else {
            found = of(rate.ticketId());
            if (found.isEmpty()) {
                return Decision.reject(Rejection.NOT_RATEABLE, "the ticket has not completed a service in the last "
                        + PHONE_WINDOW.toHours() + " h");
            }
        }
        Completion c = found.get();
        if (c.rated()) {
            return Decision.reject(Rejection.ALREADY_RATED, c.number() + " has already been rated");
        }
        Instant closes = rate.source() == RatingSource.PAD ? padClosesAt(c, centre) : phoneClosesAt(c);
        if (now.isAfter(closes)) {
            return Decision.reject(Rejection.RATING_CLOSED, "ratings of " + c.number() + " from the "
                    + (rate.source() == RatingSource.PAD ? "counter's pad" : "phone") + " closed at " + closes);
        }
        return Decision.accept(new ServiceRated(c.ticketId(), c.counter(), c.number(), c.service(), c.officer(),
                rate.score(), rate.reasons(), rate.source(), now));
    }

    private void forgetBefore(Instant horizon) {
        Iterator<Completion> it = byTicket.values().iterator();
        while (it.hasNext()) {
            Completion c = it.next();
            if (!c.completedAt().isBefore(horizon)) {
                break;
            }
            it.remove();
            lastByCounter.remove(c.counter(), c.ticketId());
        }
    }
}
