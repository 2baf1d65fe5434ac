package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;

/** The rule of /metrics on its own, for every kind of peer address: loopback without a token, the token with one. */
class MetricsAccessTest {
    private static final String TOKEN = "prometheus-token-0123456789";

    @Test
    void withoutATokenLoopbackCallersMayReadAndEveryOtherAddressMayNot() {
        MetricsAccess open = new MetricsAccess(Optional.empty());
        for (String loopback : List.of("127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:1")) {
            assertTrue(open.allows(peer(loopback), null), loopback);
        }
        for (String other : List.of("192.0.2.2", "10.0.0.7", "::ffff:192.0.2.2", "fe80::1", "128.0.0.1", "1127.0.0.1", "127.0.0.256", "localhost")) {
            assertFalse(open.allows(peer(other), null), other);
            assertFalse(open.allows(peer(other), "Bearer " + TOKEN), other + ", whatever it sends, with no token set");
        }
        assertFalse(open.allows(null, null), "an unknown peer is not loopback");
    }

    @Test
    void withATokenEveryCallerNeedsItLoopbackIncluded() {
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_METRICS_TOKEN, TOKEN));
        MetricsAccess guarded = new MetricsAccess(config.metricsToken());
        for (String address : List.of("127.0.0.1", "192.0.2.2")) {
            assertTrue(guarded.allows(peer(address), "Bearer " + TOKEN), address);
            assertTrue(guarded.allows(peer(address), "bearer  " + TOKEN), address + ": the scheme is case-insensitive");
            assertFalse(guarded.allows(peer(address), null), address);
            assertFalse(guarded.allows(peer(address), "Bearer " + TOKEN + "x"), address);
            assertFalse(guarded.allows(peer(address), "Bearer " + TOKEN.substring(1)), address);
            assertFalse(guarded.allows(peer(address), "Basic " + TOKEN), address);
            assertFalse(guarded.allows(peer(address), TOKEN), address);
        }
    }

    private static SocketAddress peer(String host) {
        return SocketAddress.inetSocketAddress(40_000, host);
    }
}
