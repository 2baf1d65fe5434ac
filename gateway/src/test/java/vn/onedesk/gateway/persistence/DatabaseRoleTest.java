package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * Issue 13, finding 7, as the gateway uses its database: the pool works as a role that is not a superuser, so
 * whoever gets hold of the gateway's connections cannot run programs on the database server; migrations run as the
 * schema's owner.
 */
class DatabaseRoleTest {
    private static final String REQUEST = GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String ROLES_LOGGER = "vn.onedesk.gateway.DatabaseRoles";

    @Test
    void theEmbeddedDatabasesPoolIsNoSuperuserAndCannotRunAProgram(@TempDir Path dataDir) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(
                GatewayHarness.env(Map.of(ConfigLoader.ENV_DATA_DIR, dataDir.toString())), Clock.systemUTC())) {
            Row me = GatewayHarness.await(gateway.gateway().query(
                    "SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user")).iterator().next();
            assertEquals(EmbeddedDatabase.APPLICATION, me.getString(0));
            assertFalse(me.getBoolean(1), "the pool's role is not a superuser");
            PgException program = failure(gateway, "COPY (SELECT 1) TO PROGRAM 'true'");
            assertEquals("42501", program.getSqlState(), program.getMessage());
            PgException drop = failure(gateway, "DROP TABLE events");
            assertEquals("42501", drop.getSqlState(), drop.getMessage());
            assertEquals(0, gateway.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tableowner <> 'onedesk_owner'"), "migrations made every table as the owner role");
            assertEquals("A001", ticket(gateway, "role-1"), "and it takes tickets as ever");
        }
    }

    @Test
    void anExternalUrlWhoseRoleIsASuperuserStartsWithAWarningAndTheOwnersWithout() throws Exception {
        EmbeddedDatabase pg = TestDatabase.server();
        String ownerUrl = TestDatabase.freshDatabaseUrl();
        // another database: the first gateway's migrations make its tables the superuser's
        String superUrl = TestDatabase.freshDatabaseUrl().replace(pg.owner().user() + ":" + pg.owner().password() + "@",
                pg.superuser().user() + ":" + pg.superuser().password() + "@");
        try (LogCapture log = LogCapture.named(ROLES_LOGGER);
             GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                     superUrl)), Clock.systemUTC())) {
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("as postgres, a superuser")), log.text());
            assertFalse(log.text().contains(pg.superuser().password()), "never the password");
        }
        try (LogCapture log = LogCapture.named(ROLES_LOGGER);
             GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                     ownerUrl)), Clock.systemUTC())) {
            assertEquals("", log.text());
        }
    }

    @Test
    void migrationsRunAsTheMigrateUrlsOwnerAndThePoolAsARoleThatOnlyReadsAndWritesRows() throws Exception {
        EmbeddedDatabase pg = TestDatabase.server();
        String ownerUrl = TestDatabase.freshDatabaseUrl();
        String database = ownerUrl.substring(ownerUrl.lastIndexOf('/') + 1);
        String app = "app_" + database;
        String password = "app-password-" + ProcessHandle.current().pid();
        // What the README tells an operator of an external PostgreSQL to do, as its superuser.
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/"
                + database, pg.superuser().user(), pg.superuser().password()); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + app + " LOGIN PASSWORD '" + password + "'");
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE onedesk_owner IN SCHEMA public"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE onedesk_owner IN SCHEMA public"
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + app);
        }
        String appUrl = "postgresql://" + app + ":" + password + "@" + pg.host() + ":" + pg.port() + "/" + database;
        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL, appUrl,
                ConfigLoader.ENV_PG_MIGRATE_URL, ownerUrl)), Clock.systemUTC())) {
            assertEquals(app, GatewayHarness.await(gateway.gateway().query("SELECT current_user::text")).iterator()
                    .next().getString(0));
            assertEquals(0, gateway.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tableowner <> 'onedesk_owner'"), "the migrations ran as the owner");
            assertEquals("A001", ticket(gateway, "external-1"));
            PgException ddl = failure(gateway, "ALTER TABLE tickets ADD COLUMN x int");
            assertEquals("42501", ddl.getSqlState(), ddl.getMessage());
        }
    }

    private static PgException failure(GatewayHarness gateway, String sql) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GatewayHarness.await(gateway.gateway().query(sql)));
        Throwable cause = e;
        while (cause != null && !(cause instanceof PgException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof PgException, String.valueOf(e));
        return (PgException) cause;
    }

    private static String ticket(GatewayHarness gateway, String requestId) throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1")) {
            kiosk.subscribe(RESPONSE);
            return kiosk.request(REQUEST, RESPONSE, requestId, "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}")
                    .path("ticket").path("number").asText();
        }
    }
}
