package vn.onedesk.gateway.crash;

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

/** The real gateway, {@code Main} in a child JVM on the demo centre, so that it can be SIGKILLed. */
final class GatewayProcess {
    private final Path dataDir;
    private final Path log;
    final int mqttPort;
    final int httpPort;
    private Process process;

    GatewayProcess(Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.mqttPort = freePort();
        this.httpPort = freePort();
    }

    void start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "vn.onedesk.gateway.Main"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("ONEDESK_CONFIG");
        builder.environment().remove("ONEDESK_PG_URL");
        builder.environment().put("ONEDESK_DATA_DIR", dataDir.toString());
        builder.environment().put("ONEDESK_HOST", "127.0.0.1");
        builder.environment().put("ONEDESK_MQTT_PORT", String.valueOf(mqttPort));
        builder.environment().put("ONEDESK_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("ONEDESK_DEMO_TRAFFIC", "off"); // the crash tests count tickets exactly
        process = builder.start();
        awaitReady(Duration.ofSeconds(90));
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
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
