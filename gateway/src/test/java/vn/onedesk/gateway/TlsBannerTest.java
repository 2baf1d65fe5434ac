package vn.onedesk.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.RealConfig;
import vn.onedesk.gateway.support.TestCertificates;

/** What the startup log says of TLS: the addresses with their schemes, and a warning for a centre in clear. */
class TlsBannerTest {
    @TempDir
    Path dir;

    @Test
    void aRealCentreWithTlsPrintsMqttsHttpsAndWssAddressesAndNoPlainOne() {
        TestCertificates ca = TestCertificates.newAuthority(dir, "centre");
        TestCertificates.Issued server = ca.server("server");
        Path file = RealConfig.write(dir, Map.of("allowPlaintext", false, "tls", new JsonObject()
                .put("cert", server.cert().toString()).put("key", server.key().toString())));
        try (GatewayHarness gateway = GatewayHarness.start(RealConfig.env(file, Map.of(
                ConfigLoader.ENV_ALLOW_PLAINTEXT, "")), Clock.systemUTC())) {
            String banner = StartupBanner.text(gateway.gateway());
            int mqtts = gateway.gateway().mqttsPort();
            int http = gateway.httpPort();
            assertTrue(banner.contains("mqtts://127.0.0.1:" + mqtts), banner);
            assertTrue(banner.contains("wss://127.0.0.1:" + http + "/mqtt"), banner);
            assertTrue(banner.contains("https://127.0.0.1:" + http + "/admin"), banner);
            assertTrue(banner.contains("TLS        " + server.cert()), banner);
            assertFalse(banner.contains("tcp://") || banner.contains("http://") || banner.contains("ws://"), banner);
        }
    }

    @Test
    void aRealCentreAllowedToRunInClearSaysSoWithAWarning() {
        Path file = RealConfig.write(dir, Map.of("allowPlaintext", true));
        try (LogCapture log = LogCapture.of(OneDeskGateway.class);
             GatewayHarness gateway = GatewayHarness.start(RealConfig.env(file, Map.of()), Clock.systemUTC())) {
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().startsWith("TLS is off (allowPlaintext: true)")), log.text());
            String banner = StartupBanner.text(gateway.gateway());
            assertTrue(banner.contains("tcp://127.0.0.1:" + gateway.gateway().mqttPort()
                    + "  (plain: allowPlaintext, no TLS)"), banner);
            assertEquals(-1, gateway.gateway().mqttsPort());
        }
    }
}
