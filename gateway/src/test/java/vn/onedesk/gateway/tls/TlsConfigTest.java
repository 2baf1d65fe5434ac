package vn.onedesk.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.config.TlsMaterial;
import vn.onedesk.gateway.config.TlsSettings;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.support.GatewayProcess;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.RealConfig;
import vn.onedesk.gateway.support.TestCertificates;

/** The TLS settings, and the rule that a real centre runs in clear only when its configuration says so. */
class TlsConfigTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    final GatewayProcess process = GatewayProcess.inTemporaryFolder();
    private static TestCertificates ca;
    private static TestCertificates.Issued server;
    private static TestCertificates.Issued other;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.newAuthority(dir, "centre");
        server = ca.server("server");
        other = ca.server("other");
    }

    private Map<String, String> real(Map<String, Object> gateway, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put(ConfigLoader.ENV_CONFIG, RealConfig.write(dir, gateway).toString());
        return all;
    }

    @Test
    void aRealConfigurationWithoutTlsRefusesToLoadSayingHowToFixItUnlessItAllowsPlaintext() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(real(Map.of("allowPlaintext", false), Map.of())));
        assertTrue(e.getMessage().contains("TLS is off") && e.getMessage().contains("ONEDESK_TLS_CERT")
                && e.getMessage().contains("gateway.allowPlaintext: true"), e.getMessage());

        GatewayConfig allowed = ConfigLoader.load(real(Map.of(), Map.of()));
        assertFalse(allowed.tls().enabled());
        assertTrue(allowed.tls().plainListener(false));
        GatewayConfig byEnv = ConfigLoader.load(real(Map.of("allowPlaintext", false),
                Map.of(ConfigLoader.ENV_ALLOW_PLAINTEXT, "true")));
        assertTrue(byEnv.tls().allowPlaintext(), "the environment wins");
        assertFalse(ConfigLoader.load(Map.of()).tls().enabled(), "the demo needs neither");
    }

    @Test
    void aRealConfigurationWithoutTlsStopsTheProcessWithTheMessageAndExitCode2() throws Exception {
        Path file = RealConfig.write(process.folder(), Map.of("allowPlaintext", false));
        int exit = process.runToExit(Map.of("ONEDESK_CONFIG", file.toString(), "ONEDESK_ALLOW_PLAINTEXT", ""),
                Duration.ofSeconds(60));
        assertEquals(2, exit, process.log());
        assertTrue(process.log().contains("TLS is off: a real centre's devices would send their passwords over the"
                + " network in clear"), process.log());
        assertFalse(process.log().contains("\tat "), "no stack trace: " + process.log());
    }

    @Test
    void tlsSettingsComeFromTheFileOrTheEnvironmentWhichWins() {
        GatewayConfig fromFile = ConfigLoader.load(real(Map.of("allowPlaintext", false, "mqttsPort", 18883,
                "tls", new JsonObject().put("cert", server.cert().toString()).put("key", server.key().toString())
                        .put("clientCa", ca.caCert().toString())
                        .put("clientCertRoles", List.of("KIOSK", "counter"))), Map.of()));
        TlsSettings tls = fromFile.tls();
        assertEquals(Optional.of(server.cert()), tls.cert());
        assertEquals(Set.of(DeviceRole.KIOSK, DeviceRole.COUNTER), tls.clientCertRoles());
        assertEquals(18883, tls.mqttsPort());
        assertFalse(tls.plainListener(false), "TLS on, no allowPlaintext: no plain listener");
        assertTrue(tls.plainListener(true), "the demo keeps it");
        assertTrue(tls.requiresClientCertificate(DeviceRole.KIOSK));
        assertFalse(tls.requiresClientCertificate(DeviceRole.DISPLAY));

        GatewayConfig fromEnv = ConfigLoader.load(real(Map.of("allowPlaintext", false), Map.of(
                ConfigLoader.ENV_TLS_CERT, other.cert().toString(), ConfigLoader.ENV_TLS_KEY, other.key().toString(),
                ConfigLoader.ENV_MQTTS_PORT, "0")));
        assertEquals(Optional.of(other.cert()), fromEnv.tls().cert());
        assertEquals(0, fromEnv.tls().mqttsPort());
        assertEquals(TlsSettings.DEFAULT_MQTTS_PORT, ConfigLoader.load(real(Map.of(), Map.of())).tls().mqttsPort());
    }

    @Test
    void aMissingFileAKeyOfAnotherCertificateOrAnUnknownRoleIsRefusedNamingTheFile() throws Exception {
        Path missing = dir.resolve("nowhere.pem");
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, missing.toString(),
                ConfigLoader.ENV_TLS_KEY, server.key().toString()), missing + " does not exist");
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, server.cert().toString(),
                ConfigLoader.ENV_TLS_KEY, other.key().toString()), "the key in " + other.key()
                + " does not match the certificate in " + server.cert());
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, server.cert().toString()),
                "TLS needs both the certificate and its private key");
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "hello");
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, server.cert().toString(),
                ConfigLoader.ENV_TLS_KEY, garbage.toString()), garbage + " is not an unencrypted PEM private key");
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, server.cert().toString(),
                ConfigLoader.ENV_TLS_KEY, server.key().toString(), ConfigLoader.ENV_TLS_CLIENT_CA, ca.caCert().toString(),
                ConfigLoader.ENV_TLS_CLIENT_CERT_ROLES, "KIOSK,COUNTER_TERMINAL"),
                "'COUNTER_TERMINAL' is not a device role");
        assertProblem(Map.of(ConfigLoader.ENV_TLS_CERT, server.cert().toString(),
                ConfigLoader.ENV_TLS_KEY, server.key().toString(), ConfigLoader.ENV_TLS_CLIENT_CA, ca.caCert().toString()),
                "name the device roles that must present a client certificate");
    }

    @Test
    void anExpiredCertificateIsNamedWithItsDate() {
        TlsSettings settings = new TlsSettings(Optional.of(server.cert()), Optional.of(server.key()), Optional.empty(),
                Set.of(), 0, false);
        assertTrue(TlsMaterial.read(settings, Instant.now()).ok().isPresent());
        // the test's certificates are valid 30 days: read 60 days later, as after a renewal that never happened
        TlsMaterial.Result later = TlsMaterial.read(settings, Instant.now().plus(Duration.ofDays(60)));
        assertTrue(later.ok().isEmpty());
        assertTrue(later.problems().stream().anyMatch(p -> p.contains(server.cert().toString())
                && p.contains("expired on " + server.certificate().getNotAfter().toInstant())), later.problems()
                .toString());
    }

    @Test
    void aCertificateEndingWithinTwoWeeksIsWarnedOfWhenLoaded() {
        TlsSettings settings = new TlsSettings(Optional.of(server.cert()), Optional.of(server.key()), Optional.empty(),
                Set.of(), 0, false);
        try (LogCapture log = LogCapture.of(ServerTls.class)) {
            ServerTls.load(settings, java.time.Clock.systemUTC());
            assertEquals("", log.text(), "30 days left: nothing to say");
            ServerTls.load(settings, java.time.Clock.fixed(Instant.now().plus(Duration.ofDays(20)),
                    java.time.ZoneOffset.UTC));
            assertTrue(log.text().startsWith("WARNING the TLS certificate in " + server.cert() + " ends on "),
                    log.text());
        }
    }

    private void assertProblem(Map<String, String> env, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(real(Map.of("allowPlaintext", false), env)));
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in: " + e.getMessage());
    }
}
