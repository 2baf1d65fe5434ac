package vn.onedesk.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway, {@code Main} in a child JVM (on the demo centre unless told otherwise), so that it
 * can be SIGKILLed, sent SIGHUP or SIGTERM, or watched failing to start with its exit code and log.
 */
public final class GatewayProcess implements AfterEachCallback {
    private final Path folder;
    private final Path dataDir;
    private final Path log;
    public final int mqttPort;
    public final int httpPort;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private Process process;

    /**
     * A gateway whose data and log live in a folder of its own, for a test's {@code @RegisterExtension} field:
     * after each test the process is stopped and the folder deleted.
     */
    public static GatewayProcess inTemporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("onedesk-gateway-");
            return new GatewayProcess(folder, folder.resolve("data"), folder.resolve("gateway.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GatewayProcess(Path dataDir, Path log) throws IOException {
        this(null, dataDir, log);
    }

    private GatewayProcess(Path folder, Path dataDir, Path log) throws IOException {
        this.folder = folder;
        this.dataDir = dataDir;
        this.log = log;
        this.mqttPort = freePort();
        this.httpPort = freePort();
        env.putAll(base());
        env.put("ONEDESK_DEMO_TRAFFIC", "off"); // tests count tickets exactly unless they ask for traffic
    }

    /**
     * Where this gateway keeps its data and listens: the settings every start has. A real configuration may run
     * without TLS (tests talk to it over loopback); a test of the TLS rules passes {@code ONEDESK_ALLOW_PLAINTEXT} as
     * "" (unset).
     */
    private Map<String, String> base() {
        return Map.of("ONEDESK_DATA_DIR", dataDir.toString(), "ONEDESK_HOST", "127.0.0.1",
                "ONEDESK_MQTT_PORT", String.valueOf(mqttPort), "ONEDESK_HTTP_PORT", String.valueOf(httpPort),
                "ONEDESK_MQTTS_PORT", "0", "ONEDESK_ALLOW_PLAINTEXT", "true");
    }

    /**
     * Starts the gateway with exactly these variables over the base ones (the demo's own defaults otherwise, demo
     * traffic included) and these flags, and waits until it is ready.
     */
    public void start(Map<String, String> variables, String... arguments) throws Exception {
        env.clear();
        env.putAll(base());
        env.putAll(variables);
        args(arguments);
        start();
    }

    /** Like {@link #start(Map, String...)}, for a start that ends by itself (a refusal); returns the exit code. */
    public int runToExit(Map<String, String> variables, Duration timeout, String... arguments) throws Exception {
        env.clear();
        env.putAll(base());
        env.putAll(variables);
        args(arguments);
        return startAndAwaitExit(timeout);
    }

    /** http://127.0.0.1:{port}{path} on the gateway's HTTP port. */
    public String httpUri(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** Everything the gateway processes printed so far (the same as {@link #log()}). */
    public String output() throws IOException {
        return log();
    }

    /** Sets (or, with null, removes) an environment variable for the next start. */
    public GatewayProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Command-line arguments for the next start. */
    public GatewayProcess args(String... arguments) {
        args.clear();
        args.addAll(List.of(arguments));
        return this;
    }

    /** Starts the gateway and waits until it is ready. */
    public void start() throws Exception {
        launch();
        awaitReady(Duration.ofSeconds(90));
    }

    /** Starts the gateway and waits for it to exit by itself; returns the exit code. */
    public int startAndAwaitExit(Duration timeout) throws Exception {
        launch();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the gateway did not exit within " + timeout + "; log:\n" + log());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "vn.onedesk.gateway.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("ONEDESK_"));
        env.forEach((name, value) -> {
            if (value != null) {
                builder.environment().put(name, value);
            }
        });
        process = builder.start();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends a signal by name (HUP, TERM, ...) with kill(1). */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The folder of {@link #inTemporaryFolder()}, for a test's own files (a configuration, a second log). */
    public Path folder() {
        return folder;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        if (folder != null) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Everything the process has written so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; log:\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway not ready within " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
