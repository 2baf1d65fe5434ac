package vn.onedesk.gateway.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.gateway.devices.Device;

/**
 * Builds the {@link GatewayConfig}: the centre file named by {@code ONEDESK_CONFIG} (or the built-in
 * demo centre), its optional {@code gateway} section, then environment overrides. Every problem is
 * collected and reported at once in a {@link ConfigException}.
 */
public final class ConfigLoader {
    public static final String DEMO_RESOURCE = "/demo-centre.json";
    public static final String SCHEMA = "onedesk-config/1";

    public static final String ENV_CONFIG = "ONEDESK_CONFIG";
    public static final String ENV_PG_URL = "ONEDESK_PG_URL";
    public static final String ENV_DATA_DIR = "ONEDESK_DATA_DIR";
    public static final String ENV_MQTT_PORT = "ONEDESK_MQTT_PORT";
    public static final String ENV_HTTP_PORT = "ONEDESK_HTTP_PORT";
    public static final String ENV_HOST = "ONEDESK_HOST";
    public static final String ENV_ROUTING_POLICY = "ONEDESK_ROUTING_POLICY";
    public static final String ENV_WAIT_ESTIMATOR = "ONEDESK_WAIT_ESTIMATOR";
    public static final String ENV_DEMO_TRAFFIC = "ONEDESK_DEMO_TRAFFIC";
    public static final String ENV_DEMO_SPEED = "ONEDESK_DEMO_SPEED";
    public static final String ENV_METRICS_TOKEN = "ONEDESK_METRICS_TOKEN";
    public static final String ENV_ALLOWED_ORIGINS = "ONEDESK_ALLOWED_ORIGINS";
    public static final String ENV_PASSWORD_CHECK_THREADS = "ONEDESK_PASSWORD_CHECK_THREADS";
    public static final String ENV_PASSWORD_CHECK_QUEUE = "ONEDESK_PASSWORD_CHECK_QUEUE";
    public static final String ENV_RETENTION = "ONEDESK_RETENTION";
    public static final String ENV_RETENTION_EVENT_DAYS = "ONEDESK_RETENTION_EVENT_DAYS";
    public static final String ENV_RETENTION_TICKET_DAYS = "ONEDESK_RETENTION_TICKET_DAYS";
    public static final String ENV_RETENTION_REQUEST_DAYS = "ONEDESK_RETENTION_REQUEST_DAYS";
    public static final String ENV_RETENTION_AUDIT_DAYS = "ONEDESK_RETENTION_AUDIT_DAYS";
    public static final String ENV_RETENTION_PURGE_AT = "ONEDESK_RETENTION_PURGE_AT";
    public static final String ENV_DATABASE_TIMEOUT = "ONEDESK_DATABASE_TIMEOUT";
    public static final String ENV_PG_MIGRATE_URL = "ONEDESK_PG_MIGRATE_URL";
    public static final String ENV_TLS_CERT = "ONEDESK_TLS_CERT";
    public static final String ENV_TLS_KEY = "ONEDESK_TLS_KEY";
    public static final String ENV_TLS_CLIENT_CA = "ONEDESK_TLS_CLIENT_CA";
    public static final String ENV_TLS_CLIENT_CERT_ROLES = "ONEDESK_TLS_CLIENT_CERT_ROLES";
    public static final String ENV_MQTTS_PORT = "ONEDESK_MQTTS_PORT";
    public static final String ENV_ALLOW_PLAINTEXT = "ONEDESK_ALLOW_PLAINTEXT";
    public static final String ENV_HTTP_HEADER_TIMEOUT = "ONEDESK_HTTP_HEADER_TIMEOUT";
    public static final String ENV_HTTP_IDLE_TIMEOUT = "ONEDESK_HTTP_IDLE_TIMEOUT";
    public static final String ENV_HTTP_REQUEST_TIMEOUT = "ONEDESK_HTTP_REQUEST_TIMEOUT";
    public static final String ENV_MQTT_CONNECT_TIMEOUT = "ONEDESK_MQTT_CONNECT_TIMEOUT";
    public static final String ENV_HTTP_MAX_CONNECTIONS = "ONEDESK_HTTP_MAX_CONNECTIONS";
    public static final String ENV_HTTP_MAX_CONNECTIONS_PER_ADDRESS = "ONEDESK_HTTP_MAX_CONNECTIONS_PER_ADDRESS";
    public static final String ENV_MQTT_MAX_CONNECTIONS = "ONEDESK_MQTT_MAX_CONNECTIONS";
    public static final String ENV_MQTT_MAX_CONNECTIONS_PER_ADDRESS = "ONEDESK_MQTT_MAX_CONNECTIONS_PER_ADDRESS";
    public static final String ENV_SSE_MAX_STREAMS = "ONEDESK_SSE_MAX_STREAMS";
    public static final String ENV_SSE_MAX_STREAMS_PER_ADDRESS = "ONEDESK_SSE_MAX_STREAMS_PER_ADDRESS";
    public static final String ENV_RESERVED_FILES = "ONEDESK_RESERVED_FILES";
    public static final String ENV_MQTT_PROXY_PROTOCOL = "ONEDESK_MQTT_PROXY_PROTOCOL";

