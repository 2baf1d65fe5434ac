package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec-test-0123456789";
    private static final byte[] BODY = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHeaderIsTheHmacSha256OfTheTimeADotAndTheRawBodyAsOpensslComputesIt() {
        // printf '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac 'whsec-test-0123456789' -hex
        assertEquals("t=1700000000,v1=58d28fbf086fbde99f454837fdfb2969fcf8a373b8c67bbf7e0c796c15ba40bf",
                WebhookSignature.header(SECRET, 1_700_000_000L, BODY));
    }

    @Test
    void aReceiverAcceptsItsOwnDeliveryAndRefusesAnotherSecretAnAlteredBodyOrAnOldRecording() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY);
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, 1_700_000_100L, 300));
        assertFalse(WebhookSignature.verify("another-secret-0123456789", header, BODY, 1_700_000_100L, 300));
        assertFalse(WebhookSignature.verify(SECRET, header, "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8),
                1_700_000_100L, 300));
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, 1_700_000_301L, 300), "replayed too late");
        assertFalse(WebhookSignature.verify(SECRET, "t=1700000000,v1=zz", BODY, 1_700_000_000L, 300));
        assertFalse(WebhookSignature.verify(SECRET, null, BODY, 1_700_000_000L, 300));
        assertFalse(WebhookSignature.verify(SECRET, "v1=58d2", BODY, 1_700_000_000L, 300));
    }

    @Test
    void retriesWaitExponentiallyLongerWithJitterUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(2));
        assertEquals(Duration.ofSeconds(5), backoff.after(1, () -> 1.0));
        assertEquals(Duration.ofMillis(2_500), backoff.after(1, () -> 0.0), "jitter down to half");
        assertEquals(Duration.ofSeconds(10), backoff.after(2, () -> 1.0));
        assertEquals(Duration.ofSeconds(40), backoff.after(4, () -> 1.0));
        assertEquals(Duration.ofHours(2), backoff.after(20, () -> 1.0), "capped");
        assertEquals(Duration.ofHours(1), backoff.after(60, () -> 0.0), "capped, then jittered");
    }
}
