package vn.onedesk.gateway.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.support.GatewayHarness;

/**
 * The README's {@code curl} blocks of "Reports over a period, and across centres", read from the README itself
 * and run with the real curl in one folder (the cookie jars and the saved CSV land there), against the real demo
 * gateway. Only the port is changed to the test's.
 */
class ReadmeReportsTest {

    @TempDir
    Path folder;

    @Test
    void theReportsOverAPeriodCurlBlocksRunAsWrittenAndDoWhatTheySay() throws Exception {
        assertEquals(0, new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor(), "curl is missing");
        List<String> blocks = Readme.blocks("\n### Reports over a period, and across centres");
        assertEquals(2, blocks.size(), "the manager's month by officer and by day, the administrator's province");
        try (GatewayHarness gateway = GatewayHarness.startDemo()) {
            String port = "127.0.0.1:" + gateway.httpPort();

            String month = run(blocks.get(0), port);
            assertTrue(month.contains("\"by\" : \"officer\""), month);
            assertTrue(month.contains("\"days\" : 31"), month);
            byte[] csv = Files.readAllBytes(folder.resolve("bao-cao_hcc-tinh_2025-03-01_2025-03-31_theo-ngay.csv"));
            assertEquals(0xEF, csv[0] & 0xFF, "the CSV was saved, with its byte-order mark");
            assertEquals(1 + 1 + 31, new String(csv, StandardCharsets.UTF_8).split("\r\n").length,
                    "the header, the totals and a row per day of March");

            String province = run(blocks.get(1), port);
            assertTrue(province.contains("\"by\" : \"centre\""), province);
            assertTrue(province.contains("\"centre\" : \"hcc-tinh\""), province);
        }
    }

    private String run(String block, String port) throws Exception {
        String script = block.replace("localhost:8080", port);
        Process p = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).directory(folder.toFile())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "block did not finish:\n" + block);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "block failed:\n" + block + "\noutput:\n" + out);
        assertTrue(!out.contains("\"error\""), "the block got an error:\n" + block + "\n" + out);
        return out;
    }
}
