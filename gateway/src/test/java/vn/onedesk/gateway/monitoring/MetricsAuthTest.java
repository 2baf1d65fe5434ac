package vn.onedesk.gateway.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.RealConfig;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * Who may read /metrics on the real gateway: in the demo, loopback callers without a token and nobody else; with a
 * real configuration and a token, only a caller that sends it; with a real configuration and none, loopback only.
 */
class MetricsAuthTest {
    private static final String TOKEN = "prometheus-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theDemoAnswersALoopbackCallerWithoutTokenAndRefusesTheSameCallFromThisMachinesNetworkAddress() {
        InetAddress network = networkAddress();
        try (GatewayHarness gateway = GatewayHarness.start(GatewayHarness.env(Map.of(ConfigLoader.ENV_PG_URL,
                TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_HOST, "0.0.0.0")), Clock.systemUTC())) {
            assertEquals(200, HttpCalls.get(gateway.httpUri("/metrics")).statusCode());
            HttpResponse<String> remote = HttpCalls.get("http://" + network.getHostAddress() + ":" + gateway.httpPort()
                    + "/metrics");
            assertEquals(401, remote.statusCode(), "from " + network + ": " + remote.body());
            assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(remote));
            assertTrue(remote.body().contains("loopback callers only"), remote.body());
            assertEquals(200, HttpCalls.get("http://" + network.getHostAddress() + ":" + gateway.httpPort()
                    + "/health").statusCode(), "only /metrics is kept to loopback");
        }
    }

    @Test
    void aRealConfigurationWithATokenRefusesNoTokenAndAWrongOneAndAnswersTheRightOne() {
        Path file = RealConfig.write(dir, Map.of("metricsToken", TOKEN));
        try (GatewayHarness gateway = GatewayHarness.start(RealConfig.env(file, Map.of()), Clock.systemUTC())) {
            String metrics = gateway.httpUri("/metrics");
            HttpResponse<String> none = HttpCalls.get(metrics);
            assertEquals(401, none.statusCode(), "even from loopback: " + none.body());
            assertEquals("UNAUTHENTICATED", HttpCalls.errorCode(none));
            assertTrue(none.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
            assertEquals(401, HttpCalls.get(metrics, "Authorization", "Bearer " + TOKEN + "0").statusCode());
            assertEquals(401, HttpCalls.get(metrics, "Authorization", "Bearer not-the-token").statusCode());
            HttpResponse<String> right = HttpCalls.get(metrics, "Authorization", "Bearer " + TOKEN);
            assertEquals(200, right.statusCode());
            assertTrue(right.body().contains("onedesk_ready"), "the scrape itself");
            assertEquals("bearer token required (gateway.metricsToken)", gateway.gateway().metricsAccess().describe(),
                    "what the startup log says");
        }
    }

    @Test
    void aRealConfigurationWithoutATokenAnswersLoopbackOnlyAndTheStartupLogSaysSo() {
        Path file = RealConfig.write(dir, Map.of());
        try (GatewayHarness gateway = GatewayHarness.start(RealConfig.env(file, Map.of()), Clock.systemUTC())) {
            assertEquals(200, HttpCalls.get(gateway.httpUri("/metrics")).statusCode());
            assertTrue(gateway.gateway().metricsAccess().describe().startsWith("loopback callers only"));
        }
    }

    /** An address of this machine that is not loopback, as another machine on its network would reach it. */
    private static InetAddress networkAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (address instanceof Inet4Address && !address.isLoopbackAddress()
                                && !address.isLinkLocalAddress()) {
                            return address;
                        }
                    }
                }
            }
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
        return fail("this machine has no network address besides loopback, so no caller can come from elsewhere");
    }
}
