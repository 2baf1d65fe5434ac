package vn.onedesk.gateway.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * Which node a centre belongs to: rendezvous (highest random weight) hashing. Every node computes the same answer from
 * the same member list, with no coordination; a node joining takes about 1/n of the centres from the others and a
 * node leaving spreads only its own, so ownership moves as little as it can.
 */
public final class Rendezvous {
    private Rendezvous() {
    }

    public static Optional<String> owner(String centre, Collection<String> members) {
        String best = null;
        long bestWeight = 0;
        for (String member : members) {
            long weight = weight(centre, member);
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
                    || (weight == bestWeight && member.compareTo(best) < 0)) {
                best = member;
                bestWeight = weight;
            }
        }
        return Optional.ofNullable(best);
    }

    /** FNV-1a over "centre\0member", then a murmur finaliser so that similar names spread over the whole range. */
    static long weight(String centre, String member) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (centre + '\0' + member).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb34fe1a85ec3L;
        h ^= h >>> 33;
        return h;
    }
}
