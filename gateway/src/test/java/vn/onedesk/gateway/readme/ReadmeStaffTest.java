package vn.onedesk.gateway.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;

/**
 * The README's {@code curl} blocks of "Staff and login" and of "Daily report", read from the README itself and
 * run with the real curl, in one folder (their cookie jars and the saved CSV land there), against the real demo
 * gateway. Only the port is changed to the test's.
 */
class ReadmeStaffTest {

    @TempDir
    Path folder;

    @Test
    void theStaffAndReportCurlBlocksRunAsWrittenAndDoWhatTheySay() throws Exception {
        assertEquals(0, new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor(), "curl is missing");
        List<String> staff = blocks("\n## Staff and login");
        List<String> report = blocks("\n### Daily report");
        assertEquals(3, staff.size(), "log in/me/logout, a bearer token, a password change: " + staff);
        assertEquals(1, report.size(), report.toString());
        try (GatewayHarness gateway = GatewayHarness.startDemo()) {
            String port = "127.0.0.1:" + gateway.httpPort();

            String session = run(staff.get(0), port);
            assertEquals(2, count(session, "\"username\" : \"manager\""), "the login and me: " + session);
            assertTrue(session.contains("\"role\" : \"CENTRE_MANAGER\""), session);
            assertTrue(run("curl -s -o /dev/null -w '%{http_code}' -b jar http://localhost:8080/api/v1/auth/me", port)
                    .equals("401"), "after the logout, the jar's cookie opens nothing");

            String bearer = run(staff.get(1), port);
            assertTrue(bearer.contains("\"username\" : \"admin\""), bearer);
            assertTrue(bearer.contains("\"role\" : \"ADMIN\""), bearer);

            run(staff.get(2), port);
            assertEquals(200, Logins.login(gateway, "officer-Q01", "mat-khau-moi-2025").statusCode(),
                    "the block changed officer-Q01's password");

            String reading = run(report.get(0), port);
            assertTrue(reading.contains("\"centre\" : \"hcc-tinh\""), reading);
            assertTrue(reading.contains("\"date\" : \"2025-03-03\""), reading);
            byte[] csv = Files.readAllBytes(folder.resolve("bao-cao-ngay_hcc-tinh_2025-03-03.csv"));
            assertEquals(0xEF, csv[0] & 0xFF, "the CSV was saved, with its byte-order mark");
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

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<String> blocks(String heading) throws Exception {
        return Readme.blocks(heading);
    }
}
