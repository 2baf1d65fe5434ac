package vn.onedesk.monitoring;

/** Several gateway nodes (issue 16): membership, the centres this node writes, forwarded requests. */
public interface ClusterMetrics {
    /** The members this node sees, itself included; and how many centres it writes. */
    void clusterSeen(int members, int ownedCentres);

    /** This node took a centre ({@code gained}) or gave one up. */
    void ownershipChanged(boolean gained);

    /**
     * A device's message sent to the node writing its centre: answered, or not (no owner, no reply in time), and
     * how long until then.
     */
    void requestForwarded(boolean answered, long nanos);
}
