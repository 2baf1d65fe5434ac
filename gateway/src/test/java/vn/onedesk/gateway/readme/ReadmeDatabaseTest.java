package vn.onedesk.gateway.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;

/**
 * The README's way into the embedded database ("The database: embedded or external"), run as written against a
 * demo gateway on its own data folder: psql with the owner role's password from the gateway's 0600 file. The same
 * psql without that password is refused.
 */
class ReadmeDatabaseTest {

    @Test
    void theReadmesPsqlBlockOpensTheEmbeddedDatabaseAsItsOwnerAndWithoutThePasswordPsqlIsRefused(@TempDir Path data)
            throws Exception {
        assertEquals(0, new ProcessBuilder("sh", "-c", "command -v psql").start().waitFor(),
                "psql is missing: run bash scripts/install-test-tools.sh (Debian's postgresql-client)");
        List<String> blocks = Readme.blocks("\n### The database: embedded or external");
        assertTrue(blocks.size() >= 1, "the section has its psql block");
        String block = blocks.get(0);
        assertTrue(block.contains("psql"), block);
        try (GatewayHarness gateway = GatewayHarness.start(
                GatewayHarness.env(Map.of(ConfigLoader.ENV_DATA_DIR, data.toString())), Clock.systemUTC())) {
            String script = block.replace("PG=./data/pg", "PG='" + data.resolve("pg") + "'");
            String out = run(script, "SELECT current_user || ' sees ' || count(*) || ' tickets' FROM tickets;\n");
            assertTrue(out.contains("onedesk_owner sees 0 tickets"), out);

            String withoutPassword = script.replaceAll("PGPASSWORD=\\$\\([^)]*\\) \\\\\\n", "PGPASSWORD= ");
            assertTrue(!withoutPassword.contains("sed -n 's/^onedesk_owner"), withoutPassword);
            Process p = process(withoutPassword.strip() + " -w", "SELECT 1;\n"); // -w: never prompt
            String refused = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), refused);
            assertTrue(refused.contains("no password supplied"), refused);
        }
    }

    private static String run(String script, String stdin) throws Exception {
        Process p = process(script, stdin);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "block did not finish:\n" + script);
        assertEquals(0, p.exitValue(), "block failed:\n" + script + "\noutput:\n" + out);
        return out;
    }

    private static Process process(String script, String stdin) throws Exception {
        Process p = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return p;
    }
}
