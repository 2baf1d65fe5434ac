package vn.onedesk.gateway.cluster;

import java.util.Set;

/** The gateway nodes of the cluster as this node sees them now (Hazelcast's membership in production). */
public interface ClusterMembership {
    /** This node's id, as the others see it among the members. */
    String self();

    /** Every member now, this node included. */
    Set<String> members();

    /** Called (on any thread) when a node joins or leaves. */
    void onChange(Runnable listener);
}
