package vn.onedesk.gateway.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;
import vn.onedesk.gateway.config.ConnectionLimits;

/**
 * The caps the listeners use, derived from {@link ConnectionLimits} and the process's open-files limit, so that
 * connections can never take the last {@code reservedFiles} handles, which the database pool, the listeners and the
 * JVM need to go on working.
 *
 * <p>Every MQTT or HTTP connection holds one handle; a browser's MQTT over WebSocket holds three (its HTTP
 * connection, the bridge's loopback client socket, and that socket's MQTT connection, which the MQTT total counts).
 * So the handles connections can use are at most {@code 2 × http + mqtt}. With both totals derived, MQTT (the
 * devices) gets half the budget and HTTP a quarter; a total that is set is kept and the other gets what is left;
 * two set totals that together exceed the budget are both scaled down, and {@link #scaled} says so.
 *
 * @param openFilesLimit the process's limit, or -1 where the JVM cannot say (then the totals are what is set, or
 *                       a fixed fallback)
 * @param scaled         whether configured totals were lowered to fit the budget
 */
public record ConnectionCaps(long openFilesLimit, int reserved, int httpTotal, int httpPerAddress, int mqttTotal,
                             int mqttPerAddress, int sseTotal, int ssePerAddress, boolean scaled) {
    /** Totals when the limit is unknown (not Unix): what a default Linux limit of 4,096 would give. */
    static final long FALLBACK_FILES = 4096;
    /** Never fewer than this per listener, even when the budget is tiny: the gateway must stay reachable. */
    static final int MIN_TOTAL = 16;

    /** The caps for this process. */
    public static ConnectionCaps of(ConnectionLimits limits) {
        return derive(limits, processOpenFilesLimit());
    }

    /** The process's open-files limit ({@code ulimit -n}), if the JVM can read it. */
    public static OptionalLong processOpenFilesLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            return max > 0 ? OptionalLong.of(max) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    static ConnectionCaps derive(ConnectionLimits limits, OptionalLong openFiles) {
        long files = openFiles.orElse(FALLBACK_FILES);
        long budget = Math.max(0, files - limits.reservedFiles());
        long http = limits.httpMaxConnections();
        long mqtt = limits.mqttMaxConnections();
        boolean scaled = false;
        if (http == 0 && mqtt == 0) {
            mqtt = budget / 2;
            http = budget / 4;
        } else if (http == 0) {
            mqtt = Math.min(mqtt, budget);
            scaled = mqtt < limits.mqttMaxConnections();
            http = (budget - mqtt) / 2;
        } else if (mqtt == 0) {
            http = Math.min(http, budget / 2);
            scaled = http < limits.httpMaxConnections();
            mqtt = budget - 2 * http;
        } else if (2 * http + mqtt > budget) {
            double factor = budget / (double) (2 * http + mqtt);
            http = (long) Math.floor(http * factor);
            mqtt = (long) Math.floor(mqtt * factor);
            scaled = true;
        }
        int httpTotal = (int) Math.max(MIN_TOTAL, Math.min(Integer.MAX_VALUE, http));
        int mqttTotal = (int) Math.max(MIN_TOTAL, Math.min(Integer.MAX_VALUE, mqtt));
        // A stream holds an HTTP connection for as long as it lasts: streams may never take all of them.
        int sseTotal = Math.max(1, Math.min(limits.sseMaxStreams(), httpTotal / 2));
        return new ConnectionCaps(openFiles.orElse(-1), limits.reservedFiles(), httpTotal,
                Math.min(limits.httpMaxConnectionsPerAddress(), httpTotal), mqttTotal,
                Math.min(limits.mqttMaxConnectionsPerAddress(), mqttTotal), sseTotal,
                Math.min(limits.sseMaxStreamsPerAddress(), sseTotal), scaled);
    }

    /** One sentence for the startup log. */
    public String describe(ConnectionLimits limits) {
        String files = openFilesLimit < 0 ? "an unknown open-files limit (totals assume " + FALLBACK_FILES + ")"
                : "open-files limit " + openFilesLimit;
        return "connection limits: " + files + ", " + reserved + " kept for the database pool and the listeners;"
                + " HTTP at most " + httpTotal + " connections (" + perAddress(httpPerAddress) + "), MQTT at most "
                + mqttTotal + " (" + perAddress(mqttPerAddress) + "), event streams at most " + sseTotal + " ("
                + perAddress(ssePerAddress) + "); HTTP headers within " + limits.httpHeaderTimeout().toSeconds()
                + " s, idle " + limits.httpIdleTimeout().toSeconds() + " s, requests "
                + limits.httpRequestTimeout().toSeconds() + " s; MQTT CONNECT within "
                + limits.mqttConnectTimeout().toSeconds() + " s"
                + (scaled ? " (the configured totals were lowered to fit the open-files limit)" : "");
    }

    private static String perAddress(int cap) {
        return cap == 0 ? "no cap per address" : cap + " per address";
    }
}
