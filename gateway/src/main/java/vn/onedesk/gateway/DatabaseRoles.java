package vn.onedesk.gateway;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.logging.Logger;
import vn.onedesk.gateway.config.ConfigLoader;

/**
 * Says at start when the gateway's pool works as a PostgreSQL superuser. A superuser can run
 * {@code COPY ... TO PROGRAM} (a shell on the database server) and read or change anything: whoever took over the
 * gateway, or found its URL, would have all that. The embedded database never does this (its pool role is
 * {@code onedesk}); an external one's URL is the operator's choice, so this is a warning, not a refusal.
 */
final class DatabaseRoles {
    private static final Logger LOG = Logger.getLogger(DatabaseRoles.class.getName());

    private DatabaseRoles() {
    }

    static Future<Void> warnIfSuperuser(Pool pool, String where) {
        return pool.query("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user").execute()
                .map(rows -> {
                    if (rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(1))) {
                        String role = rows.iterator().next().getString(0);
                        LOG.warning(() -> "The gateway works on " + where + " as " + role + ", a superuser: anyone"
                                + " who gets the gateway's database URL can run programs on the database server"
                                + " (COPY ... TO PROGRAM). Give " + ConfigLoader.ENV_PG_URL + " a role that only"
                                + " reads and writes the schema's rows, and " + ConfigLoader.ENV_PG_MIGRATE_URL
                                + " the role that owns the schema (README, \"An external PostgreSQL\")");
                    }
                    return null;
                });
    }
}
