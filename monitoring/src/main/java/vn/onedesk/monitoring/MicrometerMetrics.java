package vn.onedesk.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records OneDesk's metrics into a Micrometer {@link PrometheusMeterRegistry}, named and labelled as
 * the {@link Metric} catalogue says. Thread-safe: centres, MQTT connections and scrapes record from
 * their own threads.
 *
 * <p>The wait-estimate error is a signed histogram (a citizen called sooner than shown gives a
 * negative error), which Micrometer's timers and summaries cannot hold; it is a Prometheus client
 * histogram registered in the same registry, so one scrape shows everything.
 */
public final class MicrometerMetrics implements OneDeskMetrics {
    private final PrometheusMeterRegistry registry;
    private final Histogram estimateError;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Key, GaugeValue> gauges = new ConcurrentHashMap<>();

    private record Key(Metric metric, List<String> values) {
    }

    /** A gauge's current value; the registry holds it strongly, so it lives as long as the registry. */
    private static final class GaugeValue {
        private volatile double value;

        double get() {
            return value;
        }
    }

    public MicrometerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        Metric error = Metric.WAIT_ESTIMATE_ERROR;
        this.estimateError = Histogram.builder()
                .name(error.prometheusName())
                .help(error.help())
                .labelNames(error.labels().toArray(String[]::new))
                .classicOnly()
                .classicUpperBounds(error.buckets())
                // Exemplars would need a tracer on the class path; OneDesk has none.
                .withoutExemplars()
                .register(registry.getPrometheusRegistry());
        for (ConnectRefusal reason : ConnectRefusal.values()) {
            counter(Metric.MQTT_CONNECT_REFUSALS, reason.label());
        }
        for (DeviceLoginFailure reason : DeviceLoginFailure.values()) {
            counter(Metric.DEVICE_LOGINS_FAILED, reason.label());
        }
        for (LoginFailure reason : LoginFailure.values()) {
            counter(Metric.LOGIN_FAILURES, reason.label());
        }
        // the cluster's series exist from the start, at zero, alone or not
        gauge(Metric.CLUSTER_MEMBERS);
        gauge(Metric.OWNED_CENTRES);
        counter(Metric.OWNERSHIP_CHANGES, "gained");
        counter(Metric.OWNERSHIP_CHANGES, "lost");
        counter(Metric.FORWARDED_REQUESTS, "answered");
        counter(Metric.FORWARDED_REQUESTS, "unanswered");
        timer(Metric.FORWARDED_DURATION);
        WebhookMetrics.OUTCOMES.forEach(outcome -> counter(Metric.WEBHOOK_ATTEMPTS, outcome));
        timer(Metric.WEBHOOK_DURATION);
        gauge(Metric.WEBHOOK_PENDING);
        gauge(Metric.WEBHOOK_DEAD_LETTERS);
        gauge(Metric.WEBHOOK_LAG);
        RetentionMetrics.PURGED_TABLES.forEach(table -> counter(Metric.RETENTION_ROWS_PURGED, table));
        RetentionMetrics.ERASED_TABLES.forEach(table -> counter(Metric.RETENTION_PRIORITY_ERASED, table));
        counter(Metric.RETENTION_DAYS_SUMMARISED);
        gauge(Metric.RETENTION_LAST_RUN);
        for (ConnectionListener listener : ConnectionListener.values()) {
            gauge(Metric.CONNECTIONS_OPEN, listener.label());
            for (ConnectionRefusal reason : ConnectionRefusal.values()) {
                counter(Metric.CONNECTIONS_REFUSED, listener.label(), reason.label());
            }
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void centre(CentreLabels labels) {
        String centre = labels.centre();
        labels.operatorsByService().forEach((service, operators) -> {
            for (String channel : labels.channels()) {
                for (String priority : labels.priorities()) {
                    counter(Metric.TICKETS_ISSUED, centre, service, channel, priority);
                }
            }
            for (String operator : operators) {
                for (Metric m : List.of(Metric.TICKET_CALLS, Metric.TICKET_RECALLS, Metric.TICKET_NO_SHOWS,
                        Metric.TICKET_COMPLETIONS, Metric.TICKETS_PARKED, Metric.PARKED_TICKET_CALLS,
                        Metric.PARKED_TICKETS_EXPIRED, Metric.TICKET_CALLS_OUT_OF_ORDER, Metric.RECALL_LIMIT_REFUSALS)) {
                    counter(m, centre, service, operator);
                }
            }
            for (String kind : List.of("counter", "kiosk")) {
                counter(Metric.TICKET_REQUEUES, centre, service, kind);
            }
            counter(Metric.TICKET_WAITS_OVER_TARGET, centre, service);
            timer(Metric.TICKET_WAIT, centre, service);
            timer(Metric.TICKET_SERVICE_TIME, centre, service);
            estimateError.labelValues(centre, service);
            for (Metric m : List.of(Metric.WAITING_TICKETS, Metric.ESTIMATED_WAIT, Metric.OLDEST_WAIT,
                    Metric.TARGET_WAIT, Metric.SERVICE_OPEN_COUNTERS)) {
                gauge(m, centre, service);
            }
        });
        for (String operator : labels.operators()) {
            gauge(Metric.COUNTERS_OPEN, centre, operator);
            gauge(Metric.COUNTERS_BUSY, centre, operator);
        }
        gauge(Metric.CENTRE_IN_SESSION, centre);
        timer(Metric.PG_COMMIT_DURATION, centre);
        for (CommitFailure reason : CommitFailure.values()) {
            counter(Metric.PG_COMMIT_FAILURES, centre, reason.label());
        }
    }

    // --- retention -------------------------------------------------------------------------------

    @Override
    public void retentionPurged(String table, long rows) {
        counter(Metric.RETENTION_ROWS_PURGED, table).increment(rows);
    }

    @Override
    public void retentionErased(String table, long rows) {
        counter(Metric.RETENTION_PRIORITY_ERASED, table).increment(rows);
    }

    @Override
    public void retentionDaySummarised() {
        counter(Metric.RETENTION_DAYS_SUMMARISED).increment();
    }

    @Override
    public void retentionRan(java.time.Instant at) {
        gauge(Metric.RETENTION_LAST_RUN).value = at.toEpochMilli() / 1000.0;
    }

    // --- queue -----------------------------------------------------------------------------------

    @Override
    public void ticketIssued(String centre, String service, String channel, String priority) {
        counter(Metric.TICKETS_ISSUED, centre, service, channel, priority).increment();
    }

    @Override
    public void ticketCalled(String centre, String service, String operator, Duration waited, Duration targetWait) {
        counter(Metric.TICKET_CALLS, centre, service, operator).increment();
        timer(Metric.TICKET_WAIT, centre, service).record(waited);
        if (waited.compareTo(targetWait) > 0) {
            counter(Metric.TICKET_WAITS_OVER_TARGET, centre, service).increment();
        }
    }

    @Override
    public void ticketRecalled(String centre, String service, String operator) {
        counter(Metric.TICKET_RECALLS, centre, service, operator).increment();
    }

    @Override
    public void ticketNoShow(String centre, String service, String operator) {
        counter(Metric.TICKET_NO_SHOWS, centre, service, operator).increment();
    }

    @Override
    public void ticketTransferred(String centre, String fromService, String toService) {
        counter(Metric.TICKET_TRANSFERS, centre, fromService, toService).increment();
    }

    @Override
    public void ticketParked(String centre, String service, String operator) {
        counter(Metric.TICKETS_PARKED, centre, service, operator).increment();
    }

    @Override
    public void parkedTicketCalled(String centre, String service, String operator) {
        counter(Metric.PARKED_TICKET_CALLS, centre, service, operator).increment();
    }

    @Override
    public void parkedTicketExpired(String centre, String service, String operator) {
        counter(Metric.PARKED_TICKETS_EXPIRED, centre, service, operator).increment();
    }

    @Override
    public void ticketCalledOutOfOrder(String centre, String service, String operator) {
        counter(Metric.TICKET_CALLS_OUT_OF_ORDER, centre, service, operator).increment();
    }

    @Override
    public void ticketRequeued(String centre, String service, String kind) {
        counter(Metric.TICKET_REQUEUES, centre, service, kind).increment();
    }

    @Override
    public void recallLimitReached(String centre, String service, String operator) {
        counter(Metric.RECALL_LIMIT_REFUSALS, centre, service, operator).increment();
    }

    @Override
    public void serviceRated(String centre, String service, String operator, int score) {
        counter(Metric.RATINGS, centre, service, operator, Integer.toString(score)).increment();
    }

    @Override
    public void serviceCompleted(String centre, String service, String operator, Duration serviceTime) {
        counter(Metric.TICKET_COMPLETIONS, centre, service, operator).increment();
        timer(Metric.TICKET_SERVICE_TIME, centre, service).record(serviceTime);
    }

    @Override
    public void waitEstimateError(String centre, String service, Duration actualMinusEstimated) {
        estimateError.labelValues(centre, service).observe(seconds(actualMinusEstimated));
    }

    @Override
    public void serviceQueue(String centre, String service, ServiceQueueState state) {
        gauge(Metric.WAITING_TICKETS, centre, service).value = state.waiting();
        // NaN, Prometheus' "no value", rather than the estimators' figure for counters nobody staffs: an operator
        // reading the dashboard at night is not told "330 minutes" for an empty line.
        gauge(Metric.ESTIMATED_WAIT, centre, service).value = state.estimatedWait().map(MicrometerMetrics::seconds)
                .orElse(Double.NaN);
        gauge(Metric.OLDEST_WAIT, centre, service).value = seconds(state.oldestWait());
        gauge(Metric.TARGET_WAIT, centre, service).value = seconds(state.targetWait());
        gauge(Metric.SERVICE_OPEN_COUNTERS, centre, service).value = state.openCounters();
    }

    @Override
    public void counters(String centre, String operator, int open, int busy) {
        gauge(Metric.COUNTERS_OPEN, centre, operator).value = open;
        gauge(Metric.COUNTERS_BUSY, centre, operator).value = busy;
    }

    @Override
    public void centreInSession(String centre, boolean inSession) {
        gauge(Metric.CENTRE_IN_SESSION, centre).value = inSession ? 1 : 0;
    }

    // --- devices ---------------------------------------------------------------------------------

    @Override
    public void deviceKnown(String centre, String kind, String device) {
        gauge(Metric.DEVICE_CONNECTED, centre, kind, device);
        counter(Metric.MQTT_CONNECTIONS, centre, kind);
        counter(Metric.DEVICE_HEARTBEATS, centre, kind);
        for (OfflineCause cause : OfflineCause.values()) {
            counter(Metric.DEVICE_OFFLINE, centre, kind, cause.label());
        }
    }

    @Override
    public void deviceConnected(String centre, String kind, String device) {
        gauge(Metric.DEVICE_CONNECTED, centre, kind, device).value = 1;
        counter(Metric.MQTT_CONNECTIONS, centre, kind).increment();
    }

    @Override
    public void deviceOffline(String centre, String kind, String device, OfflineCause cause) {
        gauge(Metric.DEVICE_CONNECTED, centre, kind, device).value = 0;
        counter(Metric.DEVICE_OFFLINE, centre, kind, cause.label()).increment();
    }

    @Override
    public void heartbeat(String centre, String kind, String device) {
        counter(Metric.DEVICE_HEARTBEATS, centre, kind).increment();
    }

    @Override
    public void printer(String centre, String kind, String device, String paper, boolean jammed) {
        if (!Metric.PAPER_STATES.contains(paper)) {
            throw new IllegalArgumentException("paper level must be one of " + Metric.PAPER_STATES + ": " + paper);
        }
        for (String state : Metric.PAPER_STATES) {
            gauge(Metric.PRINTER_PAPER, centre, kind, device, state).value = state.equals(paper) ? 1 : 0;
        }
        gauge(Metric.PRINTER_JAMMED, centre, kind, device).value = jammed ? 1 : 0;
    }

    // --- MQTT ------------------------------------------------------------------------------------

    @Override
    public void connectRefused(ConnectRefusal reason) {
        counter(Metric.MQTT_CONNECT_REFUSALS, reason.label()).increment();
    }

    @Override
    public void deviceLoginFailed(DeviceLoginFailure reason) {
        counter(Metric.DEVICE_LOGINS_FAILED, reason.label()).increment();
    }

    @Override
    public void messageReceived(String topicKind) {
        counter(Metric.MQTT_MESSAGES_RECEIVED, topicKind).increment();
    }

    @Override
    public void messageRefused(String topicKind, String errorCode) {
        counter(Metric.MQTT_MESSAGES_REFUSED, topicKind, errorCode).increment();
    }

    @Override
    public void messageSent(String topicKind) {
        counter(Metric.MQTT_MESSAGES_SENT, topicKind).increment();
    }

    @Override
    public void messagesSent(String topicKind, int devices) {
        counter(Metric.MQTT_MESSAGES_SENT, topicKind).increment(devices);
    }

    // --- PostgreSQL ------------------------------------------------------------------------------

    @Override
    public void commitSucceeded(String centre, Duration took) {
        timer(Metric.PG_COMMIT_DURATION, centre).record(took);
    }

    @Override
    public void commitFailed(String centre, CommitFailure reason) {
        counter(Metric.PG_COMMIT_FAILURES, centre, reason.label()).increment();
    }

    // --- cluster ---------------------------------------------------------------------------------

    @Override
    public void clusterSeen(int members, int ownedCentres) {
        gauge(Metric.CLUSTER_MEMBERS).value = members;
        gauge(Metric.OWNED_CENTRES).value = ownedCentres;
    }

    @Override
    public void ownershipChanged(boolean gained) {
        counter(Metric.OWNERSHIP_CHANGES, gained ? "gained" : "lost").increment();
    }

    @Override
    public void requestForwarded(boolean answered, long nanos) {
        counter(Metric.FORWARDED_REQUESTS, answered ? "answered" : "unanswered").increment();
        timer(Metric.FORWARDED_DURATION).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    // --- webhooks --------------------------------------------------------------------------------

    @Override
    public void webhookAttempt(String outcome, long nanos) {
        counter(Metric.WEBHOOK_ATTEMPTS, outcome).increment();
        timer(Metric.WEBHOOK_DURATION).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void webhookBacklog(long pending, long dead, double lagSeconds) {
        gauge(Metric.WEBHOOK_PENDING).value = pending;
        gauge(Metric.WEBHOOK_DEAD_LETTERS).value = dead;
        gauge(Metric.WEBHOOK_LAG).value = lagSeconds;
    }

    // --- staff -----------------------------------------------------------------------------------

    @Override
    public void loginFailed(LoginFailure reason) {
        counter(Metric.LOGIN_FAILURES, reason.label()).increment();
    }

    // --- connection caps -------------------------------------------------------------------------

    @Override
    public void connectionRefused(ConnectionListener listener, ConnectionRefusal reason) {
        counter(Metric.CONNECTIONS_REFUSED, listener.label(), reason.label()).increment();
    }

    @Override
    public void connectionsOpen(ConnectionListener listener, int open) {
        gauge(Metric.CONNECTIONS_OPEN, listener.label()).value = open;
    }

    // --- health ----------------------------------------------------------------------------------

    @Override
    public void health(Map<String, Boolean> checks) {
        checks.forEach((check, up) -> gauge(Metric.HEALTH_CHECK, check).value = up ? 1 : 0);
        gauge(Metric.READY).value = !checks.isEmpty() && checks.values().stream().allMatch(up -> up) ? 1 : 0;
    }

    // --- meters ----------------------------------------------------------------------------------

    private Counter counter(Metric metric, String... values) {
        return counters.computeIfAbsent(key(metric, values), k -> Counter.builder(meterName(metric))
                .description(metric.help())
                .tags(tags(metric, values))
                .register(registry));
    }

    private Timer timer(Metric metric, String... values) {
        return timers.computeIfAbsent(key(metric, values), k -> Timer.builder(meterName(metric))
                .description(metric.help())
                .tags(tags(metric, values))
                .serviceLevelObjectives(Arrays.stream(metric.buckets())
                        .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                        .toArray(Duration[]::new))
                .register(registry));
    }

    private GaugeValue gauge(Metric metric, String... values) {
        return gauges.computeIfAbsent(key(metric, values), k -> {
            GaugeValue value = new GaugeValue();
            Gauge.builder(meterName(metric), value, GaugeValue::get)
                    .description(metric.help())
                    .tags(tags(metric, values))
                    .strongReference(true)
                    .register(registry);
            return value;
        });
    }

    private static Key key(Metric metric, String[] values) {
        if (values.length != metric.labels().size()) {
            throw new IllegalArgumentException(metric.prometheusName() + " has labels " + metric.labels()
                    + ", given " + Arrays.toString(values));
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(metric.prometheusName() + ": no value for label "
                        + metric.labels().get(i));
            }
        }
        return new Key(metric, List.of(values));
    }

    private static Tags tags(Metric metric, String[] values) {
        List<io.micrometer.core.instrument.Tag> tags = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            tags.add(io.micrometer.core.instrument.Tag.of(metric.labels().get(i), values[i]));
        }
        return Tags.of(tags);
    }

    /**
     * The Micrometer name whose Prometheus rendering is the catalogue's name: Micrometer adds
     * {@code _total} to counters and {@code _seconds} to timers itself.
     */
    static String meterName(Metric metric) {
        String name = metric.prometheusName();
        return switch (metric.type()) {
            case COUNTER -> strip(name, "_total");
            case HISTOGRAM -> strip(name, "_seconds");
            case GAUGE -> name;
        };
    }

    private static String strip(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            throw new IllegalStateException(name + " should end with " + suffix);
        }
        return name.substring(0, name.length() - suffix.length());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
