package vn.onedesk.gateway.support;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.OneDeskGateway;
import vn.onedesk.gateway.cluster.ClusterNode;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;

/**
 * One gateway node of a cluster, started in this JVM: a clustered Vert.x on real Hazelcast (loopback, its own port),
 * against a shared real PostgreSQL database, with the demo's configuration and any centres added to it.
 */
public final class GatewayNode implements AutoCloseable {
    private final ClusterNode node;
    private final OneDeskGateway gateway;

    private GatewayNode(ClusterNode node, OneDeskGateway gateway) {
        this.node = node;
        this.gateway = gateway;
    }

    /** Free loopback ports for the Hazelcast members of a test cluster. */
    public static List<Integer> freePorts(int n) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return ports;
    }

    /**
     * Starts a node on Hazelcast port {@code port}, the members being {@code ports} on loopback.
     *
     * @param centres the configured centres from the demo's (its centre alone by default)
     */
    public static GatewayNode start(String databaseUrl, int port, List<Integer> ports,
                                    UnaryOperator<List<CentreDefinition>> centres) {
        Map<String, String> env = new HashMap<>(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, databaseUrl)));
        env.put("ONEDESK_CLUSTER", "on");
        env.put("ONEDESK_CLUSTER_PORT", String.valueOf(port));
        env.put("ONEDESK_CLUSTER_PUBLIC_HOST", "127.0.0.1");
        env.put("ONEDESK_CLUSTER_MEMBERS", String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
        GatewayConfig config = ConfigLoader.load(env);
        config = config.withCentres(centres.apply(config.centres()), config.devices());
        GatewayMonitoring monitoring = GatewayMonitoring.create();
        ClusterNode node = await(ClusterNode.join(monitoring, config));
        try {
            return new GatewayNode(node, await(OneDeskGateway.start(node.vertx(), config, Clock.systemUTC(),
                    monitoring, Optional.of(node.membership()))));
        } catch (AssertionError e) {
            await(node.vertx().close());
            throw e;
        }
    }

    /** Copies of the demo's centre under other ids, after it. */
    public static UnaryOperator<List<CentreDefinition>> withCopies(String... ids) {
        return centres -> {
            List<CentreDefinition> all = new ArrayList<>(centres);
            CentreDefinition c = centres.get(0);
            for (String id : ids) {
                all.add(new CentreDefinition(id, c.name() + " " + id, c.timezone(), c.sessions(), c.services(),
                        c.counters(), c.ticketsOnlyInSessions(), c.showOfficerName(), c.rules()));
            }
            return all;
        };
    }

    public OneDeskGateway gateway() {
        return gateway;
    }

    public String id() {
        return node.membership().self();
    }

    public Set<String> members() {
        return node.membership().members();
    }

    public Set<String> owned() {
        return gateway.ownedCentres();
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + gateway.mqttPort();
    }

    public int httpPort() {
        return gateway.httpPort();
    }

    /** Leaves as a node being stopped does: its centres are given back first. */
    @Override
    public void close() {
        try {
            await(gateway.stop());
        } finally {
            await(node.vertx().close());
        }
    }

    /** Waits up to 20 s for the condition, polling every 100 ms. */
    public static void eventually(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
