package vn.onedesk.gateway.persistence;

import java.util.Optional;

/**
 * Whether this gateway may load a centre as its writer. Alone, it always may. In a cluster a node may only while it
 * holds the centre's lease at the writer epoch it loads: a node that was paused or cut off past its lease finds, at
 * its next commit, that the epoch moved (the commit writes nothing), reloads, and is refused here.
 */
@FunctionalInterface
public interface WriterFence {
    /** One gateway on its own: every centre it runs is its own, and the epoch stays 0. */
    WriterFence ALONE = (centre, epoch, leaseOwner) -> Optional.empty();

    /**
     * Why this node may not write the centre, or empty if it may.
     *
     * @param epoch      the centre's writer epoch in the database
     * @param leaseOwner the node holding the centre's lease at that epoch, null if no node holds it
     */
    Optional<String> refuse(String centre, long epoch, String leaseOwner);
}
