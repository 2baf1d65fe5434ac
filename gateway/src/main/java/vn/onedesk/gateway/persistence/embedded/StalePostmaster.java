package vn.onedesk.gateway.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds and cleanly stops a postmaster that an earlier, now dead, gateway JVM left running on a data
 * directory (the gateway was SIGKILLed; the postmaster, daemonised by {@code pg_ctl}, survived).
 *
 * <p>The postmaster is never SIGKILLed: that would turn a clean restart into crash recovery. It gets
 * SIGTERM (smart shutdown: its clients died with the old JVM, so it exits at once) and, if it is still
 * alive after {@link #SMART_WAIT}, SIGINT (fast shutdown: disconnect clients, checkpoint, exit).
 *
 * <p>Callers must first make sure no live process owns the directory (see
 * {@link EmbeddedDatabase#start}): this class only decides whether the pid in {@code postmaster.pid} is
 * really a postmaster serving this directory.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class.getName());

    static final Duration SMART_WAIT = Duration.ofSeconds(30);
    static final Duration FAST_WAIT = Duration.ofSeconds(60);

    /** What {@code postmaster.pid} in a data directory points at. */
    enum Kind {
        /** No postmaster.pid: the last server shut down cleanly (or never ran). */
        NO_PID_FILE,
        /** The file exists but is not a postmaster.pid we can read; PostgreSQL will judge it itself. */
        UNREADABLE,
        /** The pid is not running: a leftover file that PostgreSQL removes itself on start. */
        DEAD,
        /** The pid was reused by a process that is not PostgreSQL: it must be left alone. */
        NOT_POSTGRES,
        /** A PostgreSQL process, but demonstrably not a postmaster for this directory. */
        OTHER_POSTGRES,
        /** Alive, but we cannot tell what it is (no process information); left alone. */
        UNKNOWN,
        /** A postmaster serving this data directory: stale, to be stopped. */
        OUR_POSTMASTER
    }

    record Finding(Kind kind, long pid, String detail) {
        boolean mustStop() {
            return kind == Kind.OUR_POSTMASTER;
        }
    }

    private StalePostmaster() {
    }

    /** Reads {@code postmaster.pid} and classifies the process it names. Never signals anything. */
    static Finding inspect(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Finding(Kind.NO_PID_FILE, 0, "no postmaster.pid");
        } catch (IOException | RuntimeException e) {
            return new Finding(Kind.UNREADABLE, 0, "cannot read " + pidFile + ": " + e);
        }
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
        } catch (NumberFormatException e) {
            return new Finding(Kind.UNREADABLE, 0, "first line of postmaster.pid is not a pid");
        }
        if (pid < 0) {
            // PostgreSQL writes -pid for a standalone (single-user) backend: someone is doing
            // maintenance by hand. Not ours to stop.
            return classifyAlive(-pid, Kind.UNKNOWN, "standalone backend (postgres --single)");
        }
        if (pid == 0 || pid == ProcessHandle.current().pid()) {
            return new Finding(Kind.UNREADABLE, pid, "implausible pid " + pid);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isRunning(handle.get())) {
            return new Finding(Kind.DEAD, pid, "pid " + pid + " is not running");
        }
        ProcessHandle process = handle.get();
        Optional<Boolean> postgres = isPostgresExecutable(process);
        if (postgres.isEmpty()) {
            return new Finding(Kind.UNKNOWN, pid, "pid " + pid + " is alive but its executable is unknown");
        }
        if (!postgres.get()) {
            return new Finding(Kind.NOT_POSTGRES, pid,
                    "pid " + pid + " is " + process.info().command().orElse("?") + ", not PostgreSQL");
        }
        Optional<Boolean> ours = servesDirectory(process, dataDir);
        if (ours.isEmpty()) {
            return new Finding(Kind.UNKNOWN, pid,
                    "pid " + pid + " is PostgreSQL but its data directory cannot be determined");
        }
        if (!ours.get()) {
            return new Finding(Kind.OTHER_POSTGRES, pid,
                    "pid " + pid + " is PostgreSQL serving another data directory");
        }
        return new Finding(Kind.OUR_POSTMASTER, pid, "postmaster pid " + pid + " serving " + dataDir);
    }

    private static Finding classifyAlive(long pid, Kind kindIfAlive, String what) {
        boolean alive = ProcessHandle.of(pid).map(StalePostmaster::isRunning).orElse(false);
        return alive
                ? new Finding(kindIfAlive, pid, what + " pid " + pid + " is alive")
                : new Finding(Kind.DEAD, pid, what + " pid " + pid + " is not running");
    }

    /**
     * Whether the process runs the PostgreSQL server executable. On Linux the command comes from
     * {@code /proc/<pid>/exe}, which ends in {@code " (deleted)"} when the binaries were removed (for
     * instance a tmp cleaner emptying the extracted binaries) while the server was running.
     */
    static Optional<Boolean> isPostgresExecutable(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            command = info.commandLine().map(line -> line.split(" ", 2)[0]);
        }
        return command.map(StalePostmaster::isPostgresCommand);
    }

    static boolean isPostgresCommand(String command) {
        String c = command.strip();
        if (c.endsWith(" (deleted)")) {
            c = c.substring(0, c.length() - " (deleted)".length());
        }
        int slash = Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\'));
        String name = c.substring(slash + 1);
        return name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster");
    }

    /**
     * Whether the postgres process serves {@code dataDir}. A postmaster's working directory is its data
     * directory (it chdirs there at start), which Linux exposes as {@code /proc/<pid>/cwd}; failing that,
     * its {@code -D} argument.
     */
    static Optional<Boolean> servesDirectory(ProcessHandle process, Path dataDir) {
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            return Optional.of(Files.isSameFile(cwd.toRealPath(), dataDir));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read " + cwd, e);
        }
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isPresent()) {
            String[] args = arguments.get();
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("-D")) {
                    try {
                        return Optional.of(Files.isSameFile(Path.of(args[i + 1]), dataDir));
                    } catch (IOException | RuntimeException e) {
                        return Optional.of(false);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Stops the postmaster named by a finding of kind {@link Kind#OUR_POSTMASTER}: SIGTERM, then SIGINT.
     *
     * @throws IllegalStateException if it is still alive after both waits
     */
    static void stop(Finding finding, Path dataDir) throws InterruptedException {
        if (!finding.mustStop()) {
            throw new IllegalArgumentException("not a stale postmaster: " + finding);
        }
        long pid = finding.pid();
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isRunning(handle.get())) {
            return;
        }
        ProcessHandle process = handle.get();
        long started = System.nanoTime();
        // SIGTERM = smart shutdown. ProcessHandle.destroy() re-checks the process start time, so it
        // cannot hit a process that reused the pid in the meantime.
        if (!process.destroy()) {
            signal(pid, "TERM");
        }
        if (!awaitExit(process, SMART_WAIT)) {
            LOG.warning(() -> "Stale postmaster " + pid + " on " + dataDir + " ignored smart shutdown for "
                    + SMART_WAIT.toSeconds() + " s; requesting fast shutdown (SIGINT)");
            signal(pid, "INT");
            if (!awaitExit(process, FAST_WAIT)) {
                throw new IllegalStateException("Stale postmaster pid " + pid + " on " + dataDir
                        + " is still running " + (SMART_WAIT.toSeconds() + FAST_WAIT.toSeconds())
                        + " s after SIGTERM and SIGINT; it is not SIGKILLed automatically."
                        + " Stop it by hand (pg_ctl -D " + dataDir + " stop -m fast) and restart.");
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.warning(() -> "Found a stale PostgreSQL postmaster (pid " + pid + ") left running on " + dataDir
                + " by a previous gateway process; stopped it cleanly in " + millis + " ms");
    }

    /**
     * {@link ProcessHandle#isAlive()}, except that a zombie counts as gone. A postmaster that exits is
     * not our child (pg_ctl daemonised it), so it stays a zombie until init reaps it, which can take
     * seconds, or forever under an init that does not reap orphans.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).strip();
            char state = afterName.isEmpty() ? '?' : afterName.charAt(0);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc", "self")) && process.isAlive();
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux): trust the JDK
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void signal(long pid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = kill.waitFor();
            if (exit != 0) {
                LOG.warning(() -> "kill -" + signal + " " + pid + " exited with " + exit + ": " + output);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not run kill -" + signal + " " + pid, e);
        }
    }
}
