package vn.onedesk.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time and memory of a server process, read from {@code /proc}: the process itself and its whole
 * tree of descendants (the embedded PostgreSQL is a child of the gateway JVM, so "tree" is the gateway
 * with its database). Heap comes from {@code jcmd PID GC.heap_info}, the JDK's own tool.
 */
public final class ProcessProbe {
    private static final long CLOCK_TICKS = clockTicks();
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final List<Long> alsoRoots;

    private ProcessProbe(long pid, List<Long> alsoRoots) {
        this.pid = pid;
        this.alsoRoots = alsoRoots;
    }

    public static ProcessProbe of(long pid) {
        return of(pid, List.of());
    }

    /**
     * @param alsoRoots more processes counted in the "tree" figures with their descendants: the embedded
     *                  PostgreSQL's postmaster daemonises, so it is not the gateway JVM's child
     */
    public static ProcessProbe of(long pid, List<Long> alsoRoots) {
        for (long p : concat(pid, alsoRoots)) {
            if (!Files.isDirectory(Path.of("/proc", String.valueOf(p)))) {
                throw new IllegalArgumentException("no process " + p + " in /proc");
            }
        }
        return new ProcessProbe(pid, List.copyOf(alsoRoots));
    }

    private static List<Long> concat(long pid, List<Long> more) {
        List<Long> all = new ArrayList<>(List.of(pid));
        all.addAll(more);
        return all;
    }

    public long pid() {
        return pid;
    }

    public boolean alive() {
        return Files.isDirectory(Path.of("/proc", String.valueOf(pid)));
    }

    /** CPU time in clock ticks and resident memory, of the process and of its tree, at one moment. */
    public record Sample(long nanos, long cpuTicks, long treeCpuTicks, long rssKb, long treeRssKb, int treeSize) {
    }

    public Sample sample() {
        Map<Long, Long> parents = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                String[] stat = stat(Long.parseLong(p.getFileName().toString()));
                if (stat != null) {
                    parents.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(stat[1]));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        List<Long> tree = concat(pid, alsoRoots);
        for (int i = 0; i < tree.size(); i++) {
            long parent = tree.get(i);
            parents.forEach((child, p) -> {
                if (p == parent) {
                    tree.add(child);
                }
            });
        }
        long own = cpu(pid);
        long total = 0;
        long treeRss = 0;
        for (long p : tree) {
            total += cpu(p);
            treeRss += rssKb(p);
        }
        return new Sample(System.nanoTime(), own, total, rssKb(pid), treeRss, tree.size());
    }

    /** Share of one core used between two samples, in percent (100 = one core busy). */
    public static double cpuPercent(long ticksBefore, long ticksAfter, long nanosBefore, long nanosAfter) {
        double seconds = (nanosAfter - nanosBefore) / 1e9;
        return seconds <= 0 ? Double.NaN : (ticksAfter - ticksBefore) / (double) CLOCK_TICKS / seconds * 100;
    }

    /**
     * Heap in use, from {@code jcmd PID GC.heap_info} (every collector reports "used NK" per generation);
     * with {@code collectFirst}, after a full collection ({@code jcmd PID GC.run}), so only live objects count.
     */
    public OptionalLong heapUsedBytes(boolean collectFirst) {
        if (collectFirst) {
            jcmd("GC.run");
        }
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return OptionalLong.empty();
        }
        long usedKb = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space") || !trimmed.contains("total")) {
                continue;
            }
            Matcher m = USED.matcher(trimmed);
            if (m.find()) {
                usedKb += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? OptionalLong.of(usedKb * 1024) : OptionalLong.empty();
    }

    /** The soft limit on open files of the process ({@code /proc/PID/limits}), or -1 when unknown. */
    public long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return -1;
    }

    private String jcmd(String command) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name is in parentheses and may itself contain spaces or parentheses
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long cpu(long pid) {
        String[] stat = stat(pid);
        // after the name: state(0) ppid(1) ... utime(11) stime(12)
        return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return 0;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
