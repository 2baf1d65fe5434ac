package vn.onedesk.gateway.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.RealConfig;

/**
 * The first administrator of a real configuration: made at the first start with a random password that the log
 * shows once, never again; and none of the demo's staff outside the demo.
 */
class BootstrapAdminTest {
    private static final Pattern ONE_TIME = Pattern.compile("username admin, one-time password (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theFirstStartOfARealConfigurationCreatesAdminAndPrintsItsPasswordOnceAndNeverAgain() {
        GatewayHarness gateway;
        String password;
        try (LogCapture log = LogCapture.of(StaffSeed.class)) {
            gateway = GatewayHarness.start(RealConfig.env(RealConfig.write(dir, Map.of()), Map.of()), Clock.systemUTC());
            List<LogRecord> told = log.records().stream().filter(r -> ONE_TIME.matcher(r.getMessage()).find()).toList();
            assertEquals(1, told.size(), log.text());
            assertEquals(Level.INFO, told.get(0).getLevel(), "a healthy first start logs no warning");
            assertTrue(told.get(0).getMessage().contains("change it at once (POST /api/v1/auth/password)"),
                    told.get(0).getMessage());
            Matcher m = ONE_TIME.matcher(told.get(0).getMessage());
            assertTrue(m.find());
            password = m.group(1);
            assertTrue(password.length() >= 16, password);
        }
        try {
            JsonNode admin = HttpCalls.json(Logins.login(gateway, "admin", password));
            assertEquals("ADMIN", admin.path("roles").get(0).path("role").asText(), admin.toString());
            assertEquals(401, Logins.login(gateway, "manager", "demo").statusCode(), "no demo staff outside the demo");
            assertEquals(401, Logins.login(gateway, "admin", "demo").statusCode());
            assertEquals(1, gateway.count("SELECT count(*) FROM staff_accounts"));
            assertFalse(gateway.count("SELECT count(*) FROM staff_accounts WHERE password_hash LIKE '%' || $1 || '%'",
                    password) > 0, "stored only as a hash");

            try (LogCapture log = LogCapture.of(StaffSeed.class)) {
                gateway.restart();
                assertEquals("", log.text(), "the second start says nothing of admin");
            }
            assertEquals(200, Logins.login(gateway, "admin", password).statusCode(), "the same admin, unchanged");
            assertEquals(1, gateway.count("SELECT count(*) FROM staff_accounts"));
        } finally {
            gateway.close();
        }
    }

    @Test
    void theDemoCreatesItsStaffWithPasswordDemoAndNoBootstrapPassword() {
        try (LogCapture log = LogCapture.of(StaffSeed.class);
             GatewayHarness gateway = GatewayHarness.startDemo()) {
            assertFalse(ONE_TIME.matcher(log.text()).find(), log.text());
            assertEquals(26, gateway.count("SELECT count(*) FROM staff_accounts"));
            assertEquals(24, gateway.count("SELECT count(*) FROM staff_accounts WHERE username LIKE 'officer-Q%'"
                    + " AND pin_hash IS NOT NULL AND operator IS NOT NULL"));
            assertEquals(24, gateway.count("SELECT count(*) FROM staff_roles WHERE role = 'OFFICER'"
                    + " AND centre_id = 'hcc-tinh'"));
            assertEquals("BHXH", GatewayHarness.await(gateway.gateway().query(
                    "SELECT operator FROM staff_accounts WHERE username = 'officer-Q17'")).iterator().next()
                    .getString(0), "an officer works for their counter's operator");
            for (String username : List.of("admin", "manager", "officer-Q01", "officer-Q24")) {
                assertEquals(200, Logins.login(gateway, username, "demo").statusCode(), username);
            }
            gateway.restart();
            assertEquals(26, gateway.count("SELECT count(*) FROM staff_accounts"), "made once, if absent");
        }
    }
}