    private ConfigLoader() {
    }

    public static GatewayConfig load(Map<String, String> env) {
        return load(env, true);
    }

    /**
     * A file to import ({@code config import FILE}): only its centres, devices and staff are used, so its gateway
     * settings are neither required nor checked (TLS off, its files unread).
     */
    public static GatewayConfig loadToImport(Map<String, String> env) {
        return load(env, false);
    }

    private static GatewayConfig load(Map<String, String> env, boolean toStart) {
        List<String> problems = new ArrayList<>();
        String file = blankToNull(env.get(ENV_CONFIG));
        boolean demo = file == null;
        JsonObject root = demo ? readDemo() : readFile(file, problems);
        if (root == null) {
            throw new ConfigException(problems);
        }
        if (!SCHEMA.equals(root.getValue("schema"))) {
            problems.add("schema: must be \"" + SCHEMA + "\"");
        }
        JsonObject gateway = root.getValue("gateway") instanceof JsonObject g ? g : new JsonObject();

        String host = setting(env, ENV_HOST, gateway, "host", "0.0.0.0");
        int mqttPort = port(problems, env, ENV_MQTT_PORT, gateway, "mqttPort", 1883);
        int httpPort = port(problems, env, ENV_HTTP_PORT, gateway, "httpPort", 8080);
        Path dataDir = Path.of(setting(env, ENV_DATA_DIR, gateway, "dataDir", "./data")).toAbsolutePath().normalize();
        Optional<String> pgUrl = Optional.ofNullable(blankToNull(setting(env, ENV_PG_URL, gateway, "pgUrl", null)));
        pgUrl.ifPresent(url -> {
            if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
                problems.add(ENV_PG_URL + ": must be a URL like postgresql://user:password@host:5432/onedesk, got '"
                        + redact(url) + "'");
            }
        });
        String routing = setting(env, ENV_ROUTING_POLICY, gateway, "routingPolicy", RoutingPolicies.defaultName());
        if (RoutingPolicies.byName(routing).isEmpty()) {
            problems.add(ENV_ROUTING_POLICY + " (or gateway.routingPolicy): '" + routing + "' is not one of "
                    + RoutingPolicies.names());
        }
        String estimator = setting(env, ENV_WAIT_ESTIMATOR, gateway, "waitEstimator", WaitEstimators.defaultName());
        if (WaitEstimators.byName(estimator).isEmpty()) {
            problems.add(ENV_WAIT_ESTIMATOR + " (or gateway.waitEstimator): '" + estimator + "' is not one of "
                    + WaitEstimators.names());
        }
        DemoTrafficSettings traffic = demoTraffic(env, demo, problems);
        Optional<MetricsToken> metricsToken = metricsToken(env, gateway, problems);
        List<String> allowedOrigins = allowedOrigins(env, gateway, problems);
        PasswordCheckSettings passwordChecks = passwordChecks(env, gateway, problems);
        RetentionSettings retention = RetentionSettingsReader.read(env, gateway, problems);
        DatabaseSettings database = databaseSettings(env, gateway, problems);
        ConnectionLimits limits = ConnectionLimitsReader.read(env, gateway, problems);
        ClusterSettings cluster = ClusterSettingsReader.read(env, gateway, pgUrl, problems);
        WebhookSettings webhooks = WebhookSettingsReader.read(env, gateway, problems);
        RemoteTicketSettings remoteTickets = RemoteTicketSettings.read(env, gateway, problems);
        if (mqttPort != 0 && mqttPort == httpPort) {
            problems.add("MQTT and HTTP cannot share port " + mqttPort);
        }
        TlsSettings tls = toStart ? TlsSettingsReader.read(env, gateway, demo, mqttPort, httpPort, problems)
                : TlsSettings.OFF;

