package vn.onedesk.monitoring;

import static vn.onedesk.monitoring.Label.OUTCOME;
import static vn.onedesk.monitoring.Label.CAUSE;
import static vn.onedesk.monitoring.Label.CENTRE;
import static vn.onedesk.monitoring.Label.CHANGE;
import static vn.onedesk.monitoring.Label.CHANNEL;
import static vn.onedesk.monitoring.Label.CHECK;
import static vn.onedesk.monitoring.Label.CODE;
import static vn.onedesk.monitoring.Label.DEVICE;
import static vn.onedesk.monitoring.Label.KIND;
import static vn.onedesk.monitoring.Label.LISTENER;
import static vn.onedesk.monitoring.Label.OPERATOR;
import static vn.onedesk.monitoring.Label.PRIORITY;
import static vn.onedesk.monitoring.Label.REASON;
import static vn.onedesk.monitoring.Label.SCORE;
import static vn.onedesk.monitoring.Label.SERVICE;
import static vn.onedesk.monitoring.Label.STATE;
import static vn.onedesk.monitoring.Label.TABLE;
import static vn.onedesk.monitoring.Label.TOPIC_KIND;
import static vn.onedesk.monitoring.Label.TO_SERVICE;
import static vn.onedesk.monitoring.MetricType.COUNTER;
import static vn.onedesk.monitoring.MetricType.GAUGE;
import static vn.onedesk.monitoring.MetricType.HISTOGRAM;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every metric family OneDesk exposes on {@code /metrics}: its Prometheus name,
 * type, help text, labels and, for histograms, bucket upper bounds in seconds. Dashboards, alert
 * rules and the README are written against these names; a test checks that a real scrape exposes
 * exactly these.
 */
