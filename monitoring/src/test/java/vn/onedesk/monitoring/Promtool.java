package vn.onedesk.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' promtool (Debian package prometheus). Missing, it fails the test with the way to
 * install it: the checks of the alert rules are never skipped.
 */
final class Promtool {
    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path executable() {
        for (String candidate : List.of("/usr/bin/promtool", "/usr/local/bin/promtool")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("promtool is not installed, so the alert rules cannot be checked. "
                + "Run scripts/install-test-tools.sh (it installs Debian's prometheus package, which provides "
                + "promtool), or `apt-get install prometheus`, then run the tests again.");
    }

    static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
