package vn.onedesk.gateway.support;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway, {@code Main} in a child JVM on the demo centre with its embedded PostgreSQL, so that
 * it can be SIGKILLed, and started with command-line flags as {@code java -jar} would.
 */
public final class GatewayProcess {
    private final Path dataDir;
    private final Path log;
    public final int mqttPort;
    public final int httpPort;
    private Process process;

    public GatewayProcess(Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.mqttPort = freePort();
        this.httpPort = freePort();
    }

    /** Starts the demo without its traffic (the crash tests count tickets exactly) and waits until it is ready. */
    public void start() throws Exception {
        start(Map.of("ONEDESK_DEMO_TRAFFIC", "off"));
    }

    /** Starts the demo with these environment variables and flags, and waits until it is ready. */
    public void start(Map<String, String> env, String... args) throws Exception {
        process = launch(env, args, ProcessBuilder.Redirect.appendTo(log.toFile()));
        awaitReady(Duration.ofSeconds(90));
    }

    /**
     * Runs {@code Main} with these variables and flags until it exits by itself (a refusal), and returns
     * its exit code; what it printed is in the log.
     */
    public int runToExit(Map<String, String> env, Duration timeout, String... args) throws Exception {
        Process p = launch(env, args, ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("gateway still running after " + timeout + "; see " + log);
        }
        return p.exitValue();
    }

    private Process launch(Map<String, String> env, String[] args, ProcessBuilder.Redirect output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "vn.onedesk.gateway.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().keySet().removeIf(name -> name.startsWith("ONEDESK_"));
        builder.environment().put("ONEDESK_DATA_DIR", dataDir.toString());
        builder.environment().put("ONEDESK_HOST", "127.0.0.1");
        builder.environment().put("ONEDESK_MQTT_PORT", String.valueOf(mqttPort));
        builder.environment().put("ONEDESK_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().putAll(env);
        return builder.start();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or systemd stop: the shutdown hook runs. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** http://127.0.0.1:{port}{path} on the gateway's HTTP port. */
    public String httpUri(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** Everything the gateway processes printed so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + log);
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
