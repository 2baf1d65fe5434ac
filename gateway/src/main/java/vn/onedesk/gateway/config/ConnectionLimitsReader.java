package vn.onedesk.gateway.config;

import static vn.onedesk.gateway.config.ConfigLoader.ENV_HTTP_HEADER_TIMEOUT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_HTTP_IDLE_TIMEOUT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_HTTP_MAX_CONNECTIONS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_HTTP_MAX_CONNECTIONS_PER_ADDRESS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_HTTP_REQUEST_TIMEOUT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_MQTT_CONNECT_TIMEOUT;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_MQTT_MAX_CONNECTIONS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_MQTT_MAX_CONNECTIONS_PER_ADDRESS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_RESERVED_FILES;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_SSE_MAX_STREAMS;
import static vn.onedesk.gateway.config.ConfigLoader.ENV_SSE_MAX_STREAMS_PER_ADDRESS;
import static vn.onedesk.gateway.config.ConfigLoader.blankToNull;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Reads {@link ConnectionLimits} for {@link ConfigLoader}: the environment, else the file's {@code gateway.limits}. */
final class ConnectionLimitsReader {
    private ConnectionLimitsReader() {
    }

    /**
     * The listeners' timeouts (whole seconds) and caps (0 = derived, for totals; none, for per-address caps): from
     * the variables, else the file's {@code gateway.limits} object, else {@link ConnectionLimits#DEFAULTS}.
     */
    static ConnectionLimits read(Map<String, String> env, JsonObject gateway, List<String> problems) {
        Object raw = gateway.getValue("limits");
        JsonObject file = raw instanceof JsonObject o ? o : new JsonObject();
        if (raw != null && !(raw instanceof JsonObject)) {
            problems.add("gateway.limits: must be an object such as {\"httpMaxConnections\": 4000}, got " + raw);
        }
        for (String key : file.fieldNames()) {
            if (!LIMIT_KEYS.contains(key)) {
                problems.add("gateway.limits." + key + ": not a setting; the settings are " + LIMIT_KEYS);
            }
        }
        ConnectionLimits d = ConnectionLimits.DEFAULTS;
        return new ConnectionLimits(
                seconds(env, ENV_HTTP_HEADER_TIMEOUT, file, "httpHeaderTimeoutSeconds", d.httpHeaderTimeout(), problems),
                seconds(env, ENV_HTTP_IDLE_TIMEOUT, file, "httpIdleTimeoutSeconds", d.httpIdleTimeout(), problems),
                seconds(env, ENV_HTTP_REQUEST_TIMEOUT, file, "httpRequestTimeoutSeconds", d.httpRequestTimeout(),
                        problems),
                seconds(env, ENV_MQTT_CONNECT_TIMEOUT, file, "mqttConnectTimeoutSeconds", d.mqttConnectTimeout(),
                        problems),
                count(env, ENV_HTTP_MAX_CONNECTIONS, file, "httpMaxConnections", d.httpMaxConnections(), problems),
                count(env, ENV_HTTP_MAX_CONNECTIONS_PER_ADDRESS, file, "httpMaxConnectionsPerAddress",
                        d.httpMaxConnectionsPerAddress(), problems),
                count(env, ENV_MQTT_MAX_CONNECTIONS, file, "mqttMaxConnections", d.mqttMaxConnections(), problems),
                count(env, ENV_MQTT_MAX_CONNECTIONS_PER_ADDRESS, file, "mqttMaxConnectionsPerAddress",
                        d.mqttMaxConnectionsPerAddress(), problems),
                count(env, ENV_SSE_MAX_STREAMS, file, "sseMaxStreams", d.sseMaxStreams(), problems),
                count(env, ENV_SSE_MAX_STREAMS_PER_ADDRESS, file, "sseMaxStreamsPerAddress",
                        d.sseMaxStreamsPerAddress(), problems),
                count(env, ENV_RESERVED_FILES, file, "reservedFileHandles", d.reservedFiles(), problems),
                onOff(env, ConfigLoader.ENV_MQTT_PROXY_PROTOCOL, file, "mqttProxyProtocol", problems));
    }

    private static boolean onOff(Map<String, String> env, String envName, JsonObject file, String key,
                                 List<String> problems) {
        String v = blankToNull(env.get(envName));
        if (v == null) {
            Object raw = file.getValue(key);
            if (raw == null || raw instanceof Boolean) {
                return Boolean.TRUE.equals(raw);
            }
            problems.add("gateway.limits." + key + ": must be true or false, got " + raw);
            return false;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1", "yes" -> {
                return true;
            }
            case "off", "false", "0", "no" -> {
                return false;
            }
            default -> {
                problems.add(envName + ": must be on or off, got '" + v + "'");
                return false;
            }
        }
    }

    private static final List<String> LIMIT_KEYS = List.of("httpHeaderTimeoutSeconds", "httpIdleTimeoutSeconds",
            "httpRequestTimeoutSeconds", "mqttConnectTimeoutSeconds", "httpMaxConnections",
            "httpMaxConnectionsPerAddress", "mqttMaxConnections", "mqttMaxConnectionsPerAddress", "sseMaxStreams",
            "sseMaxStreamsPerAddress", "reservedFileHandles", "mqttProxyProtocol");
    /** A day: longer than any sensible timeout, short enough that a typo of extra zeros is caught. */
    private static final long MAX_TIMEOUT_SECONDS = 86_400;
    private static final long MAX_COUNT = 10_000_000;

    private static java.time.Duration seconds(Map<String, String> env, String envName, JsonObject file, String key,
                                              java.time.Duration fallback, List<String> problems) {
        long n = number(env, envName, file, key, fallback.toSeconds(), 1, MAX_TIMEOUT_SECONDS,
                "a whole number of seconds from 1 to " + MAX_TIMEOUT_SECONDS, problems);
        return java.time.Duration.ofSeconds(n);
    }

    private static int count(Map<String, String> env, String envName, JsonObject file, String key, int fallback,
                             List<String> problems) {
        return (int) number(env, envName, file, key, fallback, 0, MAX_COUNT,
                "a whole number from 0 to " + MAX_COUNT, problems);
    }

    private static long number(Map<String, String> env, String envName, JsonObject file, String key, long fallback,
                               long min, long max, String what, List<String> problems) {
        String fromEnv = blankToNull(env.get(envName));
        Object value = fromEnv != null ? fromEnv.trim() : file.getValue(key);
        if (value == null) {
            return fallback;
        }
        try {
            long n = value instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    ? num.longValue() : Long.parseLong(String.valueOf(value));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName + " (or gateway.limits." + key + "): must be " + what + ", got '" + value + "'");
        return fallback;
    }
}
