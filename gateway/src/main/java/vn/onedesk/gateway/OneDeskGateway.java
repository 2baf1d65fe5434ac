package vn.onedesk.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.gateway.admin.AdminApi;
import vn.onedesk.gateway.admin.Administration;
import vn.onedesk.gateway.admin.CentreLauncher;
import vn.onedesk.gateway.admin.ConfigSeed;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.counters.CounterDesk;
import vn.onedesk.gateway.demo.DemoTraffic;
import vn.onedesk.gateway.demo.SimulatedCounterClosing;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.displays.DisplayFeed;
import vn.onedesk.gateway.displays.LiveFeeds;
import vn.onedesk.gateway.http.HealthCheck;
import vn.onedesk.gateway.http.HttpApi;
import vn.onedesk.gateway.http.LiveApi;
import vn.onedesk.gateway.http.MetricsAccess;
import vn.onedesk.gateway.http.PublicApiDocument;
import vn.onedesk.gateway.http.WebPages;
import vn.onedesk.gateway.http.WebSocketOrigins;
import vn.onedesk.gateway.monitoring.CentreSeries;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;
import vn.onedesk.gateway.monitoring.MetricsEndpoint;
import vn.onedesk.gateway.monitoring.QueueGauges;
import vn.onedesk.gateway.monitoring.QueueMetricsListener;
import vn.onedesk.gateway.monitoring.ShownEstimates;
import vn.onedesk.gateway.mqtt.BridgedPeers;
import vn.onedesk.gateway.mqtt.DeviceLogins;
import vn.onedesk.gateway.mqtt.InboundRouter;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.MqttListener;
import vn.onedesk.gateway.mqtt.WebSocketBridge;
import vn.onedesk.gateway.net.ConnectionCaps;
import vn.onedesk.gateway.net.ConnectionGate;
import vn.onedesk.gateway.persistence.ConnectionTuning;
import vn.onedesk.gateway.persistence.Migrations;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import vn.onedesk.gateway.cluster.CentreHttpForwarding;
import vn.onedesk.gateway.cluster.ClusterAdministration;
import vn.onedesk.gateway.cluster.CentreOwnership;
import vn.onedesk.gateway.cluster.CentreRunner;
import vn.onedesk.gateway.cluster.ClusterMembership;
import vn.onedesk.gateway.cluster.ClusterPublications;
import vn.onedesk.gateway.cluster.RemoteCentres;
import vn.onedesk.gateway.cluster.ClusterNode;
import vn.onedesk.gateway.cluster.HeldLeases;
import vn.onedesk.gateway.persistence.CentreLeases;
import vn.onedesk.gateway.persistence.WriterFence;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.CentreVerticle;
import vn.onedesk.gateway.queue.CommitListener;
import vn.onedesk.gateway.queue.CommitListeners;
import vn.onedesk.gateway.rating.PhoneRatingApi;
import vn.onedesk.gateway.remote.RemoteTicketApi;
import vn.onedesk.gateway.rating.RatingDesk;
import vn.onedesk.gateway.rating.RatingPrompts;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.dossiers.DossierApi;
import vn.onedesk.gateway.dossiers.DossierHistory;
import vn.onedesk.gateway.reports.DailyReportApi;
import vn.onedesk.gateway.reports.ProvinceReportApi;
import vn.onedesk.gateway.reports.RangeReportApi;
import vn.onedesk.gateway.retention.RetentionJob;
import vn.onedesk.gateway.webhooks.SubscriberPresence;
import vn.onedesk.gateway.webhooks.WebhookDispatcher;
import vn.onedesk.gateway.webhooks.WebhookOutbox;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.gateway.staff.Staff;
import vn.onedesk.gateway.tls.ServerTls;
import vn.onedesk.gateway.ticketing.TicketDesk;
import vn.onedesk.monitoring.ConnectionListener;
import vn.onedesk.monitoring.OneDeskMetrics;
import vn.onedesk.protocol.Topic;

/**
 * The whole gateway, wired: database (embedded or external), migrations, one single-writer runtime
 * per centre, the MQTT listener and the HTTP API. {@link #start} succeeds once everything is ready.
 */
