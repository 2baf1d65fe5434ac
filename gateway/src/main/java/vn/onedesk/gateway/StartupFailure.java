package vn.onedesk.gateway;

import java.net.BindException;
import java.net.SocketException;
import vn.onedesk.gateway.config.ConfigLoader;

/**
 * A start-up failure the person starting the gateway caused and can fix: a port already taken, a
 * database that cannot be reached, a data folder that cannot be used. Its message says what failed and
 * which setting changes it; {@code Main} prints it without a stack trace (a trace helps only for our
 * own bugs, and those are everything that is not a StartupFailure) and exits with {@link #exitCode()}.
 */
public final class StartupFailure extends RuntimeException {
    /** A port or address cannot be used (sysexits' EX_UNAVAILABLE). */
    public static final int CANNOT_LISTEN = 69;
    /** The database cannot be reached or opened (sysexits' EX_UNAVAILABLE as well: a service is missing). */
    public static final int DATABASE_UNAVAILABLE = 69;
    /** The data folder cannot be used (sysexits' EX_CANTCREAT). */
    public static final int DATA_DIR_UNUSABLE = 73;

    private final int exitCode;

    public StartupFailure(String message, int exitCode, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * The listener {@code what} (MQTT, HTTP) could not bind {@code host:port}; names the setting that moves it.
     *
     * @param fileKey the key in the configuration file's {@code gateway} section
     */
    public static StartupFailure cannotListen(String what, String host, int port, String env, String fileKey,
                                              Throwable cause) {
        String reason = reason(cause);
        String fix;
        if (cause instanceof BindException && reason.contains("in use")) {
            fix = "another program (or another OneDesk) already uses port " + port + ". Stop it, or start OneDesk on"
                    + " another port: " + env + "=<port> (or gateway." + fileKey + " in the configuration file; 0 picks"
                    + " a free port)";
        } else if (reason.contains("Permission denied") || reason.contains("Access denied")) {
            fix = "only root may listen on ports below 1024; choose a port from 1024 up with " + env + "=<port> (or"
                    + " gateway." + fileKey + ")";
        } else if (reason.contains("assign requested address") || reason.contains("Cannot assign")) {
            fix = "this machine has no address " + host + "; set " + ConfigLoader.ENV_HOST + " (or gateway.host) to one"
                    + " of its addresses, or 0.0.0.0 for all";
        } else {
            fix = "change " + env + " (or gateway." + fileKey + ") or " + ConfigLoader.ENV_HOST;
        }
        return new StartupFailure(what + " cannot listen on " + host + ":" + port + " (" + reason + "): " + fix,
                CANNOT_LISTEN, cause);
    }

    /** The cause's own words, without class names; "unknown reason" when it has none. */
    static String reason(Throwable cause) {
        Throwable t = cause;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == null || t.getMessage() == null || t.getMessage().isBlank()) {
            return cause instanceof SocketException ? "socket error" : "unknown reason";
        }
        return t.getMessage();
    }
}