public enum Metric {
    // --- queue, from committed events ------------------------------------------------------------
    TICKETS_ISSUED("onedesk_tickets_issued_total", COUNTER,
            "Tickets issued",
            List.of(CENTRE, SERVICE, CHANNEL, PRIORITY)),
    TICKET_CALLS("onedesk_ticket_calls_total", COUNTER,
            "First calls of a waiting ticket to a counter (recalls are counted apart)",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_RECALLS("onedesk_ticket_recalls_total", COUNTER,
            "Repeat calls of a ticket already at a counter",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_NO_SHOWS("onedesk_ticket_no_shows_total", COUNTER,
            "Tickets marked no-show after being called",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_TRANSFERS("onedesk_ticket_transfers_total", COUNTER,
            "Tickets transferred from a service to another, keeping their place",
            List.of(CENTRE, SERVICE, TO_SERVICE)),
    TICKETS_PARKED("onedesk_tickets_parked_total", COUNTER,
            "Tickets a counter set aside (PARK) while the citizen fetched a paper",
            List.of(CENTRE, SERVICE, OPERATOR)),
    PARKED_TICKET_CALLS("onedesk_parked_ticket_calls_total", COUNTER,
            "Parked tickets called back to a counter (CALL_PARKED; not first calls)",
            List.of(CENTRE, SERVICE, OPERATOR)),
    PARKED_TICKETS_EXPIRED("onedesk_parked_tickets_expired_total", COUNTER,
            "Parked tickets not called back within the park timeout, expired to no-show (also counted as no-shows)",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_CALLS_OUT_OF_ORDER("onedesk_ticket_calls_out_of_order_total", COUNTER,
            "First calls by number (CALL_NUMBER) that skipped the line, with a recorded reason (also first calls)",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_COMPLETIONS("onedesk_ticket_completions_total", COUNTER,
            "Tickets whose service was completed at a counter",
            List.of(CENTRE, SERVICE, OPERATOR)),
    TICKET_REQUEUES("onedesk_ticket_requeues_total", COUNTER,
            "No-shows put back in line (REQUEUE) within the centre's grace, by where it was asked: kind counter or kiosk",
            List.of(CENTRE, SERVICE, KIND)),
    RECALL_LIMIT_REFUSALS("onedesk_recall_limit_refusals_total", COUNTER,
            "RECALLs refused because the ticket was recalled as often as the centre's recall limit allows",
            List.of(CENTRE, SERVICE, OPERATOR)),
    RATINGS("onedesk_ratings_total", COUNTER,
            "Citizens' ratings of the service (issue 14), by score: 5 Rất hài lòng, 4 Hài lòng, 3 Bình thường,"
                    + " 2 Không hài lòng, 1 Rất không hài lòng",
            List.of(CENTRE, SERVICE, OPERATOR, SCORE)),
    TICKET_WAIT("onedesk_ticket_wait_seconds", HISTOGRAM,
            "Actual wait from joining the service's queue to the first call",
            List.of(CENTRE, SERVICE), 60, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800),
    TICKET_WAITS_OVER_TARGET("onedesk_ticket_waits_over_target_total", COUNTER,
            "First calls whose wait exceeded the service's target wait",
            List.of(CENTRE, SERVICE)),
    TICKET_SERVICE_TIME("onedesk_ticket_service_seconds", HISTOGRAM,
            "Service time at the counter, from start (or call, without START) to completion",
            List.of(CENTRE, SERVICE), 60, 120, 180, 300, 420, 600, 900, 1200, 1800, 3600),
    WAIT_ESTIMATE_ERROR("onedesk_wait_estimate_error_seconds", HISTOGRAM,
            "Actual wait minus the wait estimated on the kiosk's reply at issue (negative: called sooner than shown)",
            List.of(CENTRE, SERVICE), -1800, -900, -600, -300, -120, -60, 0, 60, 120, 300, 600, 900, 1800),

    // --- queue state, read from each centre's queue when Prometheus scrapes ----------------------
    WAITING_TICKETS("onedesk_waiting_tickets", GAUGE,
            "Tickets waiting for the service now",
            List.of(CENTRE, SERVICE)),
    ESTIMATED_WAIT("onedesk_estimated_wait_seconds", GAUGE,
            "Estimated wait of an ordinary ticket taken now for the service, as the hall display last showed it"
                    + " (its refresh, 1 to 4 s old, at most 30 s); NaN while no open counter serves it",
            List.of(CENTRE, SERVICE)),
    OLDEST_WAIT("onedesk_oldest_wait_seconds", GAUGE,
            "How long the longest-waiting ticket of the service has waited so far (0 when none waits)",
            List.of(CENTRE, SERVICE)),
    TARGET_WAIT("onedesk_service_target_wait_seconds", GAUGE,
            "The service's configured target wait",
            List.of(CENTRE, SERVICE)),
    SERVICE_OPEN_COUNTERS("onedesk_service_open_counters", GAUGE,
            "Open counters that can serve the service",
            List.of(CENTRE, SERVICE)),
    COUNTERS_OPEN("onedesk_counters_open", GAUGE,
            "Open counters, by who staffs them",
            List.of(CENTRE, OPERATOR)),
    COUNTERS_BUSY("onedesk_counters_busy", GAUGE,
            "Counters with a ticket called or in service, by who staffs them",
            List.of(CENTRE, OPERATOR)),
    CENTRE_IN_SESSION("onedesk_centre_in_session", GAUGE,
            "1 while the centre is within one of its configured opening sessions, else 0",
            List.of(CENTRE)),

    // --- devices ---------------------------------------------------------------------------------
    DEVICE_CONNECTED("onedesk_device_connected", GAUGE,
            "1 while the configured device is connected, else 0",
            List.of(CENTRE, KIND, DEVICE)),
    MQTT_CONNECTIONS("onedesk_mqtt_connections_total", COUNTER,
            "Accepted MQTT connections of devices",
            List.of(CENTRE, KIND)),
    DEVICE_HEARTBEATS("onedesk_device_heartbeats_total", COUNTER,
            "Heartbeats received on the devices' status topics",
            List.of(CENTRE, KIND)),
    DEVICE_OFFLINE("onedesk_device_offline_total", COUNTER,
            "Devices that went offline: cause last_will (dropped; its last will published) or disconnected",
            List.of(CENTRE, KIND, CAUSE)),
    PRINTER_PAPER("onedesk_printer_paper_state", GAUGE,
            "1 for the paper level the device's printer last reported (state OK, LOW or OUT), 0 for the others",
            List.of(CENTRE, KIND, DEVICE, STATE)),
    PRINTER_JAMMED("onedesk_printer_jammed", GAUGE,
            "1 while the device's printer last reported a paper jam, else 0",
            List.of(CENTRE, KIND, DEVICE)),

    // --- MQTT transport --------------------------------------------------------------------------
    MQTT_CONNECT_REFUSALS("onedesk_mqtt_connect_refusals_total", COUNTER,
            "Refused MQTT CONNECTs: reason bad_credentials, server_unavailable, client_id_taken, throttled, busy or no_client_certificate",
            List.of(REASON)),
    DEVICE_LOGINS_FAILED("onedesk_device_logins_failed_total", COUNTER,
            "Refused device logins (MQTT CONNECT): reason unknown_or_wrong, locked, busy or disabled",
            List.of(REASON)),
    MQTT_MESSAGES_RECEIVED("onedesk_mqtt_messages_received_total", COUNTER,
            "PUBLISH messages received from devices",
            List.of(TOPIC_KIND)),
    MQTT_MESSAGES_REFUSED("onedesk_mqtt_messages_refused_total", COUNTER,
            "Received messages answered with an error instead of being handled (malformed, too large, "
                    + "unknown topic, not authorised...)",
            List.of(TOPIC_KIND, CODE)),
    MQTT_MESSAGES_SENT("onedesk_mqtt_messages_sent_total", COUNTER,
            "PUBLISH messages sent to subscribed devices (one per device and message)",
            List.of(TOPIC_KIND)),

    // --- connection caps ---------------------------------------------------------------------------
    CONNECTIONS_REFUSED("onedesk_connections_refused_total", COUNTER,
            "Connections closed at once (mqtt, http) or streams refused (sse) because a cap was reached: reason total "
                    + "or per_address",
            List.of(LISTENER, REASON)),
    CONNECTIONS_OPEN("onedesk_connections_open", GAUGE,
            "Connections open now on the listener (mqtt, http), or server-sent-event streams open (sse)",
            List.of(LISTENER)),

    // --- PostgreSQL ------------------------------------------------------------------------------
    PG_COMMIT_DURATION("onedesk_pg_commit_duration_seconds", HISTOGRAM,
            "Time to commit one group-commit batch of a centre in PostgreSQL",
            List.of(CENTRE), 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
    PG_COMMIT_FAILURES("onedesk_pg_commit_failures_total", COUNTER,
            "Failed commits (the batch was answered UNAVAILABLE): reason stale_version, database_error or unavailable",
            List.of(CENTRE, REASON)),

    // --- health ----------------------------------------------------------------------------------
    READY("onedesk_ready", GAUGE,
            "1 when the gateway is ready (every readiness check up), else 0",
            List.of()),
    HEALTH_CHECK("onedesk_health_check_up", GAUGE,
            "1 when the readiness check is up, else 0",
            List.of(CHECK)),

    // --- cluster (issue 16) ----------------------------------------------------------------------
    CLUSTER_MEMBERS("onedesk_cluster_members", GAUGE,
            "Gateway nodes in the cluster as this node sees them, itself included; 0 when it runs alone",
            List.of()),
    OWNED_CENTRES("onedesk_owned_centres", GAUGE,
            "Centres whose writer runs on this node (every centre when it runs alone)",
            List.of()),
    OWNERSHIP_CHANGES("onedesk_centre_ownership_changes_total", COUNTER,
            "Centres this node took (change gained) or gave up (change lost: handed over, or its lease was taken)",
            List.of(CHANGE)),
    FORWARDED_REQUESTS("onedesk_forwarded_requests_total", COUNTER,
            "Device messages sent to the node that writes their centre: outcome answered or unanswered",
            List.of(OUTCOME)),
    FORWARDED_DURATION("onedesk_forwarded_request_duration_seconds", HISTOGRAM,
            "Time from forwarding a device's message to the writing node until its reply came back",
            List.of(), 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),

    // --- webhooks (issue 17) ----------------------------------------------------------------------
    WEBHOOK_ATTEMPTS("onedesk_webhook_deliveries_total", COUNTER,
            "Attempts to deliver an event to a webhook subscriber: outcome delivered (2xx), failed (tried again"
                    + " later) or dead (the last attempt failed: a dead letter)",
            List.of(OUTCOME)),
    WEBHOOK_DURATION("onedesk_webhook_delivery_duration_seconds", HISTOGRAM,
            "Time from sending a webhook delivery until the receiver's answer (or the timeout)",
            List.of(), 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    WEBHOOK_PENDING("onedesk_webhook_pending_deliveries", GAUGE,
            "Webhook deliveries not yet made, cluster-wide (read every 5 s)",
            List.of()),
    WEBHOOK_DEAD_LETTERS("onedesk_webhook_dead_letters", GAUGE,
            "Webhook deliveries given up after the last attempt, waiting for an admin's replay (cluster-wide)",
            List.of()),
    WEBHOOK_LAG("onedesk_webhook_lag_seconds", GAUGE,
            "Age of the oldest event still owed to a webhook subscriber; 0 when none is",
            List.of()),

    // --- staff -----------------------------------------------------------------------------------
    LOGIN_FAILURES("onedesk_login_failures_total", COUNTER,
            "Refused staff logins over HTTP: reason unknown_user, wrong_password, disabled, throttled or busy",
            List.of(REASON)),

    // --- retention -------------------------------------------------------------------------------
    RETENTION_ROWS_PURGED("onedesk_retention_rows_purged_total", COUNTER,
            "Rows the daily retention job deleted: table events, tickets, requests, admin_audit, login_sessions"
                    + " or dossier_visits",
            List.of(TABLE)),
    RETENTION_PRIORITY_ERASED("onedesk_retention_priority_groups_erased_total", COUNTER,
            "Priority groups of closed days the retention job replaced by ERASED: table tickets, events or requests",
            List.of(TABLE)),
    RETENTION_DAYS_SUMMARISED("onedesk_retention_days_summarised_total", COUNTER,
            "Centre days whose report figures the retention job kept in a summary before deleting their events",
            List.of()),
    RETENTION_LAST_RUN("onedesk_retention_last_run_timestamp_seconds", GAUGE,
            "When the daily retention job last finished, in seconds since the epoch; 0 before its first run",
            List.of());

    /** The paper levels of the printer state set, as kiosks report them. */
    public static final List<String> PAPER_STATES = List.of("OK", "LOW", "OUT");

    private final String prometheusName;
    private final MetricType type;
    private final String help;
    private final List<String> labels;
    private final double[] buckets;

    Metric(String prometheusName, MetricType type, String help, List<String> labels, double... buckets) {
        this.prometheusName = prometheusName;
        this.type = type;
        this.help = help;
        this.labels = labels;
        this.buckets = buckets.clone();
    }

    /** The family name as Prometheus shows it (a counter's includes {@code _total}). */
    public String prometheusName() {
        return prometheusName;
    }

    public MetricType type() {
        return type;
    }

    public String help() {
        return help;
    }

    public List<String> labels() {
        return labels;
    }

    /** Histogram bucket upper bounds in seconds, ascending; empty for other types. */
    public double[] buckets() {
        return buckets.clone();
    }

    /** The names of the samples this family produces, as they appear in a scrape and in PromQL. */
    public List<String> sampleNames() {
        if (type == HISTOGRAM) {
            return List.of(prometheusName + "_bucket", prometheusName + "_count", prometheusName + "_sum");
        }
        return List.of(prometheusName);
    }

    public static Optional<Metric> byName(String prometheusName) {
        return Arrays.stream(values()).filter(m -> m.prometheusName.equals(prometheusName)).findFirst();
    }
}
