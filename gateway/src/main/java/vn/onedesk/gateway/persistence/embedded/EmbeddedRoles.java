package vn.onedesk.gateway.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Who may do what on the embedded PostgreSQL, made true at every start (as the superuser, over loopback):
 * the roles' passwords are those of {@link EmbeddedCredentials}, pg_hba.conf asks every connection for one, the
 * owner role owns the {@code onedesk} database and every table in it, and the application role may read and write
 * rows and nothing else. A role that is not a superuser cannot {@code COPY ... TO PROGRAM}, read the server's files
 * or change the server's settings: that is what the application role is for. Every step is idempotent, which is
 * also how a cluster made by an earlier OneDesk (trusting loopback, everything owned by postgres) is upgraded.
 */
final class EmbeddedRoles {
    private static final Logger LOG = Logger.getLogger(EmbeddedRoles.class.getName());
    private static final String ROLE_OPTIONS = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

    private EmbeddedRoles() {
    }

    /**
     * On the {@code postgres} database: the passwords and roles, then pg_hba.conf (once the passwords are set, so that
     * no start can lock the gateway out), reloaded at once.
     *
     * @param upgrading true when the passwords were made on this start for a cluster that had none
     */
    static void secure(Connection c, Path dir, EmbeddedCredentials credentials, boolean upgrading)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            // The passwords are URL-safe base64 (checked by EmbeddedCredentials): safe as SQL literals.
            s.execute("ALTER ROLE " + EmbeddedDatabase.SUPERUSER + " PASSWORD '" + credentials.superuser() + "'");
            ensureRole(s, EmbeddedDatabase.OWNER, credentials.owner());
            ensureRole(s, EmbeddedDatabase.APPLICATION, credentials.application());
        }
        Path hba = dir.resolve("pg_hba.conf");
        String was = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
        if (!was.equals(EmbeddedDatabase.PG_HBA)) {
            Path temp = dir.resolve("pg_hba.conf.onedesk-tmp");
            Files.writeString(temp, EmbeddedDatabase.PG_HBA, StandardCharsets.UTF_8);
            EmbeddedCredentials.restrict(temp);
            Files.move(temp, hba, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
            if (upgrading) {
                LOG.warning(() -> "Upgraded the embedded PostgreSQL in " + dir + ", made by an earlier OneDesk that"
                        + " trusted every local connection as superuser: its roles now have random passwords (in "
                        + dir.resolve(EmbeddedCredentials.FILE_NAME) + ", mode 0600), pg_hba.conf asks every"
                        + " connection for one (scram-sha-256), and the gateway works as " + EmbeddedDatabase.APPLICATION
                        + ", which is not a superuser. Tools that connected as postgres without a password need one now");
            } else {
                LOG.info(() -> "Rewrote " + hba + " (passwords only, loopback only)");
            }
        }
    }

    private static void ensureRole(Statement s, String role, String password) throws SQLException {
        s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                + " CREATE ROLE " + role + "; END IF; END $$");
        s.execute("ALTER ROLE " + role + ROLE_OPTIONS + " PASSWORD '" + password + "'");
    }

    /**
     * On the {@code onedesk} database: the owner role owns every table and free-standing sequence (an earlier OneDesk
     * created them as postgres), and the application role gets row privileges on every table, now and to come.
     */
    static void grant(Connection c) throws SQLException {
        String owner = EmbeddedDatabase.OWNER;
        String app = EmbeddedDatabase.APPLICATION;
        try (Statement s = c.createStatement()) {
            s.execute("DO $$ DECLARE r record; BEGIN"
                    + " FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + "  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')"
                    + "  AND c.relowner <> '" + owner + "'::regrole LOOP"
                    + "  EXECUTE format('ALTER TABLE %s OWNER TO " + owner + "', r.name); END LOOP;"
                    // a sequence of a serial column follows its table; only free-standing ones are changed here
                    + " FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + "  WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '" + owner + "'::regrole"
                    + "  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                    + "   AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP"
                    + "  EXECUTE format('ALTER SEQUENCE %s OWNER TO " + owner + "', r.name); END LOOP;"
                    + " END $$");
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT USAGE ON SCHEMA public TO " + app);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + app);
            s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + app);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + app);
        }
    }
}
