package vn.onedesk.monitoring;

/** The Prometheus type of a metric family. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    /** As written on a {@code # TYPE} line. */
    public String prometheus() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
