package vn.onedesk.gateway.config;

import java.util.List;
import java.util.Optional;

/**
 * Cluster mode: several gateway nodes share a province's centres over Vert.x's clustered event bus (Hazelcast
 * cluster manager), with one external PostgreSQL as the durable truth. Off, the gateway runs alone as it always has.
 *
 * @param enabled      {@code ONEDESK_CLUSTER=on}
 * @param members      the nodes' Hazelcast addresses ({@code host} or {@code host:port}) for TCP/IP discovery; this
 *                     node may be among them. Empty when Kubernetes discovers the members.
 * @param port         this node's Hazelcast port, where the members talk to each other
 * @param publicHost   the host the other nodes reach this node's event bus at; empty = this node's own host
 * @param eventBusPort this node's event-bus port; 0 = a free port
 * @param kubernetes   discovery through Hazelcast's Kubernetes plugin: the headless service and its namespace
 */
public record ClusterSettings(boolean enabled, List<String> members, int port, Optional<String> publicHost,
                              int eventBusPort, Optional<KubernetesDiscovery> kubernetes) {
    /** Hazelcast's own default port. */
    public static final int DEFAULT_PORT = 5701;
    public static final ClusterSettings OFF = new ClusterSettings(false, List.of(), DEFAULT_PORT, Optional.empty(), 0,
            Optional.empty());

    public ClusterSettings {
        members = List.copyOf(members);
        publicHost = publicHost == null ? Optional.empty() : publicHost;
        kubernetes = kubernetes == null ? Optional.empty() : kubernetes;
    }

    /** The headless service whose endpoints are the cluster's members, and its namespace. */
    public record KubernetesDiscovery(String serviceName, String namespace) {
    }
}
