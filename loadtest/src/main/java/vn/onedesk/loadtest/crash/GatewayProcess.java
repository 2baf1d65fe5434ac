package vn.onedesk.loadtest.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's runnable jar in a child process, so that it can be killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) and started again on the same data.
 */
public final class GatewayProcess {
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final int mqttPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;

    /**
     * @param env ONEDESK_* settings (config, data dir or PostgreSQL URL); the ports and loopback host are added
     */
    public GatewayProcess(Path jar, String heap, Map<String, String> env, Path log, int mqttPort, int httpPort) {
        String java = ProcessHandle.current().info().command().orElse("java");
        this.command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-jar", jar.toString()));
        this.env = new java.util.HashMap<>(env);
        this.env.put("ONEDESK_HOST", "127.0.0.1");
        this.env.put("ONEDESK_MQTT_PORT", String.valueOf(mqttPort));
        this.env.put("ONEDESK_HTTP_PORT", String.valueOf(httpPort));
        this.log = log;
        this.mqttPort = mqttPort;
        this.httpPort = httpPort;
    }

    public void start(Duration readyWithin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("ONEDESK_"));
        builder.environment().putAll(env);
        process = builder.start();
        long deadline = System.nanoTime() + readyWithin.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway was not ready within " + readyWithin + "; see " + log);
    }

    /** The HTTP status of /health/ready, or -1 when nothing answers within 5 s. */
    public int readiness() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator stops it; SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public int mqttPort() {
        return mqttPort;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
