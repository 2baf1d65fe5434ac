package vn.onedesk.gateway.config;

import static vn.onedesk.gateway.config.ConfigLoader.blankToNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.onedesk.gateway.config.ClusterSettings.KubernetesDiscovery;

/**
 * Reads {@link ClusterSettings} for {@link ConfigLoader}: each variable, else the file's {@code gateway.cluster}
 * object, else off.
 */
final class ClusterSettingsReader {
    static final String ENV_CLUSTER = "ONEDESK_CLUSTER";
    static final String ENV_MEMBERS = "ONEDESK_CLUSTER_MEMBERS";
    static final String ENV_PORT = "ONEDESK_CLUSTER_PORT";
    static final String ENV_PUBLIC_HOST = "ONEDESK_CLUSTER_PUBLIC_HOST";
    static final String ENV_EVENT_BUS_PORT = "ONEDESK_CLUSTER_EVENT_BUS_PORT";
    static final String ENV_KUBERNETES_SERVICE = "ONEDESK_CLUSTER_KUBERNETES_SERVICE";
    static final String ENV_KUBERNETES_NAMESPACE = "ONEDESK_CLUSTER_KUBERNETES_NAMESPACE";

    private static final List<String> KEYS = List.of("enabled", "members", "port", "publicHost", "eventBusPort",
            "kubernetes");
    private static final Pattern HOST = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\]");

    private ClusterSettingsReader() {
    }

    /**
     * @param pgUrl the external PostgreSQL, if any: cluster mode needs one, since every node reads and writes the same
     *              centres and an embedded PostgreSQL belongs to one process
     */
    static ClusterSettings read(Map<String, String> env, JsonObject gateway, Optional<String> pgUrl,
                                List<String> problems) {
        Object raw = gateway.getValue("cluster");
        JsonObject file = raw instanceof JsonObject o ? o : new JsonObject();
        if (raw != null && !(raw instanceof JsonObject)) {
            problems.add("gateway.cluster: must be an object such as {\"enabled\": true, \"members\":"
                    + " [\"10.0.0.11\", \"10.0.0.12\"]}, got " + raw);
        }
        for (String key : file.fieldNames()) {
            if (!KEYS.contains(key)) {
                problems.add("gateway.cluster." + key + ": not a setting; the settings are " + KEYS);
            }
        }
        boolean enabled = enabled(env, file, problems);
        if (!enabled) {
            return ClusterSettings.OFF;
        }
        List<String> members = members(env, file, problems);
        int port = port(env, ENV_PORT, file, "port", ClusterSettings.DEFAULT_PORT, 1, problems);
        int eventBusPort = port(env, ENV_EVENT_BUS_PORT, file, "eventBusPort", 0, 0, problems);
        Optional<String> publicHost = Optional.ofNullable(text(env, ENV_PUBLIC_HOST, file, "publicHost"));
        publicHost.ifPresent(h -> {
            if (!HOST.matcher(h).matches()) {
                problems.add(ENV_PUBLIC_HOST + " (or gateway.cluster.publicHost): '" + h + "' is not a host name or"
                        + " address");
            }
        });
        Optional<KubernetesDiscovery> kubernetes = kubernetes(env, file, problems);
        if (members.isEmpty() && kubernetes.isEmpty()) {
            problems.add(ENV_CLUSTER + "=on: say where the other nodes are, either " + ENV_MEMBERS
                    + "=host1,host2:5702 (or gateway.cluster.members) or " + ENV_KUBERNETES_SERVICE
                    + "=<headless service> (or gateway.cluster.kubernetes)");
        }
        if (!members.isEmpty() && kubernetes.isPresent()) {
            problems.add(ENV_CLUSTER + "=on: members and Kubernetes discovery exclude each other; give one of them");
        }
        if (pgUrl.isEmpty()) {
            problems.add(ENV_CLUSTER + "=on needs one external PostgreSQL that every node shares: set "
                    + ConfigLoader.ENV_PG_URL + " (the embedded PostgreSQL belongs to a single process and cannot"
                    + " be shared)");
        }
        return new ClusterSettings(true, members, port, publicHost, eventBusPort, kubernetes);
    }

    private static boolean enabled(Map<String, String> env, JsonObject file, List<String> problems) {
        String raw = blankToNull(env.get(ENV_CLUSTER));
        if (raw == null) {
            Object value = file.getValue("enabled");
            if (value == null || value instanceof Boolean) {
                return Boolean.TRUE.equals(value);
            }
            problems.add("gateway.cluster.enabled: must be true or false, got " + value);
            return false;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1":
                return true;
            case "off", "false", "no", "0":
                return false;
            default:
                problems.add(ENV_CLUSTER + ": must be on or off, got '" + raw + "'");
                return false;
        }
    }

    private static List<String> members(Map<String, String> env, JsonObject file, List<String> problems) {
        List<String> raw = new ArrayList<>();
        String fromEnv = blankToNull(env.get(ENV_MEMBERS));
        if (fromEnv != null) {
            for (String m : fromEnv.split(",")) {
                if (!m.isBlank()) {
                    raw.add(m.trim());
                }
            }
        } else if (file.getValue("members") instanceof JsonArray array) {
            for (Object m : array) {
                raw.add(String.valueOf(m).trim());
            }
        } else if (file.getValue("members") != null) {
            problems.add("gateway.cluster.members: must be a list such as [\"10.0.0.11\", \"10.0.0.12:5702\"]");
        }
        List<String> members = new ArrayList<>();
        for (String m : raw) {
            if (validMember(m)) {
                members.add(m);
            } else {
                problems.add(ENV_MEMBERS + " (or gateway.cluster.members): '" + m + "' is not host or host:port"
                        + " (port 1 to 65535)");
            }
        }
        return members;
    }

    private static boolean validMember(String member) {
        int colon = member.lastIndexOf(':');
        boolean bracketed = member.startsWith("[");
        String host = member;
        if (colon > 0 && (!bracketed || member.lastIndexOf(']') < colon)) {
            host = member.substring(0, colon);
            String port = member.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                return false;
            }
        }
        return HOST.matcher(host).matches();
    }

    private static Optional<KubernetesDiscovery> kubernetes(Map<String, String> env, JsonObject file,
                                                            List<String> problems) {
        JsonObject k = file.getValue("kubernetes") instanceof JsonObject o ? o : new JsonObject();
        if (file.getValue("kubernetes") != null && !(file.getValue("kubernetes") instanceof JsonObject)) {
            problems.add("gateway.cluster.kubernetes: must be an object such as {\"serviceName\": \"onedesk\","
                    + " \"namespace\": \"default\"}");
        }
        String service = blankToNull(env.get(ENV_KUBERNETES_SERVICE));
        if (service == null) {
            service = blankToNull(k.getString("serviceName"));
        }
        String namespace = blankToNull(env.get(ENV_KUBERNETES_NAMESPACE));
        if (namespace == null) {
            namespace = blankToNull(k.getString("namespace"));
        }
        if (service == null) {
            if (namespace != null) {
                problems.add(ENV_KUBERNETES_NAMESPACE + " (or gateway.cluster.kubernetes.namespace) without a"
                        + " service: set " + ENV_KUBERNETES_SERVICE + " too");
            }
            return Optional.empty();
        }
        return Optional.of(new KubernetesDiscovery(service, namespace == null ? "default" : namespace));
    }

    private static String text(Map<String, String> env, String envName, JsonObject file, String key) {
        String value = blankToNull(env.get(envName));
        if (value != null) {
            return value.trim();
        }
        Object v = file.getValue(key);
        return v == null ? null : blankToNull(String.valueOf(v).trim());
    }

    private static int port(Map<String, String> env, String envName, JsonObject file, String key, int fallback,
                            int lowest, List<String> problems) {
        String raw = text(env, envName, file, key);
        if (raw == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw);
            if (port >= lowest && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName + " (or gateway.cluster." + key + "): must be a port from " + lowest + " to 65535, got '"
                + raw + "'");
        return fallback;
    }
}
