package vn.onedesk.loadtest.report;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One latency distribution, recorded in microseconds from any thread (HdrHistogram, three significant
 * digits, so p99.9 and max are exact to 0.1 %), reported in milliseconds.
 */
public final class Latencies {
    private final String name;
    private final Histogram histogram = new ConcurrentHistogram(3);

    public Latencies(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public void reset() {
        histogram.reset();
    }

    public double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public Histogram copy() {
        return histogram.copy();
    }

    /** Read from a snapshot: late deliveries may still be recorded while the report is written. */
    public JsonObject toJson() {
        Histogram h = histogram.copy();
        JsonObject json = new JsonObject().put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            json.put("p50", round(h.getValueAtPercentile(50) / 1000.0))
                    .put("p90", round(h.getValueAtPercentile(90) / 1000.0))
                    .put("p99", round(h.getValueAtPercentile(99) / 1000.0))
                    .put("p999", round(h.getValueAtPercentile(99.9) / 1000.0))
                    .put("max", round(h.getMaxValue() / 1000.0))
                    .put("mean", round(h.getMean() / 1000.0));
        }
        return json;
    }

    /** "p50 1.23 ms  p99 4.56 ms  p99.9 7.89 ms  max 12.3 ms  (n=12345)" */
    public String line() {
        Histogram h = histogram.copy();
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format("p50 %s  p99 %s  p99.9 %s  max %s  (n=%d)", ms(h.getValueAtPercentile(50) / 1000.0),
                ms(h.getValueAtPercentile(99) / 1000.0), ms(h.getValueAtPercentile(99.9) / 1000.0),
                ms(h.getMaxValue() / 1000.0), h.getTotalCount());
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis < 10 ? String.format("%.2f ms", millis) : millis < 100 ? String.format("%.1f ms", millis)
                : String.format("%.0f ms", millis);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
