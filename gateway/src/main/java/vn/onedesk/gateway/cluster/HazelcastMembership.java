package vn.onedesk.gateway.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The membership Hazelcast keeps: node ids are the members' UUIDs, the same ids the Vert.x cluster manager uses.
 * Listens through Hazelcast's own membership listener, not {@code ClusterManager.nodeListener}: that one has a single
 * slot, which Vert.x's HA manager holds.
 */
public final class HazelcastMembership implements ClusterMembership {
    private final HazelcastClusterManager manager;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public HazelcastMembership(HazelcastClusterManager manager) {
        this.manager = manager;
        manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                listeners.forEach(Runnable::run);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                listeners.forEach(Runnable::run);
            }
        });
    }

    @Override
    public String self() {
        return manager.getNodeId();
    }

    @Override
    public Set<String> members() {
        return Set.copyOf(manager.getNodes());
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
