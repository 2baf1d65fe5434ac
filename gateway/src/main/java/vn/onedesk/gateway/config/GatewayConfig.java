package vn.onedesk.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;

/**
 * Everything the gateway needs to start, validated. Built by {@link ConfigLoader} from a file plus
 * environment overrides.
 *
 * @param demo       true when running the built-in demo centre
 * @param source     where the centres came from, for the startup log
 * @param mqttPort   plain MQTT over TCP; 0 picks a free port
 * @param httpPort   HTTP, including MQTT over WebSocket at /mqtt; 0 picks a free port
 * @param dataDir    where the embedded PostgreSQL keeps its data
 * @param pgUrl      an external PostgreSQL (postgresql://user:pass@host:port/db); empty = embedded
 * @param routingPolicy which ticket a counter calls next (a name from RoutingPolicies)
 * @param waitEstimator how waits shown to citizens are estimated (a name from WaitEstimators)
 * @param demoTraffic   whether a simulated day is played through the demo devices, and how fast
 * @param metricsToken  the bearer token /metrics requires; empty = /metrics answers loopback callers only
 * @param allowedOrigins the browser origins, besides the gateway's own, whose pages may open MQTT over WebSocket
 *                       at /mqtt: host names (any scheme and port) or origins ({@code https://host:port}), lower case
 * @param passwordChecks how many PBKDF2 checks (device and staff logins, PINs) run at once, and how many may wait
 * @param retention     how long events, tickets, requests and the audit are kept, and when the daily purge runs
 * @param database      how long the database may take to answer, and an optional owner URL for migrations
 * @param tls           TLS (MQTT over TLS, HTTPS, WSS) and whether the plain listeners run; {@link TlsSettings#OFF}
 * @param limits        timeouts and connection caps of the HTTP and MQTT listeners ({@link ConnectionLimits})
 * @param cluster       cluster mode: the other nodes and this node's cluster ports; {@link ClusterSettings#OFF}
 * @param remoteTickets the phone numbers' hash key and the per-address rate of remote tickets
 */
public record GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                            Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                            String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic,
                            Optional<MetricsToken> metricsToken, List<String> allowedOrigins,
                            PasswordCheckSettings passwordChecks, RetentionSettings retention,
                            DatabaseSettings database, TlsSettings tls,
                            ConnectionLimits limits, ClusterSettings cluster, WebhookSettings webhooks,
                            RemoteTicketSettings remoteTickets) {
    public GatewayConfig {
        remoteTickets = remoteTickets == null ? RemoteTicketSettings.defaults() : remoteTickets;
        cluster = cluster == null ? ClusterSettings.OFF : cluster;
        webhooks = webhooks == null ? WebhookSettings.DEFAULT : webhooks;
        passwordChecks = passwordChecks == null ? PasswordCheckSettings.defaults() : passwordChecks;
        retention = retention == null ? RetentionSettings.DEFAULT : retention;
        database = database == null ? DatabaseSettings.DEFAULT : database;
        tls = tls == null ? TlsSettings.OFF : tls;
        limits = limits == null ? ConnectionLimits.DEFAULTS : limits;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        centres = List.copyOf(centres);
        devices = List.copyOf(devices);
        demoTraffic = demoTraffic == null ? DemoTrafficSettings.OFF : demoTraffic;
        metricsToken = metricsToken == null ? Optional.empty() : metricsToken;
    }

    /** With the default webhook settings. */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic,
                         Optional<MetricsToken> metricsToken, List<String> allowedOrigins,
                         PasswordCheckSettings passwordChecks, RetentionSettings retention,
                         DatabaseSettings database, TlsSettings tls, ConnectionLimits limits, ClusterSettings cluster) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention, database, tls, limits, cluster,
                WebhookSettings.DEFAULT, null);
    }

    /** Without settings of remote tickets (a random phone key, the default rate). */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic,
                         Optional<MetricsToken> metricsToken, List<String> allowedOrigins,
                         PasswordCheckSettings passwordChecks, RetentionSettings retention,
                         DatabaseSettings database, TlsSettings tls, ConnectionLimits limits, ClusterSettings cluster,
                         WebhookSettings webhooks) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention, database, tls, limits, cluster,
                webhooks, null);
    }

    /** With the defaults of everything issue 13 added: password checks, retention, database, no TLS, limits. */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic,
                         Optional<MetricsToken> metricsToken, List<String> allowedOrigins) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                demoTraffic, metricsToken, allowedOrigins, PasswordCheckSettings.defaults(), RetentionSettings.DEFAULT,
                DatabaseSettings.DEFAULT, TlsSettings.OFF, ConnectionLimits.DEFAULTS, ClusterSettings.OFF);
    }

    /** Without origins of its own for /mqtt. */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic,
                         Optional<MetricsToken> metricsToken) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                demoTraffic, metricsToken, List.of());
    }

    /** Without a metrics token. */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator, DemoTrafficSettings demoTraffic) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                demoTraffic, Optional.empty());
    }

    /** Without demo traffic. */
    public GatewayConfig(boolean demo, String source, String host, int mqttPort, int httpPort, Path dataDir,
                         Optional<String> pgUrl, List<CentreDefinition> centres, List<Device> devices,
                         String routingPolicy, String waitEstimator) {
        this(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy, waitEstimator,
                DemoTrafficSettings.OFF);
    }

    public GatewayConfig withPorts(int mqtt, int http) {
        return new GatewayConfig(demo, source, host, mqtt, http, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withHost(String bind) {
        return new GatewayConfig(demo, source, bind, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withDemoTraffic(DemoTrafficSettings traffic) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, traffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    /** The centres and devices the database holds, which the gateway runs (the file's are only imported). */
    public GatewayConfig withCentres(List<CentreDefinition> running, List<Device> allowed) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, running, allowed, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withDatabase(Path dir, Optional<String> url) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dir, url, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withPasswordChecks(PasswordCheckSettings checks) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, checks, retention,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withRetention(RetentionSettings kept) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, kept,
                database, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withDatabaseSettings(DatabaseSettings settings) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                settings, tls, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withTls(TlsSettings settings) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, settings, limits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withLimits(ConnectionLimits connectionLimits) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, connectionLimits, cluster, webhooks, remoteTickets);
    }

    public GatewayConfig withCluster(ClusterSettings settings) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, settings, webhooks, remoteTickets);
    }

    public GatewayConfig withWebhooks(WebhookSettings settings) {
        return new GatewayConfig(demo, source, host, mqttPort, httpPort, dataDir, pgUrl, centres, devices, routingPolicy,
                waitEstimator, demoTraffic, metricsToken, allowedOrigins, passwordChecks, retention,
                database, tls, limits, cluster, settings, remoteTickets);
    }
}
