package vn.onedesk.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.gateway.config.ClusterSettings.KubernetesDiscovery;

/** {@code ONEDESK_CLUSTER} and the {@code gateway.cluster} section: cluster mode, validated before anything starts. */
class ClusterSettingsConfigTest {
    private static final String HASH =
            "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    private static final String PG = "postgresql://onedesk:secret@db:5432/onedesk";

    @Test
    void withoutClusterModeTheGatewayRunsAloneAsBefore() {
        assertEquals(ClusterSettings.OFF, ConfigLoader.load(Map.of()).cluster());
        assertEquals(ClusterSettings.OFF, ConfigLoader.load(Map.of("ONEDESK_CLUSTER", "off")).cluster());
    }

    @Test
    void clusterModeTakesTheMembersPortsAndPublicHostFromTheEnvironment() {
        ClusterSettings cluster = ConfigLoader.load(Map.of("ONEDESK_CLUSTER", "on", ConfigLoader.ENV_PG_URL, PG,
                "ONEDESK_CLUSTER_MEMBERS", "10.0.0.11, node-2.onedesk.local:5702,[fd00::3]:5701",
                "ONEDESK_CLUSTER_PORT", "5702", "ONEDESK_CLUSTER_PUBLIC_HOST", "10.0.0.12",
                "ONEDESK_CLUSTER_EVENT_BUS_PORT", "15701")).cluster();

        assertTrue(cluster.enabled());
        assertEquals(List.of("10.0.0.11", "node-2.onedesk.local:5702", "[fd00::3]:5701"), cluster.members());
        assertEquals(5702, cluster.port());
        assertEquals(Optional.of("10.0.0.12"), cluster.publicHost());
        assertEquals(15701, cluster.eventBusPort());
        assertEquals(Optional.empty(), cluster.kubernetes());
    }

    @Test
    void clusterModeOnTheEmbeddedDatabaseIsRefusedWithTheVariableToSet() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "ONEDESK_CLUSTER", "on", "ONEDESK_CLUSTER_MEMBERS", "10.0.0.11")));

        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("ONEDESK_PG_URL") && e.problems().get(0).contains("embedded"),
                e.problems().get(0));
    }

    @Test
    void clusterModeWithoutAWayToFindTheOtherNodesSaysWhatToGive() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "ONEDESK_CLUSTER", "on", ConfigLoader.ENV_PG_URL, PG)));

        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("ONEDESK_CLUSTER_MEMBERS")
                && e.problems().get(0).contains("ONEDESK_CLUSTER_KUBERNETES_SERVICE"), e.problems().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:0", "host:65536", "host:port", "bad_host", ":5701", "a b"})
    void aMemberThatIsNotHostOrHostAndPortIsAProblemNamingIt(String member) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "ONEDESK_CLUSTER", "on", ConfigLoader.ENV_PG_URL, PG, "ONEDESK_CLUSTER_MEMBERS", member)));

        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("ONEDESK_CLUSTER_MEMBERS")
                && p.contains("'" + member + "'")), e.problems().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "enabled"})
    void aClusterSwitchThatIsNeitherOnNorOffIsAProblem(String raw) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("ONEDESK_CLUSTER", raw)));

        assertEquals(List.of("ONEDESK_CLUSTER: must be on or off, got '" + raw + "'"), e.problems());
    }

    @Test
    void theFilesClusterSectionGivesKubernetesDiscoveryAndRejectsUnknownKeysAndMixedDiscovery(@TempDir Path dir)
            throws Exception {
        String demo = new String(ConfigLoader.class.getResourceAsStream("/demo-centre.json").readAllBytes())
                // a real configuration stores hashes only
                .replaceAll("\"password\"\\s*:\\s*\"demo\"", Matcher.quoteReplacement("\"passwordHash\": \"" + HASH + "\""));
        Path k8s = dir.resolve("k8s.json");
        Files.writeString(k8s, demo.replaceFirst("\"gateway\"\\s*:\\s*\\{", "\"gateway\": {\"cluster\": {\"enabled\":"
                + " true, \"kubernetes\": {\"serviceName\": \"onedesk-hazelcast\", \"namespace\": \"tinh-ha-nam\"}},"));
        ClusterSettings fromFile = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, k8s.toString(),
                ConfigLoader.ENV_PG_URL, PG, "ONEDESK_ALLOW_PLAINTEXT", "true")).cluster();
        assertTrue(fromFile.enabled());
        assertEquals(Optional.of(new KubernetesDiscovery("onedesk-hazelcast", "tinh-ha-nam")), fromFile.kubernetes());
        assertEquals(List.of(), fromFile.members());

        Path mixed = dir.resolve("mixed.json");
        Files.writeString(mixed, demo.replaceFirst("\"gateway\"\\s*:\\s*\\{", "\"gateway\": {\"cluster\": {\"enabled\":"
                + " true, \"members\": [\"10.0.0.11\"], \"kubernetes\": {\"serviceName\": \"onedesk\"}, \"nodes\": 3},"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                ConfigLoader.ENV_CONFIG, mixed.toString(), ConfigLoader.ENV_PG_URL, PG,
                "ONEDESK_ALLOW_PLAINTEXT", "true")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("gateway.cluster.nodes: not a setting")),
                e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("exclude each other")), e.problems().toString());
        assertFalse(e.getMessage().contains("secret"), "the database password stays out of the message");
    }
}
