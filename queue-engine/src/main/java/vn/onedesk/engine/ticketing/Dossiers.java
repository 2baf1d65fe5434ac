package vn.onedesk.engine.ticketing;

import java.util.List;
import java.util.Objects;

/**
 * The dossiers (hồ sơ) an officer received in one visit, as the counter reported them at COMPLETE or TRANSFER, and
 * whether the citizen asked for the result to be returned by post (BCCI). The engine carries them from the command to
 * its event and decides nothing about them: the codes were checked by the protocol, and what they mean is the
 * one-stop software's business.
 *
 * @param codes        at least one code, in the order given
 * @param returnByPost the result goes back by post instead of the citizen coming to collect it
 */
public record Dossiers(List<String> codes, boolean returnByPost) {
    public Dossiers {
        codes = List.copyOf(Objects.requireNonNull(codes, "codes"));
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a visit with no dossier carries no Dossiers (null), not an empty one");
        }
    }

    /** The dossiers of a command: null when there are none, so that events without them stay as they were. */
    public static Dossiers of(List<String> codes, boolean returnByPost) {
        return codes == null || codes.isEmpty() ? null : new Dossiers(codes, returnByPost);
    }
}
