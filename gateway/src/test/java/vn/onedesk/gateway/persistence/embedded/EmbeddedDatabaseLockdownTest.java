package vn.onedesk.gateway.persistence.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.support.LogCapture;

/**
 * Issue 13, finding 7: the embedded PostgreSQL trusted every local connection as superuser, so any account on the
 * machine could connect without a password and run {@code COPY ... TO PROGRAM} or rewrite the queue. Each test
 * starts its own server in its own temporary data directory.
 */
class EmbeddedDatabaseLockdownTest {

    @TempDir
    Path temp;

    @Test
    void aConnectionWithoutAPasswordIsRefusedForEveryRoleAndAWrongPasswordToo() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(temp.resolve("pg"))) {
            for (String role : List.of("postgres", "onedesk_owner", "onedesk")) {
                for (String database : List.of("postgres", "onedesk", "template1")) {
                    SQLException refused = assertThrows(SQLException.class, () -> open(db, role, null, database).close(),
                            role + " without a password on " + database);
                    assertAskedForAPassword(refused, role + " on " + database);
                }
                SQLException wrong = assertThrows(SQLException.class, () -> open(db, role, "guess", "onedesk").close());
                assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
            }
            for (String role : List.of("postgres", "onedesk_owner", "onedesk")) {
                assertEquals(10, authenticationRequest(db, role), role + ": the server's first answer asks for SCRAM"
                        + " (AuthenticationSASL), never AuthenticationOk (0)");
            }
            for (EmbeddedDatabase.Login login : List.of(db.superuser(), db.owner(), db.application())) {
                try (Connection c = open(db, login.user(), login.password(), "onedesk")) {
                    assertEquals(login.user(), value(c, "SELECT current_user"));
                }
            }
        }
    }

    @Test
    void thePasswordsAreInAFileOnlyItsOwnerMayReadInADirectoryOnlyItsOwnerMayEnter() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(temp.resolve("pg"))) {
            Path file = db.dataDirectory().resolve(EmbeddedCredentials.FILE_NAME);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.dataDirectory())));
            Properties kept = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                kept.load(in);
            }
            assertEquals(db.superuser().password(), kept.getProperty("postgres"));
            assertEquals(db.owner().password(), kept.getProperty("onedesk_owner"));
            assertEquals(db.application().password(), kept.getProperty("onedesk"));
            assertEquals(3, List.of(db.superuser().password(), db.owner().password(), db.application().password())
                    .stream().distinct().count(), "three different passwords");
            assertTrue(db.application().password().length() >= 43, "256 random bits");
            String hba = Files.readString(db.dataDirectory().resolve("pg_hba.conf"));
            assertFalse(hba.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("trust")), hba);
            try (Connection c = open(db, db.superuser().user(), db.superuser().password(), "postgres")) {
                assertEquals("", value(c, "SHOW unix_socket_directories"), "no Unix socket");
                assertEquals("127.0.0.1", value(c, "SHOW listen_addresses"));
                assertTrue(value(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'onedesk'")
                        .startsWith("SCRAM-SHA-256$"), "stored as a SCRAM verifier");
            }
        }
        // A second start keeps the passwords (and the file's mode, should someone have widened it).
        Path file = temp.resolve("pg").resolve(EmbeddedCredentials.FILE_NAME);
        String before = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(temp.resolve("pg"))) {
            assertEquals(before, Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            try (Connection c = open(db, db.application().user(), db.application().password(), "onedesk")) {
                assertEquals("1", value(c, "SELECT 1"));
            }
        }
    }

    @Test
    void theApplicationRoleIsNoSuperuserRunsNoProgramAndOnlyReadsAndWritesRows() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(temp.resolve("pg"))) {
            try (Connection owner = open(db, db.owner().user(), db.owner().password(), "onedesk");
                 Statement s = owner.createStatement()) {
                assertEquals("f", value(owner, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
                // as a migration does: the owner creates a table, which the application role may use at once
                s.execute("CREATE TABLE tickets (id bigserial PRIMARY KEY, number text NOT NULL)");
                SQLException program = assertThrows(SQLException.class,
                        () -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"));
                assertEquals("42501", program.getSQLState(), program.getMessage());
            }
            try (Connection app = open(db, db.application().user(), db.application().password(), "onedesk");
                 Statement s = app.createStatement()) {
                assertEquals("f", value(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
                SQLException program = assertThrows(SQLException.class,
                        () -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"));
                assertEquals("42501", program.getSQLState(), program.getMessage());
                SQLException file = assertThrows(SQLException.class,
                        () -> s.execute("SELECT pg_read_file('postgresql.conf')"));
                assertEquals("42501", file.getSQLState(), file.getMessage());
                s.execute("INSERT INTO tickets (number) VALUES ('A001')");
                s.execute("UPDATE tickets SET number = 'A002'");
                assertEquals("A002", value(app, "SELECT number FROM tickets"));
                s.execute("DELETE FROM tickets");
                for (String ddl : List.of("DROP TABLE tickets", "ALTER TABLE tickets ADD COLUMN x int",
                        "CREATE TABLE mine (x int)", "TRUNCATE tickets", "ALTER SYSTEM SET fsync = off")) {
                    SQLException refused = assertThrows(SQLException.class, () -> s.execute(ddl), ddl);
                    assertEquals("42501", refused.getSQLState(), ddl + ": " + refused.getMessage());
                }
            }
        }
    }

    @Test
    void aClusterMadeByAnEarlierVersionThatTrustedLoopbackIsUpgradedOnStart() throws Exception {
        Path dir = temp.resolve("pg");
        // What the landed OneDesk made: initdb -A trust, the onedesk database and its tables owned by postgres.
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setPort(port).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "").start()) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE onedesk OWNER postgres");
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/onedesk",
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tickets (id bigserial PRIMARY KEY, number text NOT NULL)");
                s.execute("INSERT INTO tickets (number) VALUES ('A001')");
            }
        }
        assertTrue(Files.readString(dir.resolve("pg_hba.conf")).contains("trust"), "the old cluster trusts loopback");
        assertFalse(Files.exists(dir.resolve(EmbeddedCredentials.FILE_NAME)));

        try (LogCapture log = LogCapture.of(EmbeddedRoles.class);
             EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("Upgraded the embedded PostgreSQL")), log.text());
            assertFalse(log.text().contains(db.superuser().password()), "the log never holds a password");
            Path file = dir.resolve(EmbeddedCredentials.FILE_NAME);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(EmbeddedDatabase.PG_HBA, Files.readString(dir.resolve("pg_hba.conf")));
            SQLException refused = assertThrows(SQLException.class, () -> open(db, "postgres", null, "onedesk").close());
            assertAskedForAPassword(refused, "postgres without a password");
            try (Connection app = open(db, db.application().user(), db.application().password(), "onedesk");
                 Statement s = app.createStatement()) {
                assertEquals("onedesk_owner", value(app, "SELECT tableowner FROM pg_tables WHERE tablename = 'tickets'"));
                assertEquals("onedesk_owner", value(app,
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'onedesk'"));
                s.execute("INSERT INTO tickets (number) VALUES ('A002')"); // its serial's sequence too
                assertEquals("2", value(app, "SELECT count(*) FROM tickets"));
                assertThrows(SQLException.class, () -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"));
            }
        }
        // and the next start is an ordinary one: nothing more to upgrade
        try (LogCapture log = LogCapture.of(EmbeddedRoles.class);
             EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertFalse(log.text().contains("Upgraded"), log.text());
        }
    }

    private static Connection open(EmbeddedDatabase db, String user, String password, String database)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database, p);
    }

    /** The protocol's own answer to a StartupMessage: the code of the server's Authentication request. */
    private static int authenticationRequest(EmbeddedDatabase db, String user) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(db.host(), db.port())) {
            socket.setSoTimeout(10_000);
            byte[] params = ("user\0" + user + "\0database\0onedesk\0\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
            out.writeInt(8 + params.length);
            out.writeInt(196608); // protocol 3.0
            out.write(params);
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            assertEquals('R', in.readByte(), "an Authentication message");
            in.readInt();
            return in.readInt();
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The server asked for a password: 28P01 when a wrong one was sent; without one pgjdbc does not even try
     * (08004, "the server requested SCRAM-based authentication, but no password was provided").
     */
    private static void assertAskedForAPassword(SQLException refused, String what) {
        assertTrue(refused.getSQLState().equals("28P01") || refused.getSQLState().equals("08004")
                && refused.getMessage().contains("SCRAM"), what + ": " + refused.getSQLState() + " " + refused.getMessage());
    }
}
