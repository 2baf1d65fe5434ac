package vn.onedesk.gateway.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onedesk.gateway.support.GatewayProcess;

/**
 * The README's "Try the demo" shell blocks, read from the README itself and run as a user pastes them,
 * with the real mosquitto clients, against the real gateway (a child JVM on the demo centre, demo
 * traffic off as the section advises for exact replies). Only the ports are changed to the test's
 * free ones. A block that says "Leave it running" runs in the background, like a second terminal.
 */
class ReadmeDemoTest {
    @RegisterExtension
    final GatewayProcess gateway = GatewayProcess.inTemporaryFolder();
    private final List<Process> background = new ArrayList<>();

    @AfterEach
    void closeTheOtherTerminals() {
        background.forEach(Process::destroyForcibly);
    }

    @Test
    void everyShellBlockOfTryTheDemoRunsAsWrittenAndShowsTheTicketItsCallAndTheCountersReplies() throws Exception {
        for (String tool : List.of("mosquitto_sub", "mosquitto_rr")) {
            assertEquals(0, new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor(),
                    tool + " is missing: run bash scripts/install-test-tools.sh (Debian's mosquitto-clients)");
        }
        List<String> blocks = demoBlocks();
        assertTrue(blocks.size() >= 3, "the section has its blocks: " + blocks);
        gateway.start();

        StringBuilder foreground = new StringBuilder();
        Path watcherOutput = null;
        for (String block : blocks) {
            String script = block.replace("-p 1883", "-p " + gateway.mqttPort)
                    .replace("localhost:8080", "127.0.0.1:" + gateway.httpPort);
            if (block.contains("Leave it running")) {
                watcherOutput = gateway.folder().resolve("terminal-2.txt");
                background.add(new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                        .redirectOutput(watcherOutput.toFile()).start());
                Thread.sleep(1000); // the subscriber is connected before the next terminal acts
                continue;
            }
            Process p = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "block did not finish:\n" + block);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "block failed:\n" + block + "\noutput:\n" + out);
            assertFalse(out.contains("\"error\""), "the block got an error:\n" + block + "\n" + out);
            foreground.append(out);
        }
        String replies = foreground.toString();
        assertTrue(replies.contains("\"requestId\":\"demo-1\",\"ticket\":{"), replies);
        assertTrue(replies.contains("\"number\":\"A001\""), replies);
        assertTrue(replies.contains("\"reason\":\"called A001 at Q01"), replies);
        assertTrue(replies.contains("\"state\":\"DONE\""), replies);

        assertTrue(watcherOutput != null, "a block plays the hall display in its own terminal");
        String hall = awaitContaining(watcherOutput, "\"state\":\"SERVING\"");
        assertTrue(hall.contains("onedesk/v1/hcc-tinh/calls {\"seq\":1,\"ticket\":\"A001\""), hall);
        assertTrue(hall.contains("\"counter\":\"Q01\",\"counterNumber\":1,\"recall\":false"), hall);
    }

    /** The {@code sh} blocks of "Try the demo" before its first subsection (### Demo traffic), whose blocks
     * start gateways and are DemoResetTest's. */
    static List<String> demoBlocks() throws IOException {
        return Readme.blocks("\n## Try the demo");
    }

    private static String awaitContaining(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(100);
        }
        return content;
    }
}