public final class OneDeskGateway {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OneDeskGateway.class.getName());
    /** Connections of the gateway's pool to PostgreSQL, all opened at start (ConnectionTuning.openAll). */
    private static final int POOL_SIZE = 8;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final Optional<EmbeddedDatabase> embedded;
    private final Pool pool;
    private final Centres centres;
    private final MqttListener mqtt;
    private final HttpApi http;
    private final int mqttPort;
    private final int mqttsPort;
    private final int httpPort;
    private final Optional<ServerTls> tls;
    private final String databaseDescription;
    private final Staff staff;
    private final MetricsAccess metricsAccess;
    private final Administration administration;
    private volatile DemoTraffic demoTraffic;
    /** The daily purge; set once the gateway listens. */
    private volatile RetentionJob retention;
    /** Webhook deliveries and whether anyone subscribes; set once the gateway listens. */
    private volatile WebhookDispatcher webhooks;
    private volatile SubscriberPresence subscribers;
    /** In a cluster, which centres this node runs; set once the gateway listens. */
    private volatile Optional<CentreOwnership> ownership = Optional.empty();

    private OneDeskGateway(Vertx vertx, GatewayConfig config, Optional<EmbeddedDatabase> embedded, Pool pool,
                           Centres centres, MqttListener mqtt, HttpApi http, int mqttPort, int mqttsPort,
                           int httpPort, Optional<ServerTls> tls, String databaseDescription, Staff staff,
                           MetricsAccess metricsAccess, Administration administration) {
        this.mqttsPort = mqttsPort;
        this.tls = tls;
        this.administration = administration;
        this.vertx = vertx;
        this.config = config;
        this.embedded = embedded;
        this.pool = pool;
        this.centres = centres;
        this.mqtt = mqtt;
        this.http = http;
        this.mqttPort = mqttPort;
        this.httpPort = httpPort;
        this.databaseDescription = databaseDescription;
        this.staff = staff;
        this.metricsAccess = metricsAccess;
    }

    /**
     * Starts with OneDesk's own metrics only; Vert.x internals and JVM metrics need a Vert.x built by
     * {@link GatewayMonitoring#newVertx()} and {@link #start(Vertx, GatewayConfig, Clock, GatewayMonitoring)}.
     */
    public static Future<OneDeskGateway> start(Vertx vertx, GatewayConfig config, Clock clock) {
        return start(vertx, config, clock, GatewayMonitoring.create());
    }

    public static Future<OneDeskGateway> start(Vertx vertx, GatewayConfig config, Clock clock,
                                               GatewayMonitoring monitoring) {
        return start(vertx, config, clock, monitoring, Optional.empty());
    }

    /**
     * Starts as one node of a cluster when {@code membership} is given (the Vert.x must be the clustered one it came
     * with, {@link ClusterNode#join}): this node then runs only the centres it owns, and takes or gives up centres as
     * nodes come and go ({@link CentreOwnership}).
     */
    public static Future<OneDeskGateway> start(Vertx vertx, GatewayConfig config, Clock clock,
                                               GatewayMonitoring monitoring, Optional<ClusterMembership> membership) {
        if (config.cluster().enabled() && membership.isEmpty()) {
            return Future.failedFuture(new StartupFailure(
                    "ONEDESK_CLUSTER=on needs a clustered Vert.x (ClusterNode.join)",
                    1, null));
        }
        Migrations.bundled(); // reads the migration files here, on the caller's thread, not on an event loop
        Optional<DemoTraffic.Plan> traffic = DemoTraffic.plan(config); // reads the demo scenario, likewise
        Optional<ServerTls> tls;
        try {
            // reads the certificate files, likewise; against the real time, whatever clock the queue runs on
            tls = config.tls().enabled() ? Optional.of(ServerTls.load(config.tls(), Clock.systemUTC()))
                    : Optional.empty();
        } catch (RuntimeException e) {
            // the files changed since the configuration was checked: a configuration problem, exit code 2
            return Future.failedFuture(new StartupFailure("TLS: " + e.getMessage(), 2, e));
        }
        return openDatabase(vertx, config).compose(db -> {
            // A connection not handed out within the database timeout is a database that does not answer: the
            // request gets UNAVAILABLE rather than waiting the pool's default 30 s.
            Pool pool = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(POOL_SIZE).setName("onedesk")
                            .setConnectionTimeout((int) config.database().timeout().toMillis())
                            .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .with(tcp(config))
                    .connectingTo(db.options())
                    .withConnectHandler(ConnectionTuning::prepareCommits)
                    .using(vertx)
                    .build();
            return migrate(vertx, db)
                    .recover(e -> Future.failedFuture(DatabaseFailures.explain(e, db.description())))
                    .compose(applied -> DatabaseRoles.warnIfSuperuser(pool, db.description()))
                    .recover(e -> Future.failedFuture(DatabaseFailures.explain(e, db.description())))
                    .compose(applied -> ConfigSeed.run(vertx, pool, config, clock.instant()))
                    .compose(seeded -> ConnectionTuning.openAll(pool, POOL_SIZE).map(seeded))
                    // the phone numbers' hash key (bookings, remote tickets): configured, or kept in the data folder
                    // beside the embedded database, which is known usable by now
                    .compose(seeded -> vertx.executeBlocking(() -> vn.onedesk.gateway.booking.PhoneKeys.resolve(
                                    config.remoteTickets().phoneKey(), config.pgUrl().isEmpty() ? config.dataDir() : null),
                                    false)
                            .recover(e -> Future.failedFuture(new StartupFailure("the phone numbers' hash key cannot"
                                    + " be read or made in " + config.dataDir() + ": " + e.getMessage(),
                                    StartupFailure.DATA_DIR_UNUSABLE, e)))
                            .compose(phoneKey -> wire(vertx, running(config, seeded), seeded.enabledDevices(),
                                    disabledIds(seeded), seeded.removed(), clock, db, pool, monitoring, tls,
                                    membership, phoneKey)))
                    // the demo's simulated hall belongs to one node's centres: not in a cluster
                    .compose(gateway -> gateway.startDemoTraffic(membership.isEmpty() ? traffic : Optional.empty(),
                            clock))
                    // the caller learns of the failure once the database is closed, so an exit leaves no server behind
                    .recover(e -> pool.close()
                            .eventually(() -> db.embedded().isEmpty() ? Future.succeededFuture()
                                    : vertx.executeBlocking(() -> {
                                        db.embedded().get().close();
                                        return null;
                                    }, false))
                            .transform(closed -> Future.failedFuture(e)));
        });
    }

    /**
     * The configuration with the centres the database holds: the file's centres first, in the file's order (the
     * demo's first centre is its hall), then those made through the administration. Its devices stay the file's:
     * the demo's pages and traffic sign in with their published passwords, which the database keeps only hashed;
     * who may connect is what the database holds.
     */
    private static GatewayConfig running(GatewayConfig config, ConfigSeed.Seeded seeded) {
        List<String> order = config.centres().stream().map(CentreDefinition::id).toList();
        List<CentreDefinition> centres = new ArrayList<>(seeded.centres());
        centres.sort(java.util.Comparator.comparingInt((CentreDefinition c) -> order.contains(c.id())
                ? order.indexOf(c.id()) : order.size()).thenComparing(CentreDefinition::id));
        return config.withCentres(centres, config.devices());
    }

    /**
     * @param options   the pool's: the application role (embedded), or the URL's role
     * @param migration the schema owner's, for migrations only: the embedded owner role, ONEDESK_PG_MIGRATE_URL's,
     *                  or the pool's when that is not set
     */
    private record Database(PgConnectOptions options, PgConnectOptions migration, Optional<EmbeddedDatabase> embedded,
                            String description) {
    }

    private static Future<Database> openDatabase(Vertx vertx, GatewayConfig config) {
        if (config.pgUrl().isPresent()) {
            PgConnectOptions options = PgConnectOptions.fromUri(config.pgUrl().get());
            configure(options);
            PgConnectOptions migration = config.database().migrateUrl().map(PgConnectOptions::fromUri)
                    .orElseGet(() -> new PgConnectOptions(options));
            configure(migration);
            return Future.succeededFuture(new Database(options, migration, Optional.empty(), "PostgreSQL at "
                    + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase()));
        }
        return vertx.executeBlocking(() -> EmbeddedDatabase.start(config.dataDir().resolve("pg")), false)
                .recover(e -> Future.failedFuture(DatabaseFailures.embedded(e, config.dataDir())))
                .map(db -> {
                    PgConnectOptions options = embeddedOptions(db, db.application());
                    PgConnectOptions migration = embeddedOptions(db, db.owner());
                    return new Database(options, migration, Optional.of(db), db.describe());
                });
    }

    private static PgConnectOptions embeddedOptions(EmbeddedDatabase db, EmbeddedDatabase.Login login) {
        PgConnectOptions options = new PgConnectOptions().setHost(db.host()).setPort(db.port())
                .setDatabase(db.database()).setUser(login.user()).setPassword(login.password());
        configure(options);
        return options;
    }

    private static void configure(PgConnectOptions options) {
        vn.onedesk.gateway.persistence.ConnectionTuning.apply(options);
    }

    /** The devices that exist but may not connect: their logins are refused as "disabled" in the log and metric. */
    private static List<String> disabledIds(ConfigSeed.Seeded seeded) {
        return seeded.devices().stream().filter(d -> !d.enabled()).map(d -> d.device().id()).toList();
    }

    /**
     * TCP keep-alive: a database host that vanished (power, cable) breaks the connection, after the system's
     * keep-alive time, instead of leaving a commit waiting for ever; a frozen server on a live host still answers
     * the probes, and the writer's own timeout answers the devices meanwhile. A TCP connect is bounded by the
     * database timeout too.
     */
    private static io.vertx.core.net.NetClientOptions tcp(GatewayConfig config) {
        return new io.vertx.core.net.NetClientOptions().setTcpKeepAlive(true)
                .setConnectTimeout((int) config.database().timeout().toMillis());
    }

    /** Migrations on a short-lived connection of the schema owner's, closed before the gateway serves anyone. */
    private static Future<java.util.Set<Integer>> migrate(Vertx vertx, Database db) {
        Pool owner = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("onedesk-migrations"))
                .connectingTo(db.migration()).using(vertx).build();
        return Migrations.apply(owner).eventually(owner::close);
    }

    private static Future<OneDeskGateway> wire(Vertx vertx, GatewayConfig config, List<Device> allowed,
                                               List<String> disabled, List<CentreDefinition> removedCentres,
                                               Clock clock, Database db, Pool pool, GatewayMonitoring monitoring,
                                               Optional<ServerTls> tls, Optional<ClusterMembership> membership,
                                               vn.onedesk.gateway.config.PhoneKey phoneKey) {
        OneDeskMetrics metrics = monitoring.metrics();
        // Whether anyone subscribes to webhooks is known before the first batch: the writers add outbox rows then.
        SubscriberPresence subscribers = new SubscriberPresence(pool);
        WebhookOutbox outbox = new WebhookOutbox(subscribers);
        vn.onedesk.gateway.booking.BookingStore bookings = new vn.onedesk.gateway.booking.BookingStore(pool,
                outbox.bookings());
        config.centres().forEach(centre -> metrics.centre(CentreSeries.of(centre)));
        allowed.forEach(d -> metrics.deviceKnown(d.centre(), d.role().name(), d.id()));
        MqttBroker broker = new MqttBroker(metrics);
        AccessPolicy access = new AccessPolicy();
        DeviceRegistry devices = new DeviceRegistry(allowed);
        disabled.forEach(devices::disable);
        // One bounded pool for every slow password check (devices, staff, PINs): guessing cannot take more.
        PasswordChecks passwordChecks = new PasswordChecks(vertx, config.passwordChecks().threads(),
                config.passwordChecks().queue());
        PresenceTracker presence = new PresenceTracker(broker, clock, metrics);
        DisplayFeed displays = new DisplayFeed(broker, clock);
        displays.onTurnNear(outbox.turnNear(pool, clock));
        ShownEstimates shown = new ShownEstimates();
        // A centre changed through the administration may have new services or operators: their series exist at once.
        CommitListener series = new CommitListener() {
            @Override
            public void loaded(vn.onedesk.engine.CentreQueue queue) {
            }

            @Override
            public void reconfigured(vn.onedesk.engine.CentreQueue queue) {
                metrics.centre(CentreSeries.of(queue.definition()));
            }

            @Override
            public void committed(vn.onedesk.engine.CentreQueue queue, List<vn.onedesk.engine.Event> events,
                                  Map<String, vn.onedesk.engine.ticketing.Ticket> tickets) {
            }
        };
        CommitListener listener = CommitListeners.of(displays, new QueueMetricsListener(metrics, metrics, shown), series,
                new RatingPrompts(vertx, broker, clock));
        Staff staff = new Staff(vertx, pool, metrics, clock, passwordChecks);
        // Hashing the demo's or the first administrator's password takes a while: it runs beside the centres'
        // loading, and HTTP listens only once it is done.
        Future<Void> staffReady = staff.seed(config);

        List<CentreVerticle> verticles = new ArrayList<>();
        Map<String, String> deployments = new java.util.concurrent.ConcurrentHashMap<>();
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, pool, config.webhooks(), metrics, clock,
                subscribers);
        Future<Void> deployed = subscribers.watch(vertx);
        // In a cluster, a node runs the centres it owns only: CentreOwnership starts them once the node is wired.
        for (CentreDefinition centre : membership.isPresent() ? List.<CentreDefinition>of() : config.centres()) {
            CentreVerticle verticle = new CentreVerticle(centre,
                    RoutingPolicies.byName(config.routingPolicy()).orElseThrow(),
                    WaitEstimators.byName(config.waitEstimator()).orElseThrow(), pool, listener, clock,
                    config.database().timeout()).announcing(outbox);
            verticles.add(verticle);
            deployed = deployed.compose(v -> vertx.deployVerticle(verticle).map(id -> {
                deployments.put(centre.id(), id);
                return null;
            }));
        }
        return deployed.compose(v -> {
            List<CentreRuntime> runtimes = verticles.stream().map(CentreVerticle::runtime).toList();
            Centres centres = new Centres(runtimes);
            // Reports ask for the centres at each request: centres will be created while the gateway runs.
            Supplier<List<CentreDefinition>> definitions = () -> centres.all().stream()
                    .map(CentreRuntime::definition).toList();
            // A removed centre's history stays: its own reports still answer (the province report lists running ones).
            List<CentreDefinition> removed = new java.util.concurrent.CopyOnWriteArrayList<>(removedCentres);
            Supplier<List<CentreDefinition>> reportable = () -> {
                List<CentreDefinition> all = new ArrayList<>(definitions.get());
                removed.stream().filter(r -> all.stream().noneMatch(c -> c.id().equals(r.id()))).forEach(all::add);
                return all;
            };
            CounterDesk counterDesk = new CounterDesk(centres, staff.officerPins(), staff.counterPasses(),
                    staff.officers());
            InboundRouter router = new InboundRouter(Map.of(
                    Topic.TicketRequest.class, new TicketDesk(centres, shown,
                            (centre, code) -> bookings.find(centre, code).map(found -> found.map(b ->
                                    new TicketDesk.Booked(b.service(), b.slotStart(), b.state(), b.checkedInDevice(),
                                            b.checkedInRequest()))), clock),
                    Topic.CounterCommands.class, counterDesk,
                    Topic.RatingSubmit.class, new RatingDesk(centres),
                    Topic.DeviceStatus.class, presence), broker, access);
            // In a cluster: messages for centres written elsewhere go there, and what any node publishes reaches all.
            Optional<RemoteCentres> remote = membership.map(m -> new RemoteCentres(vertx,
                    id -> centres.find(id).isPresent(), devices, router, metrics,
                    config.database().timeout().multipliedBy(2).plusSeconds(1)));
            remote.ifPresent(router::forwardWith);
            Optional<ClusterPublications> publications = membership.map(m -> new ClusterPublications(vertx, broker,
                    m.self()));
            Optional<ClusterAdministration> clusterAdmin = membership.map(m -> new ClusterAdministration(vertx,
                    m.self(), devices, config.centres()));
            // Caps from the open-files limit, so that connections never take the handles the pool and listeners need.
            ConnectionCaps caps = ConnectionCaps.of(config.limits());
            LOG.info(caps.describe(config.limits()));
            ConnectionGate mqttConnections = new ConnectionGate(ConnectionListener.MQTT, caps.mqttTotal(),
                    caps.mqttPerAddress(), metrics);
            MqttListener mqtt = new MqttListener(vertx, devices, access, broker, router, presence, metrics,
                    new DeviceLogins(devices, passwordChecks, new LoginThrottle(), metrics, clock), new BridgedPeers())
                    .connectionLimits(mqttConnections, config.limits().mqttConnectTimeout())
                    .proxyProtocol(config.limits().mqttProxyProtocol());
            WebSocketBridge bridge = new WebSocketBridge(vertx, mqtt.peers())
                    .proxyProtocol(config.limits().mqttProxyProtocol());
            bridge.countedBy(mqttConnections);
            boolean[] mqttBound = {false};
            HealthCheck health = new HealthCheck(pool, centres, () -> mqttBound[0], config.database().timeout());
            membership.ifPresent(m -> health.inCluster(new HealthCheck.ClusterState() {
                @Override
                public String node() {
                    return m.self();
                }

                @Override
                public boolean joined() {
                    return m.members().contains(m.self());
                }

                @Override
                public int members() {
                    return m.members().size();
                }
            }));
            QueueGauges gauges = new QueueGauges(centres, metrics, shown, clock, displays::shownWaits);
            MetricsEndpoint endpoint = new MetricsEndpoint(vertx, monitoring, List.of(gauges::refresh,
                    () -> {
                        metrics.clusterSeen(membership.map(m -> m.members().size()).orElse(0), centres.all().size());
                        return Future.succeededFuture();
                    },
                    () -> health.ready().onSuccess(ready -> metrics.health(HealthCheck.checks(ready)))));
            MetricsAccess metricsAccess = new MetricsAccess(config.metricsToken());
            CentreLauncher launcher = new CentreLauncher() {
                @Override
                public Future<Void> launch(CentreDefinition centre) {
                    metrics.centre(CentreSeries.of(centre));
                    if (clusterAdmin.isPresent()) {
                        // the node the centre hashes to takes it, whichever node the administrator reached
                        clusterAdmin.get().create(centre);
                        return written(vertx, new CentreLeases(pool), centre.id(), 30);
                    }
                    CentreVerticle verticle = new CentreVerticle(centre,
                            RoutingPolicies.byName(config.routingPolicy()).orElseThrow(),
                            WaitEstimators.byName(config.waitEstimator()).orElseThrow(), pool, listener, clock,
                    config.database().timeout()).announcing(outbox);
                    return vertx.deployVerticle(verticle).map(id -> {
                        deployments.put(centre.id(), id);
                        centres.add(verticle.runtime());
                        return null;
                    });
                }

                @Override
                public Future<Void> retire(String centreId) {
                    if (clusterAdmin.isPresent()) {
                        clusterAdmin.get().centres().stream().filter(c -> c.id().equals(centreId)).findFirst()
                                .ifPresent(removed::add);
                        clusterAdmin.get().remove(centreId); // its writer stops wherever it runs
                        devices.all().stream().filter(d -> d.centre().equals(centreId)).map(d -> d.id()).toList()
                                .forEach(devices::remove);
                        return Future.succeededFuture();
                    }
                    centres.find(centreId).ifPresent(runtime -> removed.add(runtime.definition()));
                    centres.remove(centreId);
                    devices.all().stream().filter(d -> d.centre().equals(centreId)).map(d -> d.id()).toList()
                            .forEach(devices::remove);
                    String id = deployments.remove(centreId);
                    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
                }
            };
            Administration administration = new Administration(vertx, pool, centres, launcher, devices, presence,
                    staff.store(), clock, subscribers);
            Future<AdminApi> admin = AdminApi.create(new AdminApi.Parts(vertx, pool, centres, administration, presence,
                    staff.authentication(), clock));
            HttpApi http = new HttpApi(vertx, health, bridge, endpoint, metricsAccess,
                    new WebSocketOrigins(config.allowedOrigins()))
                    .databaseTimeout(config.database().timeout())
                    .connectionLimits(config.limits(), new ConnectionGate(ConnectionListener.HTTP, caps.httpTotal(),
                            caps.httpPerAddress(), metrics));
            // In a cluster, first of the routes: a centre's live pages and API answer from the node that writes it.
            Optional<CentreHttpForwarding> httpForwarding = membership.map(m -> new CentreHttpForwarding(vertx,
                    id -> centres.find(id).isPresent(),
                    id -> clusterAdmin.orElseThrow().knows(id), tls.isPresent()));
            httpForwarding.ifPresent(f -> http.mount(f::mount));
            http.mount(new WebPages(config, clock, definitions)::mount)
                    .mount(new PublicApiDocument()::mount)
                    .mount(new LiveApi(vertx, centres, new LiveFeeds(displays, clock), pool)
                            .limitStreams(new ConnectionGate(ConnectionListener.SSE, caps.sseTotal(),
                                    caps.ssePerAddress(), metrics))::mount)
                    .mount(new PhoneRatingApi(centres, pool, clock)::mount)
                    .mount(new vn.onedesk.gateway.booking.BookingApi(centres, definitions, bookings, phoneKey, clock)::mount)
                    .mount(new RemoteTicketApi(centres, clock, config.remoteTickets().withPhoneKey(phoneKey))::mount)
                    .mount(routes -> staff.mount(routes, counterDesk))
                    .mount(new DailyReportApi(vertx, pool, reportable, clock, staff.authentication())::mount)
                    .mount(new RangeReportApi(vertx, pool, reportable, staff.store()::fullNames, clock,
                            staff.authentication())::mount)
                    .mount(new ProvinceReportApi(vertx, pool, definitions, clock, staff.authentication())::mount)
                    .mount(routes -> new DossierApi(new DossierHistory(pool), definitions)
                            .mount(routes, staff.authentication()));
            RetentionJob retention = new RetentionJob(vertx, pool, config.retention(), clock, metrics,
                    () -> definitions.get().stream().findFirst().map(CentreDefinition::timezone)
                            .orElse(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
            Optional<CentreOwnership> ownership = membership.map(m -> new CentreOwnership(vertx, m,
                    new CentreLeases(pool), new HeldLeases(m.self()), new CentreRunner() {
                        @Override
                        public Future<Void> start(CentreDefinition centre, WriterFence fence) {
                            CentreVerticle verticle = new CentreVerticle(centre,
                                    RoutingPolicies.byName(config.routingPolicy()).orElseThrow(),
                                    WaitEstimators.byName(config.waitEstimator()).orElseThrow(), pool, listener, clock,
                                    config.database().timeout(), fence).announcing(outbox);
                            return vertx.deployVerticle(verticle).compose(id -> {
                                deployments.put(centre.id(), id);
                                centres.add(verticle.runtime());
                                return remote.orElseThrow().serve(centre.id());
                            });
                        }

                        @Override
                        public Future<Void> stop(String centreId) {
                            // Local steps only: a node cut off from the cluster must still stop its writer at once.
                            // From here its devices' messages are forwarded; what other nodes still send to this
                            // node's address for the centre is refused until the cluster drops the registration.
                            centres.remove(centreId);
                            remote.orElseThrow().stopServing(centreId);
                            String id = deployments.remove(centreId);
                            return id == null ? Future.succeededFuture() : vertx.undeploy(id);
                        }
                    }, () -> clusterAdmin.orElseThrow().centres(),
                    change -> {
                        metrics.ownershipChanged(change.gained());
                        httpForwarding.ifPresent(f -> {
                            if (change.gained()) {
                                f.gained(change.centre());
                            } else {
                                f.lost(change.centre());
                            }
                        });
                        LOG.info("centre " + change.centre() + (change.gained() ? ": taken by this node ("
                                : ": no longer on this node (") + change.why() + ")");
                    }));
            // Before MQTT listens, so that no device acts between what it reads of the queue and what it does.
            return admin.map(api -> {
                        http.mount(api::mount);
                        return null;
                    })
                    .compose(v2 -> staffReady)
                    .compose(seeded -> publications.map(ClusterPublications::start).orElse(Future.succeededFuture()))
                    .compose(seeded -> httpForwarding.map(CentreHttpForwarding::start)
                            .orElse(Future.succeededFuture()))
                    .compose(seeded -> clusterAdmin.map(ClusterAdministration::start)
                            .orElse(Future.succeededFuture()))
                    .compose(seeded -> ownership.map(CentreOwnership::start).orElse(Future.succeededFuture()))
                    .andThen(seeded -> publications.ifPresent(ClusterPublications::catchUp))
                    .compose(seeded -> SimulatedCounterClosing.closeLeftOpen(config, centres, counterDesk, pool))
                    .compose(closed -> listenMqtt(config, mqtt, tls))
                    .compose(ports -> {
                        mqttBound[0] = true;
                        if (tls.isPresent()) {
                            bridge.target(config.host(), ports[1], tls.get());
                        } else {
                            bridge.target(config.host(), ports[0]);
                        }
                        return http.listen(config.host(), config.httpPort(), tls.orElse(null))
                                .recover(e -> mqtt.close().transform(closed -> Future.failedFuture(
                                        StartupFailure.cannotListen(tls.isPresent() ? "HTTPS" : "HTTP", config.host(),
                                                config.httpPort(), ConfigLoader.ENV_HTTP_PORT, "httpPort", e))))
                                .map(httpPort -> {
                                    httpForwarding.ifPresent(f -> f.listening(config.cluster().publicHost()
                                            .orElse(config.host()), httpPort));
                                    tls.ifPresent(t -> t.watch(vertx));
                                    warnAboutPlaintext(config, ports[0]);
                                    return new OneDeskGateway(vertx, config, db.embedded(), pool, centres, mqtt,
                                            http, ports[0], ports[1], httpPort, tls, db.description(), staff,
                                            metricsAccess, administration);
                                });
                    })
                    .compose(gateway -> {
                        gateway.ownership = ownership;
                        gateway.retention = retention;
                        gateway.subscribers = subscribers;
                        gateway.webhooks = dispatcher;
                        dispatcher.start();
                        return retention.start().map(gateway);
                    });
        });
    }

    /** Succeeds once some node holds the centre's lease (it has loaded it), polling every 200 ms. */
    private static Future<Void> written(Vertx vertx, CentreLeases leases, String centre, int triesLeft) {
        return leases.owners().compose(owners -> {
            if (owners.containsKey(centre)) {
                return Future.<Void>succeededFuture();
            }
            if (triesLeft <= 0) {
                return Future.failedFuture("centre " + centre + " was created, but no node has taken it yet");
            }
            return vertx.timer(200).compose(t -> written(vertx, leases, centre, triesLeft - 1));
        });
    }

    /**
     * The plain MQTT listener where allowed ({@link vn.onedesk.gateway.config.TlsSettings#plainListener}), then MQTT
     * over TLS if configured; succeeds with both ports, -1 for one that does not run.
     */
    private static Future<int[]> listenMqtt(GatewayConfig config, MqttListener mqtt, Optional<ServerTls> tls) {
        Future<Integer> plain = config.tls().plainListener(config.demo())
                ? mqtt.listen(config.host(), config.mqttPort())
                        .recover(e -> Future.failedFuture(StartupFailure.cannotListen("MQTT", config.host(),
                                config.mqttPort(), ConfigLoader.ENV_MQTT_PORT, "mqttPort", e)))
                : Future.succeededFuture(-1);
        return plain.compose(plainPort -> tls.isEmpty() ? Future.succeededFuture(new int[] {plainPort, -1})
                : mqtt.listen(config.host(), config.tls().mqttsPort(), tls.get())
                        .recover(e -> mqtt.close().transform(closed -> Future.failedFuture(
                                StartupFailure.cannotListen("MQTT over TLS", config.host(), config.tls().mqttsPort(),
                                        ConfigLoader.ENV_MQTTS_PORT, "mqttsPort", e))))
                        .map(securePort -> new int[] {plainPort, securePort}));
    }

    /** A real centre in clear, wholly or beside TLS, runs so only because its configuration says allowPlaintext. */
    private static void warnAboutPlaintext(GatewayConfig config, int plainPort) {
        if (config.demo()) {
            return;
        }
        if (!config.tls().enabled()) {
            LOG.warning("TLS is off (allowPlaintext: true): device passwords, staff logins and every message cross the"
                    + " network in clear. Set ONEDESK_TLS_CERT and ONEDESK_TLS_KEY on any network you do not fully"
                    + " trust (README, \"TLS\")");
        } else if (plainPort >= 0) {
            LOG.warning("plain MQTT listens on port " + plainPort + " beside MQTT over TLS (allowPlaintext: true):"
                    + " devices connecting there send their passwords in clear");
        }
    }

    /** Demo traffic starts once MQTT is listening: its simulated devices connect to it like any other. */
    private Future<OneDeskGateway> startDemoTraffic(Optional<DemoTraffic.Plan> plan, Clock clock) {
        if (plan.isEmpty()) {
            return Future.succeededFuture(this);
        }
        return plan.get().start(vertx, mqttPort, clock)
                .map(traffic -> {
                    demoTraffic = traffic;
                    return this;
                })
                // the caller's failure handler closes the pool and the database
                .recover(e -> mqtt.close().eventually(http::close).transform(closed -> Future.failedFuture(e)));
    }

    /** The daily purge of old data (README, "Data protection"). */
    public RetentionJob retention() {
        return retention;
    }

    /** The running demo traffic, if the configuration turned it on. */
    public Optional<DemoTraffic> demoTraffic() {
        return Optional.ofNullable(demoTraffic);
    }

    /** The plain MQTT listener's port, or -1 when it does not run (a real centre with TLS). */
    public int mqttPort() {
        return mqttPort;
    }

    /** MQTT over TLS's port, or -1 without TLS. */
    public int mqttsPort() {
        return mqttsPort;
    }

    /** The TLS in force, if configured. */
    public Optional<ServerTls> tls() {
        return tls;
    }

    public int httpPort() {
        return httpPort;
    }

    public Pool pool() {
        return pool;
    }

    public Centres centres() {
        return centres;
    }

    public GatewayConfig config() {
        return config;
    }

    public String databaseDescription() {
        return databaseDescription;
    }

    /** Staff accounts, login and sessions. */
    public Staff staff() {
        return staff;
    }

    /** The bounded pool every slow password check runs on (device and staff logins, officers' PINs). */
    public PasswordChecks passwordChecks() {
        return staff.passwordChecks();
    }

    /** What changes the running configuration: the administration API, SIGHUP and {@code config import}. */
    public Administration administration() {
        return administration;
    }

    /** Who may read /metrics, for the startup log. */
    public MetricsAccess metricsAccess() {
        return metricsAccess;
    }

    /** Stops the demo traffic, stops listening, closes the pool and the embedded database. */
    public Future<Void> stop() {
        if (retention != null) {
            retention.stop();
        }
        if (subscribers != null) {
            subscribers.stop();
        }
        Future<Void> sending = webhooks == null ? Future.succeededFuture() : webhooks.stop();
        Future<Void> traffic = demoTraffic == null ? Future.succeededFuture() : demoTraffic.stop();
        tls.ifPresent(t -> t.stop(vertx));
        // a node leaving gives its centres back first, so that the others take them without waiting for the leases
        return traffic
                .eventually(() -> sending)
                .eventually(() -> ownership.map(CentreOwnership::stop).orElse(Future.succeededFuture()))
                .eventually(mqtt::close)
                .eventually(http::close)
                .eventually(() -> staff.passwordChecks().close())
                .eventually(pool::close)
                .eventually(() -> embedded.isEmpty() ? Future.succeededFuture()
                        : vertx.executeBlocking(() -> {
                            embedded.get().close();
                            return null;
                        }, false).mapEmpty());
    }

    /** The centres this node writes: all of them alone, its share in a cluster. */
    public java.util.Set<String> ownedCentres() {
        return ownership.map(CentreOwnership::owned).orElseGet(() -> new java.util.TreeSet<>(centres.all().stream()
                .map(CentreRuntime::centreId).toList()));
    }

    /** A one-off query for tools and tests; production code goes through the centre runtimes. */
    public Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> query(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params));
    }
}