        CentreConfigReader reader = new CentreConfigReader(problems, demo);
        List<CentreDefinition> centres = reader.centres(root.getJsonArray("centres"));
        List<Device> devices = reader.devices(root.getJsonArray("devices"), centres);
        checkUniqueCentres(centres, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String source = demo ? "built-in demo centre" : Path.of(file).toAbsolutePath().toString();
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routing,
                estimator, traffic, metricsToken, allowedOrigins, passwordChecks, retention, database, tls, limits,
                cluster, webhooks, remoteTickets);
    }

    /**
     * The password-check pool: {@code gateway.passwordCheckThreads} (default half the cores, at least 1) and
     * {@code gateway.passwordCheckQueue} (default {@value PasswordCheckSettings#DEFAULT_QUEUE}), or their variables.
     */
    private static PasswordCheckSettings passwordChecks(Map<String, String> env, JsonObject gateway,
                                                        List<String> problems) {
        int threads = count(problems, env, ENV_PASSWORD_CHECK_THREADS, gateway, "passwordCheckThreads",
                PasswordCheckSettings.defaultThreads(), 1, PasswordCheckSettings.MAX_THREADS);
        int queue = count(problems, env, ENV_PASSWORD_CHECK_QUEUE, gateway, "passwordCheckQueue",
                PasswordCheckSettings.DEFAULT_QUEUE, 0, PasswordCheckSettings.MAX_QUEUE);
        return new PasswordCheckSettings(threads, queue);
    }

    private static int count(List<String> problems, Map<String, String> env, String envName, JsonObject gateway,
                             String key, int fallback, int min, int max) {
        String raw = setting(env, envName, gateway, key, String.valueOf(fallback));
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName + " (or gateway." + key + "): must be a whole number from " + min + " to " + max
                + ", got '" + raw + "'");
        return fallback;
    }

    /**
     * {@code ONEDESK_DATABASE_TIMEOUT} / {@code gateway.databaseTimeout}: milliseconds, a whole number from 100 to
     * 60000 (default 2000). {@code ONEDESK_PG_MIGRATE_URL} / {@code gateway.pgMigrateUrl}: the schema owner's URL.
     */
    private static DatabaseSettings databaseSettings(Map<String, String> env, JsonObject gateway, List<String> problems) {
        String raw = setting(env, ENV_DATABASE_TIMEOUT, gateway, "databaseTimeout",
                String.valueOf(DatabaseSettings.DEFAULT_TIMEOUT.toMillis())).trim();
        java.time.Duration timeout = DatabaseSettings.DEFAULT_TIMEOUT;
        try {
            long ms = Long.parseLong(raw);
            if (ms < DatabaseSettings.MIN_TIMEOUT.toMillis() || ms > DatabaseSettings.MAX_TIMEOUT.toMillis()) {
                throw new NumberFormatException();
            }
            timeout = java.time.Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            problems.add(ENV_DATABASE_TIMEOUT + " (or gateway.databaseTimeout): must be a number of milliseconds from "
                    + DatabaseSettings.MIN_TIMEOUT.toMillis() + " to " + DatabaseSettings.MAX_TIMEOUT.toMillis()
                    + ", got '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
        }
        Optional<String> migrateUrl = Optional.ofNullable(blankToNull(setting(env, ENV_PG_MIGRATE_URL, gateway,
                "pgMigrateUrl", null)));
        migrateUrl.ifPresent(url -> {
            if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
                problems.add(ENV_PG_MIGRATE_URL + " (or gateway.pgMigrateUrl): must be a URL like"
                        + " postgresql://owner:password@host:5432/onedesk, got '" + redact(url) + "'");
            }
        });
        return new DatabaseSettings(timeout, migrateUrl);
    }

    /**
     * The other origins whose pages may open /mqtt: from the variable, separated by commas or spaces, or the file's
     * {@code gateway.allowedOrigins}, a list of strings (or one such string). Each is a host name or address, or an
     * origin {@code http(s)://host[:port]} with nothing after it.
     */
    private static List<String> allowedOrigins(Map<String, String> env, JsonObject gateway, List<String> problems) {
        String where = ENV_ALLOWED_ORIGINS + " (or gateway.allowedOrigins)";
        List<String> raw = new ArrayList<>();
        String fromEnv = blankToNull(env.get(ENV_ALLOWED_ORIGINS));
        Object fromFile = gateway.getValue("allowedOrigins");
        if (fromEnv != null) {
            raw.addAll(List.of(fromEnv.trim().split("[,\\s]+")));
        } else if (fromFile instanceof io.vertx.core.json.JsonArray list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    raw.add(s.trim());
                } else {
                    problems.add(where + ": must hold strings, got " + o);
                }
            }
        } else if (fromFile instanceof String s && !s.isBlank()) {
            raw.addAll(List.of(s.trim().split("[,\\s]+")));
        } else if (fromFile != null && !(fromFile instanceof String)) {
            problems.add(where + ": must be a list of host names or origins, got " + fromFile);
        }
        List<String> origins = new ArrayList<>();
        for (String entry : raw) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.length() > 300 || !entry.matches(ORIGIN_OR_HOST)) {
                problems.add(where + ": '" + (entry.length() > 300 ? entry.substring(0, 300) + "…" : entry)
                        + "' is neither a host name (screens.centre.example) nor an origin"
                        + " (https://screens.centre.example:8443)");
                continue;
            }
            origins.add(entry.toLowerCase(Locale.ROOT));
        }
        return origins;
    }

    /** A host name, an IPv4 or bracketed IPv6 address: alone, or as an origin http(s)://host[:port]. */
    private static final String HOST = "([a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\])";
    private static final String ORIGIN_OR_HOST = "(?i)(https?://" + HOST + "(:[0-9]{1,5})?|" + HOST + ")";

    /** The bearer token of /metrics, if one is configured; a bad one is a problem that names no part of it. */
    private static Optional<MetricsToken> metricsToken(Map<String, String> env, JsonObject gateway,
                                                       List<String> problems) {
        String token = blankToNull(setting(env, ENV_METRICS_TOKEN, gateway, "metricsToken", null));
        if (token == null) {
            return Optional.empty();
        }
        String problem = MetricsToken.problem(token);
        if (problem != null) {
            problems.add(ENV_METRICS_TOKEN + " (or gateway.metricsToken): " + problem);
            return Optional.empty();
        }
        return Optional.of(MetricsToken.of(token));
    }

    /**
     * Demo traffic runs by default in demo mode only: it signs in as the demo's own devices, whose
     * plain-text passwords exist only in the built-in demo centre.
     */
    private static DemoTrafficSettings demoTraffic(Map<String, String> env, boolean demo, List<String> problems) {
        String rawSwitch = blankToNull(env.get(ENV_DEMO_TRAFFIC));
        boolean enabled = demo;
        if (rawSwitch != null) {
            switch (rawSwitch.trim().toLowerCase(Locale.ROOT)) {
                case "on" -> enabled = true;
                case "off" -> enabled = false;
                default -> problems.add(ENV_DEMO_TRAFFIC + ": must be on or off, got '" + rawSwitch + "'");
            }
        }
        if (enabled && !demo) {
            problems.add(ENV_DEMO_TRAFFIC + "=on needs the built-in demo centre (the simulation signs in as its demo"
                    + " devices kiosk-2 and counter-Q03 … counter-Q24): unset " + ENV_CONFIG + " or set "
                    + ENV_DEMO_TRAFFIC + "=off");
            enabled = false;
        }
        double speed = DemoTrafficSettings.DEFAULT_SPEED;
        String rawSpeed = blankToNull(env.get(ENV_DEMO_SPEED));
        if (rawSpeed != null) {
            double parsed = Double.NaN;
            try {
                parsed = Double.parseDouble(rawSpeed.trim().replaceFirst("[xX×]$", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (parsed >= DemoTrafficSettings.MIN_SPEED && parsed <= DemoTrafficSettings.MAX_SPEED) {
                speed = parsed;
            } else {
                problems.add(ENV_DEMO_SPEED + ": must be a number from " + plain(DemoTrafficSettings.MIN_SPEED)
                        + " to " + plain(DemoTrafficSettings.MAX_SPEED) + ", how many times faster than real time"
                        + " the simulated day runs (default " + plain(DemoTrafficSettings.DEFAULT_SPEED)
                        + "), got '" + rawSpeed + "'");
            }
        }
        return new DemoTrafficSettings(enabled, speed);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void checkUniqueCentres(List<CentreDefinition> centres, List<String> problems) {
        centres.stream().map(CentreDefinition::id)
                .filter(id -> centres.stream().filter(c -> c.id().equals(id)).count() > 1)
                .distinct()
                .forEach(id -> problems.add("centres: centre " + id + " is defined twice"));
    }

    private static JsonObject readDemo() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DEMO_RESOURCE);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEMO_RESOURCE, e);
        }
    }

    private static JsonObject readFile(String file, List<String> problems) {
        ConfigFile.Result read = ConfigFile.read(Path.of(file));
        if (read.problem() != null) {
            problems.add(ENV_CONFIG + ": " + read.problem());
        }
        return read.json();
    }

    static String setting(Map<String, String> env, String envName, JsonObject gateway, String key,
                                  String fallback) {
        String fromEnv = blankToNull(env.get(envName));
        if (fromEnv != null) {
            return fromEnv;
        }
        Object fromFile = gateway.getValue(key);
        return fromFile == null ? fallback : String.valueOf(fromFile);
    }

    static int port(List<String> problems, Map<String, String> env, String envName, JsonObject gateway,
                            String key, int fallback) {
        String raw = setting(env, envName, gateway, key, String.valueOf(fallback));
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName + " (or gateway." + key + "): must be a port number from 0 to 65535"
                + " (0 picks a free port), got '" + raw + "'");
        return fallback;
    }

    static String redact(String url) {
        return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
