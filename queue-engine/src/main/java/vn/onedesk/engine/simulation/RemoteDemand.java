package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.RemoteHold;

/**
 * Who takes a number from the phone in a simulated day (README "Remote tickets"), drawn on top of the day's citizens
 * ({@link DemandGenerator}) from a random stream of its own: the same seed meets the same citizens with or without
 * remote tickets, so a day with them compares with the day without, citizen by citizen.
 *
 * <ul>
 *   <li>Of the citizens who would walk in without a legal priority group or a booking, {@code share} take their
 *       ticket from the phone instead, between 0 and {@code maxLead} before they reach the hall (uniformly), and
 *       confirm it at the kiosk when they arrive. A priority citizen is seen by the kiosk's staff, so takes it there.</li>
 *   <li>Besides, some remote tickets are taken by people who never come: {@code neverComeShare} of all remote tickets
 *       (a tally of extra tickets per citizen who takes one, so the citizens who do come stay the same). They are
 *       passed over and expire under the centre's confirmation rule, or still wait at closing time.</li>
 * </ul>
 * A remote ticket the centre refuses (before opening, or while no counter serves its service) is not taken: its
 * citizen walks in as they would have.
 *
 * @param share          of the citizens who could, those who take their ticket from the phone: 0 to 1
 * @param neverComeShare of all remote tickets, those whose citizen never comes: 0 to 0.9
 * @param maxLead        how long before reaching the hall a citizen takes it, at most: 0 to 4 hours
 */
public record RemoteDemand(double share, double neverComeShare, Duration maxLead) {
    static final double MAX_NEVER_COME = 0.9;
    static final Duration MAX_LEAD = Duration.ofHours(4);
    /** After the bounds: static fields initialise in order, and construction checks against them. */
    public static final RemoteDemand NONE = new RemoteDemand(0, 0, Duration.ZERO);
    /** Mixed into the day's seed: this stream never draws what the day's citizens were drawn from. */
    private static final long STREAM = 0x5EED_0017_2E30_7E1AL;

    public RemoteDemand {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of remote tickets must be from 0 to 1, not " + share);
        }
        if (!(neverComeShare >= 0 && neverComeShare <= MAX_NEVER_COME)) {
            throw new IllegalArgumentException("the share of remote tickets never confirmed must be from 0 to "
                    + MAX_NEVER_COME + ", not " + neverComeShare);
        }
        if (maxLead == null || maxLead.isNegative() || maxLead.compareTo(MAX_LEAD) > 0) {
            throw new IllegalArgumentException("the remote tickets' lead must be from 0 to " + MAX_LEAD.toHours()
                    + " hours, not " + maxLead);
        }
    }

    /**
     * One remote ticket taken in the day.
     *
     * @param visit the citizen who takes it and will confirm it when they arrive; null for one who never comes
     */
    public record Take(String ticketId, String service, Instant takenAt, String holder, String code, Visit visit) {
        public boolean comes() {
            return visit != null;
        }
    }

    /** The day's remote tickets, in the order drawn; none when {@code share} is 0. */
    public List<Take> plan(List<Visit> visits, long seed) {
        List<Take> takes = new ArrayList<>();
        if (share == 0) {
            return takes;
        }
        SplittableRandom random = new SplittableRandom(seed ^ STREAM);
        int phantoms = 0;
        for (Visit v : visits) {
            // every visit draws the same numbers, eligible or not: the choices of one citizen do not shift the others'
            boolean remote = random.nextDouble() < share;
            long leadSeconds = (long) (random.nextDouble() * maxLead.toSeconds());
            if (!remote || v.priority() != PriorityGroup.NONE || v.appointmentAt() != null) {
                continue;
            }
            Instant takenAt = v.arrival().minusSeconds(leadSeconds);
            takes.add(new Take(String.format("R%04d", v.index()), v.service(), takenAt, "phone-" + v.index(),
                    code(takes.size()), v));
            // geometric: on average neverComeShare / (1 - neverComeShare) more per citizen who comes
            while (random.nextDouble() < neverComeShare) {
                long otherLead = (long) (random.nextDouble() * maxLead.toSeconds());
                takes.add(new Take(String.format("X%04d", phantoms), v.service(), v.arrival().minusSeconds(otherLead),
                        "phone-x" + phantoms, code(takes.size()), null));
                phantoms++;
            }
        }
        return takes;
    }

    /** A distinct code per ticket of the day, in the confirmation codes' alphabet (the engine checks only uniqueness). */
    private static String code(int n) {
        String alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(alphabet.charAt(n % alphabet.length()));
            n /= alphabet.length();
        }
        return code.toString();
    }

    /** The hold the ticket carries when it is taken. */
    RemoteHold hold(Take take) {
        return RemoteHold.taken(take.holder(), take.code());
    }
}
