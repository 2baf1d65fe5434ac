package vn.onedesk.monitoring;

/**
 * Everything OneDesk records, behind one small interface per concern so that each part of the
 * gateway depends only on what it records. {@link MicrometerMetrics} records into a Prometheus
 * registry; {@link NoopMetrics} records nothing, for tools and tests that do not care.
 */
public interface OneDeskMetrics extends QueueMetrics, DeviceMetrics, MqttMetrics, DatabaseMetrics, HealthMetrics,
        StaffMetrics, RetentionMetrics, ConnectionMetrics, ClusterMetrics, WebhookMetrics {
    /** Creates the centre's series at zero; call once per configured centre at start. */
    void centre(CentreLabels labels);
}
