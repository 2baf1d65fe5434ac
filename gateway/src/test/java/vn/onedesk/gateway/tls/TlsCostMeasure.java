package vn.onedesk.gateway.tls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestCertificates;
import vn.onedesk.gateway.support.TestDatabase;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A measurement, not a test (surefire's default names leave it out): what TLS costs a device, on the demo with TLS.
 * 30 connections (CONNECT to CONNACK, the password checked each time) and 200 ticket round trips over plain MQTT,
 * MQTT over TLS and WSS, after one warm-up round. Run it alone:
 * {@code mvn -B -o -q -pl gateway -am verify -Dtest=TlsCostMeasure -Dsurefire.failIfNoSpecifiedTests=false}, then
 * {@code grep MEASURE gateway/target/surefire-reports/*TlsCostMeasure-output.txt}.
 */
class TlsCostMeasure {
    @TempDir Path dir;

    @Test
    void measure() throws Exception {
        TestCertificates ca = TestCertificates.newAuthority(dir, "centre");
        TestCertificates.Issued server = ca.server("server");
        SSLContext ctx = ca.clientContext(null);
        try (GatewayHarness demo = GatewayHarness.start(GatewayHarness.env(Map.of(
                ConfigLoader.ENV_PG_URL, TestDatabase.freshDatabaseUrl(),
                ConfigLoader.ENV_TLS_CERT, server.cert().toString(), ConfigLoader.ENV_TLS_KEY, server.key().toString())),
                Clock.systemUTC())) {
            String[] uris = {demo.mqttUri(), "ssl://127.0.0.1:" + demo.gateway().mqttsPort(),
                    "wss://127.0.0.1:" + demo.httpPort() + "/mqtt"};
            for (int round = 0; round < 2; round++) {
                for (String uri : uris) {
                    long[] connect = new long[30];
                    for (int i = 0; i < connect.length; i++) {
                        long t = System.nanoTime();
                        try (TestDevice d = uri.startsWith("ssl") || uri.startsWith("wss")
                                ? TestDevice.connect(uri, "hall-1", "demo", ctx.getSocketFactory())
                                : TestDevice.connect(uri, "hall-1", "demo")) {
                            connect[i] = System.nanoTime() - t;
                        }
                    }
                    long[] ticket = new long[200];
                    try (TestDevice k = uri.startsWith("ssl") || uri.startsWith("wss")
                            ? TestDevice.connect(uri, "kiosk-1", "demo", ctx.getSocketFactory())
                            : TestDevice.connect(uri, "kiosk-1", "demo")) {
                        k.subscribe(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response");
                        for (int i = 0; i < ticket.length; i++) {
                            String id = "m-" + round + "-" + uri.hashCode() + "-" + i;
                            long t = System.nanoTime();
                            k.request(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request",
                                    GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response", id,
                                    "{\"requestId\":\"" + id + "\",\"service\":\"TP\"}");
                            ticket[i] = System.nanoTime() - t;
                        }
                    }
                    if (round == 1) {
                        System.err.printf("MEASURE %-40s connect p50 %.1f ms p90 %.1f ms | ticket p50 %.2f ms p99 %.2f ms%n",
                                uri.replaceAll(":\\d+", ""), pct(connect, 50), pct(connect, 90), pct(ticket, 50), pct(ticket, 99));
                    }
                }
            }
        }
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }
}
