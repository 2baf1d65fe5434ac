package vn.onedesk.gateway.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.gateway.persistence.WriterFence;

/**
 * The centres this node holds the lease of, at the writer epoch it took each at. The ownership loop changes it; the
 * centres' writers read it when they load (on their own contexts), hence a concurrent map.
 */
public final class HeldLeases implements WriterFence {
    private final String node;
    private final Map<String, Long> epochs = new ConcurrentHashMap<>();

    public HeldLeases(String node) {
        this.node = node;
    }

    public String node() {
        return node;
    }

    public void held(String centre, long epoch) {
        epochs.put(centre, epoch);
    }

    public void lost(String centre) {
        epochs.remove(centre);
    }

    public OptionalLong epoch(String centre) {
        Long epoch = epochs.get(centre);
        return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
    }

    /** A copy: centre to epoch. */
    public Map<String, Long> all() {
        return Map.copyOf(epochs);
    }

    @Override
    public Optional<String> refuse(String centre, long epoch, String leaseOwner) {
        Long ours = epochs.get(centre);
        if (ours == null) {
            return Optional.of("this node (" + node + ") does not hold the centre's lease");
        }
        if (ours != epoch || !node.equals(leaseOwner)) {
            return Optional.of("the centre was taken over (writer epoch " + epoch + ", lease "
                    + (leaseOwner == null ? "expired or free" : "held by " + leaseOwner) + "); this node held epoch "
                    + ours);
        }
        return Optional.empty();
    }
}
