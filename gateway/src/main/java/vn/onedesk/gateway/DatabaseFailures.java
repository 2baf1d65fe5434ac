package vn.onedesk.gateway;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Set;
import vn.onedesk.gateway.config.ConfigLoader;

/**
 * Turns the database failures a person can cause at start (PostgreSQL not running, a wrong password or
 * database name in the URL, an unusable data folder) into a {@link StartupFailure} that names the
 * setting to fix. Anything else is left as it is: it is a bug, and its stack trace is wanted.
 */
final class DatabaseFailures {
    /** invalid_authorization_specification, invalid_password, invalid_catalog_name, insufficient_privilege. */
    private static final Set<String> SETUP_STATES = Set.of("28000", "28P01", "3D000", "42501");

    private DatabaseFailures() {
    }

    /** A failure of the first queries against the database described as {@code where}. */
    static Throwable explain(Throwable e, String where) {
        if (e instanceof PgException pg && pg.getSqlState() != null && SETUP_STATES.contains(pg.getSqlState())) {
            return new StartupFailure(where + " refused OneDesk: " + pg.getErrorMessage() + " (SQLSTATE "
                    + pg.getSqlState() + "). Check the user, password and database name in "
                    + ConfigLoader.ENV_PG_URL + " (or gateway.pgUrl)", StartupFailure.DATABASE_UNAVAILABLE, e);
        }
        if (isUnreachable(e)) {
            return new StartupFailure("cannot reach " + where + " (" + StartupFailure.reason(e) + "). Start"
                    + " PostgreSQL, or correct the host and port in " + ConfigLoader.ENV_PG_URL + " (or gateway.pgUrl);"
                    + " without it OneDesk runs its own embedded PostgreSQL", StartupFailure.DATABASE_UNAVAILABLE, e);
        }
        return e;
    }

    /** The embedded server could not start in {@code dataDir}. */
    static Throwable embedded(Throwable e, Path dataDir) {
        return new StartupFailure("the embedded PostgreSQL cannot start in " + dataDir.resolve("pg") + " ("
                + StartupFailure.reason(e) + "). Check that the folder is writable and not used by another OneDesk,"
                + " or choose another folder with " + ConfigLoader.ENV_DATA_DIR + " (or gateway.dataDir); its log is"
                + " in " + dataDir.resolve("pg").resolve("log"), StartupFailure.DATA_DIR_UNUSABLE, e);
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Connection refused") || m.contains("Failed to resolve")
                    || m.contains("connection timed out") || m.contains("Connection timed out"))) {
                return true;
            }
        }
        return false;
    }
}
