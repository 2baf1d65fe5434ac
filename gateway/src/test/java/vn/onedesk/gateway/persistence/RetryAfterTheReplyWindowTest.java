package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.ErrorCode;

/**
 * The writer keeps a reply's bytes for {@link CentreStore#RECENT_REPLIES} only; a kiosk retrying later, before or
 * after a restart, still gets the very bytes it got the first time, read back from PostgreSQL, and reusing the id
 * for another request is still a duplicate.
 */
class RetryAfterTheReplyWindowTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRetryAfterTheWindowAndAfterARestartGetsTheSameBytesFromTheDatabase() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        try (GatewayHarness gateway = GatewayHarness.startDemo(clock)) {
            byte[] first;
            byte[] second;
            try (TestDevice kiosk = gateway.device("kiosk-1")) {
                kiosk.subscribe(RESPONSE);
                first = send(kiosk, "late-1", "TP");
                clock.advance(CentreStore.RECENT_REPLIES.plusMinutes(8));
                second = send(kiosk, "late-2", "TP"); // its commit lets go of late-1's bytes

                assertArrayEquals(first, send(kiosk, "late-1", "TP"), "a retry after the window, same gateway");
                assertEquals(ErrorCode.DUPLICATE_REQUEST.name(), kiosk.request(REQUEST, RESPONSE, "late-1",
                        "{\"requestId\":\"late-1\",\"service\":\"GT\"}").path("error").path("code").asText());
            }

            gateway.restart();
            clock.advance(Duration.ofHours(3));
            try (TestDevice kiosk = gateway.device("kiosk-1")) {
                kiosk.subscribe(RESPONSE);
                assertArrayEquals(first, send(kiosk, "late-1", "TP"), "after the restart, three hours later");
                assertArrayEquals(second, send(kiosk, "late-2", "TP"));
                assertEquals(ErrorCode.DUPLICATE_REQUEST.name(), kiosk.request(REQUEST, RESPONSE, "late-2",
                        "{\"requestId\":\"late-2\",\"service\":\"GT\"}").path("error").path("code").asText());
                String third = new String(send(kiosk, "late-3", "TP"), StandardCharsets.UTF_8);
                assertEquals(true, third.contains("\"A003\""), third);
            }
            assertEquals(3, gateway.count("SELECT count(*) FROM tickets"), "no retry issued a ticket");
        }
    }

    private static byte[] send(TestDevice kiosk, String requestId, String service) throws Exception {
        kiosk.publish(REQUEST, ("{\"requestId\":\"" + requestId + "\",\"service\":\"" + service + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return kiosk.await(x -> x.topic().equals(RESPONSE) && requestId.equals(x.json().path("requestId").asText()),
                WAIT).payload();
    }
}
