package vn.onedesk.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.displays.QrSvgReader;
import vn.onedesk.gateway.mqtt.MqttListener;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.RealConfig;
import vn.onedesk.gateway.support.TestCertificates;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * TLS end to end (issue 13, finding 2), against the whole gateway with a CA made in the test: Paho over MQTT/TLS and
 * over WSS, what handshakes are refused, the plain listener's rules, HTTPS headers and cookie, reload, mutual TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
    private static final String PREFIX = GatewayHarness.PREFIX;
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    @TempDir
    static Path dir;
    private TestCertificates ca;
    private TestCertificates.Issued server;
    private SSLContext trusting;
    /** A real centre's configuration with TLS and without allowPlaintext, its plain MQTT port named. */
    private GatewayHarness real;
    private int plainPort;

    @BeforeAll
    void startARealCentreWithTls() throws IOException {
        ca = TestCertificates.newAuthority(dir, "centre");
        server = ca.server("server");
        trusting = ca.clientContext(null);
        plainPort = freePort();
        Path file = RealConfig.write(dir, Map.of("allowPlaintext", false, "tls", new JsonObject()
                .put("cert", server.cert().toString()).put("key", server.key().toString())));
        real = GatewayHarness.start(RealConfig.env(file, Map.of(ConfigLoader.ENV_ALLOW_PLAINTEXT, "",
                ConfigLoader.ENV_MQTT_PORT, String.valueOf(plainPort))), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void aKioskGetsATicketOverMqttOverTlsAndOverWssWhileARealCentresPlainMqttPortStaysClosed() throws Exception {
        assertEquals(-1, real.gateway().mqttPort(), "no plain listener in a real configuration without allowPlaintext");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", plainPort).close(),
                "nothing listens on the plain MQTT port " + plainPort);

        try (TestDevice kiosk = TestDevice.connect("ssl://127.0.0.1:" + real.gateway().mqttsPort(), "kiosk-1",
                RealConfig.DEVICE_PASSWORD, trusting.getSocketFactory())) {
            assertTicket(kiosk, "tls-tcp-1");
        }
        // MQTT over WebSocket on the HTTPS port: the bridge dials the TLS listener, as no plain one runs
        try (TestDevice kiosk = TestDevice.connect("wss://127.0.0.1:" + real.httpPort() + "/mqtt", "kiosk-1",
                RealConfig.DEVICE_PASSWORD, trusting.getSocketFactory())) {
            assertTicket(kiosk, "tls-wss-1");
        }
        // and the HTTP port speaks only TLS
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + real.httpPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aClientOfferingOnlyTls11OrARetiredCipherSuiteIsRefusedOnBothPorts() throws IOException {
        for (int port : List.of(real.gateway().mqttsPort(), real.httpPort())) {
            String target = "127.0.0.1:" + port;
            // control: the same openssl client, on TLS 1.2, completes its handshake
            TestCertificates.Result tls12 = TestCertificates.opensslMayFail("", "s_client", "-connect", target,
                    "-tls1_2", "-CAfile", ca.caCert().toString(), "-verify_return_error");
            assertEquals(0, tls12.exit(), tls12.output());
            assertTrue(tls12.output().contains("Protocol  : TLSv1.2"), tls12.output());
            // TLS 1.1 offered alone (with the weak SHA-1 it needs allowed on the client's side)
            TestCertificates.Result tls11 = TestCertificates.opensslMayFail("", "s_client", "-connect", target,
                    "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
            assertNotEquals(0, tls11.exit(), tls11.output());
            assertTrue(tls11.output().contains("alert protocol version")
                    && tls11.output().contains("Cipher is (NONE)"), tls11.output());

            // TLS 1.2 with RSA key exchange (no forward secrecy) or CBC: offered alone, refused
            for (String suite : List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")) {
                assertThrows(SSLException.class, () -> handshake(port, "TLSv1.2", suite), suite);
            }
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    handshake(port, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", handshake(port, "TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"));
        }
    }

    @Test
    void theDemoWithTlsServesHttpsWithHstsAndASecureSessionCookieAndKeepsItsPlainMqttListener() throws Exception {
        try (GatewayHarness demo = GatewayHarness.start(GatewayHarness.env(Map.of(
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(), ConfigLoader.ENV_ALLOW_PLAINTEXT, "",
                ConfigLoader.ENV_TLS_CERT, server.cert().toString(),
                ConfigLoader.ENV_TLS_KEY, server.key().toString())), Clock.systemUTC())) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting).build();
            String base = "https://127.0.0.1:" + demo.httpPort();
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base + "/display/hall"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("max-age=31536000", page.headers().firstValue("strict-transport-security").orElse(null));
            assertTrue(page.headers().firstValue("content-security-policy").orElseThrow()
                    .contains("wss://127.0.0.1:" + demo.httpPort()), page.headers().toString());

            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"manager\",\"password\":\"demo\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(cookie.contains("; Secure;"), cookie);
            assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), cookie);

            // The demo keeps plain MQTT beside TLS, so the README's mosquitto commands still work.
            assertTrue(demo.gateway().mqttPort() > 0);
            try (TestDevice kiosk = TestDevice.connect(demo.mqttUri(), "kiosk-1", "demo")) {
                assertTicket(kiosk, "demo-plain-1");
            }
            String token;
            try (TestDevice kiosk = TestDevice.connect("ssl://127.0.0.1:" + demo.gateway().mqttsPort(), "kiosk-1",
                    "demo", trusting.getSocketFactory())) {
                token = assertTicket(kiosk, "demo-tls-1").path("ticket").path("token").asText();
            }
            // The slip's QR code leads the citizen's phone to the ticket page over HTTPS too.
            HttpResponse<String> qr = https.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/centres/hcc-tinh/tickets/by-token/" + token + "/qr.svg")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(base + "/ticket/" + token + "?c=hcc-tinh", QrSvgReader.decode(qr.body()));
        }
    }

    @Test
    void replacedCertificateFilesAreServedToNewHandshakesWithoutARestartAndABadFileKeepsTheOldOne() throws Exception {
        Path cert = dir.resolve("live.pem");
        Path key = dir.resolve("live.key");
        Files.copy(server.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server.key(), key, StandardCopyOption.REPLACE_EXISTING);
        try (GatewayHarness demo = GatewayHarness.start(GatewayHarness.env(Map.of(
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(),
                ConfigLoader.ENV_TLS_CERT, cert.toString(), ConfigLoader.ENV_TLS_KEY, key.toString())),
                Clock.systemUTC());
             LogCapture log = LogCapture.of(ServerTls.class)) {
            int mqtts = demo.gateway().mqttsPort();
            int https = demo.httpPort();
            assertEquals(server.certificate(), presented(mqtts));

            // A renewed certificate (a new key too) is written over the old files, key first, as a renewal tool does.
            TestCertificates.Issued renewed = ca.ecServer("renewed");
            Files.copy(renewed.key(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
            awaitPresented(renewed.certificate(), mqtts);
            assertEquals(renewed.certificate(), presented(https), "HTTPS too");
            assertTrue(log.text().contains("TLS certificate reloaded"), log.text());
            // The WebSocket bridge pins the certificate the gateway serves, the new one included.
            try (TestDevice kiosk = TestDevice.connect("wss://127.0.0.1:" + https + "/mqtt", "kiosk-1", "demo",
                    trusting.getSocketFactory())) {
                assertTicket(kiosk, "after-reload-wss");
            }

            // A broken file: the error names it, and handshakes keep getting the certificate in force.
            // (An error may have been logged already, had a look fallen between the key's copy and the certificate's.)
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
            String broken = cert + " is not a PEM certificate";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (log.records().stream().noneMatch(r -> r.getMessage().contains(broken))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String severe = log.records().stream().filter(r -> r.getMessage().contains(broken))
                    .findFirst().map(r -> r.getLevel() + " " + r.getMessage())
                    .orElseThrow(() -> new AssertionError(log.text()));
            assertTrue(severe.startsWith("SEVERE") && severe.contains("keeps serving the certificate it had"), severe);
            assertEquals(renewed.certificate(), presented(mqtts));
            try (TestDevice kiosk = TestDevice.connect("ssl://127.0.0.1:" + mqtts, "kiosk-1", "demo",
                    trusting.getSocketFactory())) {
                assertTicket(kiosk, "after-bad-file");
            }
        }
    }

    @Test
    void aKioskWhoseRoleNeedsAClientCertificateIsRefusedWithoutOneAndServedWithOne() throws Exception {
        TestCertificates devices = TestCertificates.newAuthority(dir, "devices");
        TestCertificates.Issued kioskCert = devices.client("kiosk-1");
        TestCertificates.Issued strangerCert = ca.client("kiosk-1"); // signed by another CA
        Map<String, String> env = new HashMap<>(Map.of(ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(),
                ConfigLoader.ENV_TLS_CERT, server.cert().toString(), ConfigLoader.ENV_TLS_KEY, server.key().toString(),
                ConfigLoader.ENV_TLS_CLIENT_CA, devices.caCert().toString(),
                ConfigLoader.ENV_TLS_CLIENT_CERT_ROLES, "KIOSK"));
        try (GatewayHarness demo = GatewayHarness.start(GatewayHarness.env(env), Clock.systemUTC());
             LogCapture log = LogCapture.of(MqttListener.class)) {
            String mqtts = "ssl://127.0.0.1:" + demo.gateway().mqttsPort();
            MqttException refused = assertThrows(MqttException.class,
                    () -> TestDevice.connect(mqtts, "kiosk-1", "demo", trusting.getSocketFactory()).close());
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode(), refused.toString());
            assertTrue(log.text().contains("refused CONNECT of device kiosk-1 (KIOSK)")
                    && log.text().contains("client certificate"), log.text());
            // nor through the plain listener the demo keeps, nor over WebSocket: neither can carry a certificate
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, assertThrows(MqttException.class,
                    () -> TestDevice.connect(demo.mqttUri(), "kiosk-1", "demo").close()).getReasonCode());
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, assertThrows(MqttException.class,
                    () -> TestDevice.connect("wss://127.0.0.1:" + demo.httpPort() + "/mqtt", "kiosk-1", "demo",
                            trusting.getSocketFactory()).close()).getReasonCode());
            // a certificate from another CA does not get through the handshake
            assertThrows(MqttException.class, () -> TestDevice.connect(mqtts, "kiosk-1", "demo",
                    ca.clientContext(strangerCert).getSocketFactory()).close());

            try (TestDevice kiosk = TestDevice.connect(mqtts, "kiosk-1", "demo",
                    TestCertificates.context(ca.caCert(), kioskCert).getSocketFactory())) {
                assertTicket(kiosk, "mtls-1");
            }
            // a display's role needs no certificate: it connects over TLS with its password alone
            try (TestDevice hall = TestDevice.connect(mqtts, "hall-1", "demo", trusting.getSocketFactory())) {
                assertTrue(hall.isConnected());
            }
        }
    }

    private static JsonNode assertTicket(TestDevice kiosk, String requestId) throws Exception {
        kiosk.subscribe(RESPONSE);
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId,
                "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}");
        assertTrue(reply.path("ticket").path("number").asText().matches("A\\d{3}"), reply.toString());
        return reply;
    }

    /** Completes a handshake offering only this protocol and suite; returns the suite agreed. */
    private String handshake(int port, String protocol, String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    private X509Certificate presented(int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private void awaitPresented(X509Certificate wanted, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        X509Certificate seen = presented(port);
        while (!seen.equals(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = presented(port);
        }
        assertEquals(wanted, seen, "new handshakes present the renewed certificate");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
