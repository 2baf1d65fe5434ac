package vn.onedesk.gateway.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;

/**
 * One real PostgreSQL per test JVM (the gateway's own embedded server), with a fresh database per
 * test so tests never see each other's tickets.
 */
public final class TestDatabase {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            // One directory per test JVM: parallel builds in one work tree must not share a server.
            server = EmbeddedDatabase.start(Path.of("target", "test-pg", String.valueOf(ProcessHandle.current().pid()))
                    .toAbsolutePath());
        }
        return server;
    }

    /** Creates an empty database and returns its URL, for ONEDESK_PG_URL. */
    public static String freshDatabaseUrl() {
        EmbeddedDatabase pg = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres", pg.superuser().user(), pg.superuser().password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            // owned by the embedded server's owner role, not a superuser, as a real centre's should be
            s.execute("CREATE DATABASE " + name + " OWNER " + EmbeddedDatabase.OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "postgresql://" + pg.owner().user() + ":" + pg.owner().password() + "@" + pg.host() + ":" + pg.port()
                + "/" + name;
    }
}
