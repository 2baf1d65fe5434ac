package vn.onedesk.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Optional;
import vn.onedesk.gateway.config.ClusterSettings;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;

/** This gateway as one node of a cluster: a clustered Vert.x on Hazelcast, and the membership it sees. */
public final class ClusterNode {
    /** A member not heard from for this long is dropped; its centres are free once their leases expire. */
    static final int NO_HEARTBEAT_SECONDS = 5;

    private final Vertx vertx;
    private final ClusterMembership membership;

    private ClusterNode(Vertx vertx, ClusterMembership membership) {
        this.vertx = vertx;
        this.membership = membership;
    }

    /** Joins the cluster the configuration names (blocking work happens on Hazelcast's and Vert.x's threads). */
    public static Future<ClusterNode> join(GatewayMonitoring monitoring, GatewayConfig config) {
        ClusterSettings settings = config.cluster();
        Optional<String> bind = settings.publicHost().or(() -> specific(config.host()));
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings, bind));
        EventBusOptions eventBus = new EventBusOptions().setPort(settings.eventBusPort());
        bind.ifPresent(host -> eventBus.setHost(host).setClusterPublicHost(host));
        return monitoring.newClusteredVertx(manager, eventBus)
                .map(vertx -> new ClusterNode(vertx, new HazelcastMembership(manager)));
    }

    public Vertx vertx() {
        return vertx;
    }

    public ClusterMembership membership() {
        return membership;
    }

    /**
     * Hazelcast's configuration: Vert.x's own (its event-bus maps) with our discovery. TCP/IP members or the
     * Kubernetes plugin, never multicast (a province's network should not find strangers' nodes).
     */
    static Config hazelcast(ClusterSettings settings, Optional<String> bind) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName("onedesk");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false"); // the gateway's own shutdown leaves in order
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(NO_HEARTBEAT_SECONDS));
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // Hazelcast holds only the event bus's subscriptions, which every node registers again: a node leaving need
        // not wait (the default, 600 s) for its partitions to move when the others are leaving too
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
        // A node cut off (paused, a network split) forms a cluster of its own; it must find the others again within
        // seconds, not Hazelcast's default of 5 minutes, to forward its devices' requests to the centres' writers.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        bind.ifPresent(host -> config.setProperty("hazelcast.local.localAddress", host));
        config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.kubernetes().isPresent()) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-name", settings.kubernetes().get().serviceName())
                    .setProperty("namespace", settings.kubernetes().get().namespace());
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        }
        return config;
    }

    private static Optional<String> specific(String host) {
        return host == null || host.equals("0.0.0.0") || host.equals("::") ? Optional.empty() : Optional.of(host);
    }
}
